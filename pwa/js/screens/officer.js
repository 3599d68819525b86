// Correction officer (and supervisor): caseload with the absconded first, then the overdue, a
// person's page, in-person reports and home visits (through the outbox),
// reviewing self check-ins, enrolling a person, plan and status changes.
import { gql, OPS } from '../api.js';
import {
  t, tEnum, fmtDateTime, fmtDate, fmtDuration, fmtRelative, isoWithOffset, dateInputValue, localInputValue, fromLocalInput,
  loadArea,
} from '../i18n.js';
import {
  h, mount, title, field, formValues, formMessage, showFieldError, showFormError, busy, announce,
  cachedQuery, asOf, errorBox, errorText, statusBadge, empty, facts, locate, place, enumOptions, debounce, loading,
  showFieldErrors, showProblemCount, problemText, keepDraft, showRefused, badge,
} from '../ui.js';
import { newClientId, myOutboxItems, onSent, cacheGet, enqueueAndWait } from '../store.js';
import { loadRules, checkForm, attrsOf } from '../rules.js';
import { minorAtStart } from '../minors.js';
import { checkTerm } from '../date_rules.js';
import { codeCard } from '../qr.js';
import { endingSection } from '../ending.js';
import { identityBox, intakePhotoBox } from '../identity.js';
import { distanceLine, residenceCard, residenceFields, residenceInput } from '../places.js';

// Every status, for the caseload's filter.
const STATUSES = ['ACTIVE', 'ABSCONDED', 'RELEASED', 'TERMINATED', 'REVOKED', 'PENDING_INTAKE'];
// The links to the care screens (screens/care.js) are labelled from its catalogue.
await loadArea('care');
await loadArea('referaid');
await loadArea('search');
await loadArea('caseload');
// The rules' own words (a name's symbols, a term's length, the search by ID).
await loadArea('input');
// The one switch an officer sets by hand (setSupervisionStatus): 脱管 and back.
// The ends of supervision are acts of their own (ending.js), and a pending
// person becomes ACTIVE by the intake (intake.js).
const STATUS_SWITCH = { ACTIVE: 'ABSCONDED', ABSCONDED: 'ACTIVE' };
const LEVELS = ['STRICT', 'NORMAL', 'LENIENT'];
const TYPES = ['CONTROL', 'PROBATION', 'PAROLE', 'TEMPORARY_OUTSIDE_PRISON'];
// Which of checkInIntervalsInForce's figures a level takes.
const INTERVAL_OF = { STRICT: 'strictDays', NORMAL: 'normalDays', LENIENT: 'lenientDays' };

function dueText(p) {
  if (p.status !== 'ACTIVE') return tEnum('SupervisionStatus', p.status);
  if (!p.nextCheckInDue) return '—';
  const ms = Date.parse(p.nextCheckInDue) - Date.now();
  if (p.overdue) return t('caseload.overdueBy', { d: fmtDuration(ms) });
  return ms < 0 ? t('caseload.dueNow') : t('caseload.dueIn', { d: fmtDuration(ms) });
}

// ---------------------------------------------------------------- caseload

export async function caseload(el, ctx) {
  const state = { search: ctx.query.get('q') || '', status: ctx.query.get('status') || '', overdue: ctx.query.get('overdue') === '1' };
  const listBox = h('div', { class: 'list-box' });
  const more = h('button', { class: 'btn block', type: 'button', hidden: true, testid: 'caseload-more' }, t('list.loadMore'));
  const search = h('input', {
    type: 'search', id: 'caseload-search', value: state.search, testid: 'caseload-search',
    placeholder: t('input.searchHint'), autocomplete: 'off', enterkeyhint: 'search',
  });
  const statusSel = h(
    'select',
    { id: 'caseload-status', testid: 'caseload-status' },
    enumOptions('SupervisionStatus', STATUSES, tEnum, t('filter.anyStatus')).map(([v, l]) => h('option', { value: v, selected: v === state.status }, l)),
  );
  const overdueBox = h('input', { type: 'checkbox', id: 'caseload-overdue', testid: 'caseload-overdue', checked: state.overdue });

  mount(
    el,
    h('div', { class: 'title-row' }, title(t('caseload.title')), h('a', { class: 'btn small', href: '#/enrol', testid: 'caseload-enrol' }, t('nav.enrol'))),
    h('p', null, h('a', { href: '#/care', testid: 'caseload-care' }, t('care.link'))),
    h(
      'div',
      { class: 'filters', role: 'search' },
      h('label', { for: 'caseload-search', class: 'visually-hidden' }, t('caseload.searchLabel')),
      search,
      h('div', { class: 'filter-row' },
        h('label', { for: 'caseload-status', class: 'visually-hidden' }, t('filter.status')),
        statusSel,
        h('span', { class: 'check-inline' }, overdueBox, h('label', { for: 'caseload-overdue' }, t('caseload.onlyOverdue')))),
    ),
    listBox,
    more,
  );

  const filtered = () => !!(state.search || state.status || state.overdue);

  function applyLocally(nodes) {
    // Offline: the same filters, on the cached full list.
    const q = state.search.toLowerCase();
    return nodes.filter(
      (p) =>
        (!state.status || p.status === state.status) &&
        (!state.overdue || p.overdue) &&
        (!q || p.fullName.toLowerCase().includes(q) || p.idNumberMasked.toLowerCase().endsWith(q)),
    );
  }

  let cursor = null;
  let variables = null;
  let list = null;

  const item = (p) =>
    h(
      'li',
      null,
      h(
        'a',
        { class: `card-link${p.overdue ? ' overdue' : ''}`, href: `#/person/${encodeURIComponent(p.id)}`, testid: 'caseload-item' },
        h('span', { class: 'row-main' },
          h('strong', { testid: 'caseload-name' }, p.fullName, p.minorAtStart ? minorBadge() : null),
          h('span', { class: 'muted' }, `${tEnum('CorrectionType', p.correctionType)} · ${tEnum('SupervisionLevel', p.supervisionLevel)} · ${p.orgUnit.name}`),
          h('span', { class: 'muted' }, p.lastCheckIn ? t('caseload.lastCheckIn', { rel: fmtRelative(p.lastCheckIn.capturedAt) }) : t('caseload.noCheckIn'))),
        h('span', { class: `due-chip${p.overdue ? ' bad' : ''}` }, dueText(p)),
      ),
    );

  function render(data, meta) {
    const c = data.supervisedPersons;
    let nodes = c.edges.map((e) => e.node);
    // Offline, the filters apply to the cached first page (in its order).
    const local = meta.fromCache && filtered();
    if (local) nodes = applyLocally(nodes);
    // The server counts the whole listing; offline, the cached page's own rows
    // (a page cached before the counts were asked has none).
    const counted = !local && Number.isInteger(c.abscondedCount);
    const absconded = counted ? c.abscondedCount : nodes.filter((p) => p.status === 'ABSCONDED').length;
    const overdue = counted ? c.overdueCount : nodes.filter((p) => p.overdue).length;
    list = nodes.length ? h('ul', { class: 'list cards', testid: 'caseload-list' }, nodes.map(item)) : null;
    mount(
      listBox,
      asOf(meta.asOf, meta.stale),
      h('p', { class: 'summary', testid: 'caseload-summary' },
        t('caseload.summaryCounts', { n: local ? nodes.length : c.totalCount, absconded, overdue })),
      list || empty(t('caseload.empty')),
    );
    cursor = c.pageInfo.endCursor;
    more.hidden = !c.pageInfo.hasNextPage || meta.stale;
  }

  more.addEventListener('click', () =>
    busy(more, async () => {
      try {
        const c = (await gql(OPS.caseload, { ...variables, after: cursor }, { signal: ctx.signal })).supervisedPersons;
        if (!ctx.alive) return;
        list.append(...c.edges.map((e) => item(e.node)));
        cursor = c.pageInfo.endCursor;
        more.hidden = !c.pageInfo.hasNextPage;
      } catch (err) {
        if (ctx.alive && err.name !== 'AbortError') announce(errorText(err), 'error');
      }
    }),
  );

  const load = () => {
    const filter = {};
    if (state.search) filter.search = state.search;
    if (state.status) filter.status = state.status;
    if (state.overdue) filter.overdue = true;
    variables = { filter: filtered() ? filter : null };
    more.hidden = true;
    // Only the unfiltered first page is cached; filters apply to it offline.
    return cachedQuery(
      ctx,
      filtered() ? null : 'caseload',
      () => gql(OPS.caseload, { ...variables, after: null }, { signal: ctx.signal }),
      render,
      async (err) => {
        const cached = err.offline && (await cacheGet('caseload'));
        if (cached) render(cached.data, { asOf: cached.asOf, stale: true, fromCache: true });
        else mount(listBox, errorBox(err, load));
      },
    );
  };

  const reload = () => {
    const qs = new URLSearchParams();
    if (state.search) qs.set('q', state.search);
    if (state.status) qs.set('status', state.status);
    if (state.overdue) qs.set('overdue', '1');
    // Keep the filters in the address so Back returns to the same view.
    history.replaceState(null, '', '#/caseload' + (qs.toString() ? '?' + qs : ''));
    load();
  };
  search.addEventListener('input', debounce(() => ((state.search = search.value.trim()), reload()), 350));
  statusSel.addEventListener('change', () => ((state.status = statusSel.value), reload()));
  overdueBox.addEventListener('change', () => ((state.overdue = overdueBox.checked), reload()));
  await load();
}

// -------------------------------------------------------------- person page

export async function personPage(el, ctx) {
  const id = ctx.params.id;
  const body = h('div');
  mount(el, body);
  let manageOpen = false; // kept open across the reloads a saved form brings

  function render(data, meta) {
    const p = data.supervisedPerson;
    if (!p) return mount(body, title(t('person.title')), errorBox({ code: 'NOT_FOUND' }));
    const pendingBox = h('div');
    const disciplineBox = h('section', { testid: 'person-discipline' });
    mount(
      body,
      h('p', { class: 'back' }, h('a', { href: '#/caseload' }, '‹ ' + t('nav.caseload'))),
      title(p.fullName),
      p.minorAtStart ? h('p', { class: 'notice', testid: 'person-minor' }, minorBadge(), ' ', t('minor.confidential')) : null,
      asOf(meta.asOf, meta.stale),
      h('div', { class: `due-banner${p.overdue ? ' overdue' : ''}`, testid: 'person-due' },
        p.overdue ? null : t('person.nextDue') + ' ', h('strong', null, dueText(p)),
        p.nextCheckInDue ? h('span', { class: 'muted' }, ' (' + fmtDateTime(p.nextCheckInDue) + ')') : null),
      h('div', { class: 'actions' },
        h('a', { class: 'btn primary', href: `#/person/${encodeURIComponent(p.id)}/record`, testid: 'person-record' }, t('person.record')),
        h('a', { class: 'btn', href: `#/person/${encodeURIComponent(p.id)}/monitoring`, testid: 'person-monitoring' }, t('care.monitoringLink')),
        h('a', { class: 'btn', href: `#/refer-aid/person/${encodeURIComponent(p.id)}`, testid: 'person-refer-aid' }, t('referaid.link')),
        h('a', { class: 'btn', href: `#/person/${encodeURIComponent(p.id)}/help`, testid: 'person-help' }, t('care.helpLink'))),
      facts([
        [t('person.status'), h('span', { testid: 'person-status' }, tEnum('SupervisionStatus', p.status))],
        [t('person.idNumber'), p.idNumberMasked],
        [t('person.phone'), p.phone ? h('a', { href: `tel:${p.phone}` }, p.phone) : null],
        [t('person.correctionType'), tEnum('CorrectionType', p.correctionType)],
        [t('person.level'), tEnum('SupervisionLevel', p.supervisionLevel)],
        [t('person.term'), `${fmtDate(p.termStart)} – ${fmtDate(p.termEnd)}`],
        [t('person.office'), p.orgUnit.name],
        [t('person.officer'), p.officer?.displayName],
        [t('person.plan'), h('span', { testid: 'person-plan' }, t('person.planText', { days: p.checkInPlan.intervalDays, hours: p.checkInPlan.graceHours }))],
        [t('person.account'), p.account ? t('person.accountActive', { username: p.account.username }) : t('person.accountNone')],
        ...minorFacts(p.minorDetails),
      ]),
      searchSection(p, meta.stale ? null : load),
      pendingBox,
      h('h2', null, t('person.checkIns', { n: p.checkIns.totalCount })),
      checkInList(p.checkIns.edges.map((e) => e.node), meta.stale ? null : () => load()),
      residenceCard(p),
      // The forms that change the record, folded: the page opens on what the
      // officer comes for (when the person is due, what they reported).
      h('details', { class: 'manage', testid: 'person-manage', open: manageOpen, ontoggle: (ev) => (manageOpen = ev.target.open) },
        h('summary', null, h('h2', null, t('person.manage'))),
        p.status === 'ACTIVE' ? intakePhotoBox(p) : null,
        planForm(p, load),
        statusForm(p, load),
        p.account ? null : reissueBox(p)),
      endingSection(p, load),
      disciplineBox,
    );
    // Leave, violations, sanctions and praise: their own module and catalogue, loaded here.
    if (!meta.stale) import('../leave.js').then((m) => ctx.alive && m.personSection(disciplineBox, p.id, ctx));
    // Visits recorded here that are still in the outbox.
    myOutboxItems().then((items) => {
      const mine = items.filter((i) => i.ref === p.id);
      if (mine.length && ctx.alive) {
        mount(pendingBox, h('p', { class: 'notice' }, t('person.queued', { n: mine.length }), ' ', h('a', { href: '#/outbox' }, t('outbox.open'))));
      }
    });
  }

  const load = () =>
    cachedQuery(ctx, 'person:' + id, () => gql(OPS.person, { id }, { signal: ctx.signal }), render, (err) => mount(body, title(t('person.title')), errorBox(err, load)));
  ctx.onCleanup(onSent((r) => r.record && load()));
  await load();
}

// ---------------------------------------------------- minors and 脱管 search

const minorBadge = () => badge(t('minor.badge'), 'warn');

/** Guardian and school (法 Art. 53, 55): only served to those who may know a minor's identity. */
function minorFacts(d) {
  if (!d) return [];
  const guardian = [d.guardianName, d.guardianRelation && `（${d.guardianRelation}）`].filter(Boolean).join('');
  return [
    [t('minor.guardian'), guardian || null],
    [t('minor.guardianPhone'), d.guardianPhone ? h('a', { href: `tel:${d.guardianPhone}` }, d.guardianPhone) : null],
    [t('minor.school'), d.school],
  ];
}

/** The open search of an ABSCONDED person (法 Art. 30) with its steps, and the
 * absences before; logging a step sits behind a button. `reload` is null offline. */
function searchSection(p, reload) {
  const record = p.searchRecord;
  const past = (p.searchRecords || []).filter((r) => !r.open);
  if (!record && !past.length) return null;
  const box = h('section', { class: 'card', testid: 'search-record', 'aria-labelledby': 'search-h' });
  const parts = [h('h2', { id: 'search-h' }, t('search.title'))];
  if (record) {
    parts.push(
      facts([
        [t('search.since'), fmtDateTime(record.lostContactAt)],
        [t('search.days'), h('span', { testid: 'search-days' }, t('search.daysText', { n: record.absenceDays }))],
        [t('search.police'), record.policeNotifiedAt ? fmtDateTime(record.policeNotifiedAt) : t('search.notYet')],
        [t('search.procuratorate'), record.procuratorateInformedAt ? fmtDateTime(record.procuratorateInformedAt) : t('search.notYet')],
      ]),
      record.actions.length
        ? h('ol', { class: 'list', testid: 'search-actions' }, record.actions.map((a) =>
          h('li', { class: 'row wrap', testid: 'search-action' },
            h('div', { class: 'row-main' },
              h('strong', null, fmtDateTime(a.doneAt)),
              h('span', { class: 'muted' }, [a.doneBy.displayName, a.policeNotified ? t('search.policeMark') : '', a.procuratorateInformed ? t('search.procuratorateMark') : ''].filter(Boolean).join(' · ')),
              h('span', { class: 'note' }, a.description)))))
        : empty(t('search.none')),
    );
    if (reload) {
      const open = h('button', { class: 'btn primary', type: 'button', 'aria-expanded': 'false', testid: 'search-log-open' }, t('search.log'));
      const slot = h('div');
      open.addEventListener('click', async () => {
        open.hidden = true;
        open.setAttribute('aria-expanded', 'true');
        mount(slot, await searchForm(p, reload, () => { open.hidden = false; open.setAttribute('aria-expanded', 'false'); mount(slot); open.focus(); }));
      });
      parts.push(h('div', { class: 'actions' }, open), slot);
    }
  }
  if (past.length) {
    parts.push(
      h('h3', null, t('search.past')),
      h('ul', { class: 'list', testid: 'search-past' }, past.map((r) =>
        h('li', { class: 'row' }, h('span', { class: 'row-main' },
          t('search.pastText', { from: fmtDateTime(r.lostContactAt), found: fmtDate(r.foundOn), n: r.absenceDays }))))),
    );
  }
  mount(box, ...parts);
  return box;
}

async function searchForm(p, reload, close) {
  const rules = await loadRules();
  const form = h(
    'form',
    { class: 'form', novalidate: true, testid: 'search-form' },
    field({ label: t('search.when'), name: 'doneAt', type: 'datetime-local', required: true, value: localInputValue(), max: localInputValue(), testid: 'search-when' }),
    field({ label: t('search.what'), name: 'description', type: 'textarea', ...attrsOf(rules, 'searchAction', 'description'), hint: t('search.whatHint'), testid: 'search-what' }),
    field({ label: t('search.policeNotified'), name: 'policeNotified', type: 'checkbox', testid: 'search-police' }),
    field({ label: t('search.procuratorateInformed'), name: 'procuratorateInformed', type: 'checkbox', hint: t('search.procuratorateHint'), testid: 'search-procuratorate' }),
    formMessage(),
    h('div', { class: 'actions' },
      h('button', { class: 'btn primary', type: 'submit', testid: 'search-save' }, t('action.save')),
      h('button', { class: 'btn', type: 'button', testid: 'search-cancel', onclick: close }, t('record.cancel'))),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = formValues(form);
    const problems = Object.entries(checkForm(rules, 'searchAction', { doneAt: v.doneAt, description: v.description })).map(([k, pr]) => [k, problemText(pr)]);
    if (showFieldErrors(form, problems)) return showProblemCount(form, problems.length);
    busy(form.querySelector('[type=submit]'), async () => {
      try {
        await gql(OPS.logSearchAction, {
          input: {
            personId: p.id,
            doneAt: fromLocalInput(v.doneAt),
            description: v.description,
            policeNotified: !!v.policeNotified,
            procuratorateInformed: !!v.procuratorateInformed,
          },
        });
        announce(t('search.saved'), 'ok');
        reload();
      } catch (err) {
        showFormError(form, err);
      }
    });
  });
  setTimeout(() => form.elements.description.focus(), 0);
  return form;
}

/** Check-ins with time, place, kind and review; pending ones get verify/reject (onReviewed after). */
function checkInList(checkIns, onReviewed) {
  if (!checkIns.length) return empty(t('person.noCheckIns'));
  return h(
    'ul',
    { class: 'list', testid: 'checkin-list' },
    checkIns.map((c) =>
      h(
        'li',
        { class: 'row wrap', testid: 'checkin-item' },
        h('div', { class: 'row-main' },
          h('strong', null, fmtDateTime(c.capturedAt)),
          h('span', { class: 'muted' }, tEnum('CheckInKind', c.kind), c.late ? ' · ' + t('checkin.late') : '', c.recordedBy ? ' · ' + c.recordedBy.displayName : ''),
          place(c.location),
          distanceLine(c),
          c.note ? h('span', { class: 'note' }, c.note) : null,
          c.reviewNote ? h('span', { class: 'note' }, t('review.note') + ': ' + c.reviewNote) : null),
        statusBadge(c.status),
        identityBox(c),
        c.status === 'PENDING_REVIEW' && onReviewed ? reviewControls(c, onReviewed) : null,
      ),
    ),
  );
}

function reviewControls(c, onReviewed) {
  const note = h('input', { type: 'text', id: `rn-${c.id}`, testid: 'review-note', maxlength: 500 });
  const act = (status) => async (e) => {
    await busy(e.currentTarget, async () => {
      try {
        await gql(OPS.reviewCheckIn, { id: c.id, status, note: note.value.trim() || null });
        announce(t(status === 'VERIFIED' ? 'review.verified' : 'review.rejected'), 'ok');
        onReviewed();
      } catch (err) {
        announce(errorText(err), 'error');
      }
    });
  };
  return h(
    'div',
    { class: 'review' },
    h('label', { for: `rn-${c.id}` }, t('review.note')),
    note,
    h('div', { class: 'actions' },
      h('button', { class: 'btn ok', type: 'button', testid: 'review-verify', onclick: act('VERIFIED') }, t('review.verify')),
      h('button', { class: 'btn bad', type: 'button', testid: 'review-reject', onclick: act('REJECTED') }, t('review.reject'))),
  );
}

function planForm(p, reload) {
  const form = h(
    'form',
    { class: 'form card', novalidate: true, testid: 'plan-form' },
    h('h3', null, t('plan.title')),
    field({ label: t('plan.interval'), name: 'intervalDays', type: 'number', min: 1, max: 90, required: true, value: p.checkInPlan.intervalDays, inputmode: 'numeric', testid: 'plan-interval' }),
    field({ label: t('plan.grace'), name: 'graceHours', type: 'number', min: 0, max: 168, required: true, value: p.checkInPlan.graceHours, inputmode: 'numeric', testid: 'plan-grace' }),
    formMessage(),
    h('button', { class: 'btn', type: 'submit', testid: 'plan-save' }, t('action.save')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = formValues(form);
    const interval = parseInt(v.intervalDays, 10);
    const grace = parseInt(v.graceHours, 10);
    if (!(interval >= 1)) return showFieldError(form, 'intervalDays', t('form.number'));
    if (!(grace >= 0)) return showFieldError(form, 'graceHours', t('form.number'));
    busy(form.querySelector('[type=submit]'), async () => {
      try {
        await gql(OPS.setCheckInPlan, { id: p.id, i: interval, g: grace });
        announce(t('plan.saved'), 'ok');
        reload();
      } catch (err) {
        showFormError(form, err);
      }
    });
  });
  return form;
}

/** The switch between ACTIVE and ABSCONDED; none for a person not under supervision. */
function statusForm(p, reload) {
  const to = STATUS_SWITCH[p.status];
  if (!to) return null;
  const form = h(
    'form',
    { class: 'form card', novalidate: true, testid: 'status-form' },
    h('h3', null, t('status.title')),
    h('p', { class: 'hint' }, t('status.current', { status: tEnum('SupervisionStatus', p.status) }), ' ', t('status.endsElsewhere')),
    field({ label: t('status.note'), name: 'note', type: 'textarea', required: true, hint: t('status.noteHint'), testid: 'status-note' }),
    formMessage(),
    h('button', { class: 'btn', type: 'submit', testid: 'status-save' }, t(`status.to.${to}`)),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = formValues(form);
    if (!v.note) return showFieldError(form, 'note', t('form.required'));
    busy(form.querySelector('[type=submit]'), async () => {
      try {
        await gql(OPS.setSupervisionStatus, { id: p.id, s: to, n: v.note });
        announce(t('status.saved'), 'ok');
        reload();
      } catch (err) {
        showFormError(form, err);
      }
    });
  });
  return form;
}

function reissueBox(p) {
  const out = h('div');
  const button = h('button', { class: 'btn', type: 'button', testid: 'reissue-code' }, t('enrol.reissue'));
  button.addEventListener('click', () =>
    busy(button, async () => {
      try {
        const data = await gql(OPS.reissueActivationCode, { id: p.id });
        mount(out, codeCard(data.reissueActivationCode, p.fullName));
      } catch (err) {
        announce(errorText(err), 'error');
      }
    }),
  );
  return h('div', { class: 'card' }, h('h3', null, t('enrol.codeTitle')), h('p', { class: 'muted' }, t('enrol.reissueHint')), button, out);
}

// ------------------------------------------------------------ record visit

export async function recordVisit(el, ctx) {
  const id = ctx.params.id;
  const cached = await cacheGet('person:' + id);
  const name = cached?.data?.supervisedPerson?.fullName || '';
  const rules = await loadRules();
  if (!ctx.alive) return;
  const form = h(
    'form',
    { class: 'form', novalidate: true, testid: 'record-form' },
    h('fieldset', null,
      h('legend', null, t('record.kind')),
      ['IN_PERSON', 'HOME_VISIT'].map((k, i) =>
        h('div', { class: 'field check' },
          h('input', { type: 'radio', name: 'kind', id: `kind-${k}`, value: k, checked: i === 0, testid: `record-kind-${k}` }),
          h('label', { for: `kind-${k}` }, tEnum('CheckInKind', k))))),
    field({ label: t('record.note'), name: 'note', type: 'textarea', ...attrsOf(rules, 'record', 'note'), hint: t('record.noteHint'), testid: 'record-note' }),
    field({ label: t('record.withLocation'), name: 'withLocation', type: 'checkbox', value: true, testid: 'record-location' }),
    formMessage(),
    h('button', { class: 'btn primary block', type: 'submit', testid: 'record-submit' }, t('record.save')),
  );
  mount(
    el,
    h('p', { class: 'back' }, h('a', { href: `#/person/${encodeURIComponent(id)}` }, '‹ ' + (name || t('person.title')))),
    title(t('record.title')),
    name ? h('p', { class: 'lead' }, name) : null,
    form,
  );
  const draftKey = 'record:' + id;
  const draft = await keepDraft(form, draftKey);
  if (draft.draft && draft.draft.error) showRefused(form, draft.draft.error);
  const submit = form.querySelector('[type=submit]');
  // A record counts as a check-in and clears an overdue: asked once more before it is saved.
  const confirmBox = h('div', { class: 'notice confirm', role: 'alertdialog', 'aria-labelledby': 'rc-t', hidden: true, testid: 'record-confirm-box' });
  form.append(confirmBox);
  const askFirst = (v) =>
    new Promise((resolve) => {
      const yes = h('button', { class: 'btn primary', type: 'button', testid: 'record-confirm' }, t('record.confirm'));
      const no = h('button', { class: 'btn', type: 'button', testid: 'record-cancel' }, t('record.cancel'));
      const close = (answer) => {
        confirmBox.hidden = true;
        submit.hidden = false;
        resolve(answer);
      };
      yes.addEventListener('click', () => close(true));
      no.addEventListener('click', () => (close(false), form.elements.note.focus()));
      mount(confirmBox,
        h('p', { id: 'rc-t' }, h('strong', null, t('record.confirmTitle'))),
        h('p', null, tEnum('CheckInKind', v.kind) + ' · ' + t('record.confirmText', { name: name || t('person.title') })),
        h('div', { class: 'actions' }, yes, no));
      confirmBox.hidden = false;
      submit.hidden = true;
      yes.focus();
    });

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = formValues(form);
    // A home visit may go without a note; an in-person report is what was said.
    const rule = { ...rules.forms.record.note, required: v.kind === 'IN_PERSON' };
    const problems = Object.entries(checkForm({ ...rules, forms: { record: { note: rule } } }, 'record', v)).map(([k, p]) => [k, problemText(p)]);
    if (showFieldErrors(form, problems)) return showProblemCount(form, problems.length);
    busy(submit, async () => {
      if (!(await askFirst(v))) return;
      const capturedAt = isoWithOffset(new Date());
      const loc = v.withLocation ? await locate() : null;
      const input = { clientId: newClientId(), personId: id, kind: v.kind, capturedAt, ...(loc || {}) };
      if (v.note) input.note = v.note;
      const result = await enqueueAndWait({
        op: 'submitCheckIn',
        query: OPS.submitCheckIn,
        variables: { input },
        kind: v.kind === 'HOME_VISIT' ? 'homeVisit' : 'inPerson',
        title: name ? `${tEnum('CheckInKind', v.kind)} · ${name}` : tEnum('CheckInKind', v.kind),
        ref: id,
        draft: { key: draftKey, route: `/person/${id}/record`, values: draft.values() },
      });
      if (result.refused || result.failed) return ctx.alive && showRefused(form, result.error);
      await draft.clear();
      announce(result.sent ? t('record.saved') : t('record.savedOffline'), 'ok');
      if (ctx.alive) ctx.navigate(`/person/${encodeURIComponent(id)}`);
    });
  });
}

// ----------------------------------------------------------------- review

export async function review(el, ctx) {
  const box = h('div');
  const more = h('button', { class: 'btn block', type: 'button', hidden: true, testid: 'review-more' }, t('list.loadMore'));
  mount(el, title(t('review.title')), h('p', { class: 'muted' }, t('review.intro')), box, more);
  // Oldest first from the server, across the viewer's caseload; grouped by person here.
  let nodes = [];
  let cursor = null;
  const render = (total) => {
    const groups = new Map();
    for (const c of nodes) {
      if (!groups.has(c.person.id)) groups.set(c.person.id, { p: c.person, list: [] });
      groups.get(c.person.id).list.push(c);
    }
    mount(
      box,
      asOf(new Date().toISOString(), false),
      nodes.length ? h('p', { class: 'muted', testid: 'review-count' }, t('review.count', { n: total })) : null,
      groups.size
        ? [...groups.values()].map((g) =>
            h('section', { class: 'group', testid: 'review-group' },
              h('h2', null, h('a', { href: `#/person/${encodeURIComponent(g.p.id)}` }, g.p.fullName)),
              g.list.length > 1 ? confirmAll(g.list, load) : null,
              checkInList(g.list, load)),
          )
        : empty(t('review.none')),
    );
  };
  const page = async (after) => {
    const c = (await gql(OPS.pendingCheckIns, { first: 50, after }, { signal: ctx.signal })).pendingCheckIns;
    if (!ctx.alive) return;
    nodes = after ? [...nodes, ...c.edges.map((e) => e.node)] : c.edges.map((e) => e.node);
    cursor = c.pageInfo.endCursor;
    more.hidden = !c.pageInfo.hasNextPage;
    render(c.totalCount);
  };
  const load = () => {
    mount(box, loading());
    more.hidden = true;
    return page(null).catch((err) => ctx.alive && err.name !== 'AbortError' && mount(box, errorBox(err, load)));
  };
  more.addEventListener('click', () =>
    busy(more, () => page(cursor).catch((err) => ctx.alive && err.name !== 'AbortError' && announce(errorText(err), 'error'))),
  );
  await load();
}

/** One tap for a person's several pending check-ins (a double tap, a retry): all confirmed or none. */
function confirmAll(list, onReviewed) {
  const button = h('button', { class: 'btn ok', type: 'button', testid: 'review-confirm-all' }, t('review.confirmAll', { n: list.length }));
  button.addEventListener('click', () =>
    busy(button, async () => {
      try {
        await gql(OPS.reviewCheckIns, { ids: list.map((c) => c.id), status: 'VERIFIED' });
        announce(t('review.confirmedAll', { n: list.length }), 'ok');
        onReviewed();
      } catch (err) {
        announce(errorText(err), 'error');
      }
    }),
  );
  return h('div', { class: 'actions' }, button);
}

// ------------------------------------------------------------------ enrol

export async function enrol(el, ctx) {
  let units = [];
  try {
    units = (await gql(OPS.orgUnits, {}, { signal: ctx.signal })).orgUnits.filter((u) => u.kind === 'JUSTICE_OFFICE');
  } catch {
    /* offline: the form says it needs the network */
  }
  const rules = await loadRules();
  if (!ctx.alive) return;
  const ownUnit = ctx.viewer.orgUnit;
  if (!units.length && ownUnit) units = [ownUnit];
  const result = h('div', { 'aria-live': 'polite' });
  const today = dateInputValue();
  const form = h(
    'form',
    { class: 'form', novalidate: true, testid: 'enrol-form', autocomplete: 'off' },
    field({ label: t('enrol.fullName'), name: 'fullName', ...attrsOf(rules, 'enrol', 'fullName'), testid: 'enrol-name' }),
    // The ID number is sent once and never stored on this device (autocomplete off, form cleared after).
    field({ label: t('enrol.idNumber'), name: 'idNumber', required: true, maxlength: 18, 'data-nodraft': true, autocomplete: 'off', inputmode: 'text', autocapitalize: 'characters', hint: t('enrol.idHint'), testid: 'enrol-id' }),
    field({ label: t('enrol.phone'), name: 'phone', type: 'tel', inputmode: 'tel', autocomplete: 'off', testid: 'enrol-phone' }),
    field({ label: t('person.correctionType'), name: 'correctionType', type: 'select', options: enumOptions('CorrectionType', TYPES, tEnum), value: 'PROBATION', testid: 'enrol-type' }),
    field({ label: t('person.level'), name: 'supervisionLevel', type: 'select', options: enumOptions('SupervisionLevel', LEVELS, tEnum), value: 'NORMAL', testid: 'enrol-level' }),
    field({ label: t('enrol.termStart'), name: 'termStart', type: 'date', required: true, value: today, testid: 'enrol-start' }),
    field({ label: t('enrol.termEnd'), name: 'termEnd', type: 'date', required: true, testid: 'enrol-end' }),
    minorFields(rules),
    field({ label: t('enrol.office'), name: 'orgUnitId', type: 'select', options: units.map((u) => [u.id, u.name]), value: ownUnit?.id, testid: 'enrol-office' }),
    residenceFields(t('places.residenceOptional')),
    field({ label: t('plan.interval'), name: 'checkInIntervalDays', type: 'number', min: 1, max: 90, inputmode: 'numeric', hint: t('enrol.intervalHintUnknown'), testid: 'enrol-interval' }),
    formMessage(),
    h('button', { class: 'btn primary block', type: 'submit', testid: 'enrol-submit' }, t('enrol.submit')),
  );
  // The default interval is the office's, for the level, as in force today
  // (a dated table per unit, set by the county): asked once per office.
  const level = form.elements.supervisionLevel;
  const office = form.elements.orgUnitId;
  const intervalHint = form.querySelector(`#${form.elements.checkInIntervalDays.id}h`);
  const intervalsOf = new Map();
  const showIntervalHint = async () => {
    const unit = office.value;
    if (!unit) return;
    if (!intervalsOf.has(unit)) {
      // Not kept when it fails (offline): asked again on the next change.
      intervalsOf.set(unit, gql(OPS.checkInIntervalsInForce, { unit }, { signal: ctx.signal })
        .then((d) => d.checkInIntervalsInForce, () => (intervalsOf.delete(unit), null)));
    }
    const found = await intervalsOf.get(unit);
    if (!ctx.alive || office.value !== unit) return;
    intervalHint.textContent = found ? t('enrol.intervalHint', { days: found[INTERVAL_OF[level.value]] }) : t('enrol.intervalHintUnknown');
  };
  level.addEventListener('change', showIntervalHint);
  office.addEventListener('change', showIntervalHint);
  // A minor case (under 18 when the term starts) gets the guardian and school.
  const minorBox = form.querySelector('[data-testid=enrol-minor]');
  const showMinorFields = () => {
    const minor = minorAtStart(rules, form.elements.idNumber.value, form.elements.termStart.value) === true;
    minorBox.hidden = !minor;
    minorBox.disabled = !minor;
  };
  form.elements.idNumber.addEventListener('input', showMinorFields);
  form.elements.termStart.addEventListener('input', showMinorFields);
  form.elements.termStart.addEventListener('change', showMinorFields);
  mount(el, title(t('enrol.title')), h('p', { class: 'muted' }, t('enrol.intro')), form, result);
  // The draft keeps everything but the ID number and a minor's guardian and
  // school (never stored on this device).
  const draft = await keepDraft(form, 'enrol');
  showIntervalHint();
  showMinorFields();

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = formValues(form);
    const minor = !minorBox.disabled;
    const term = checkTerm(rules, v.correctionType, v.termStart, v.termEnd);
    const problems = Object.entries({
      ...checkForm(rules, 'enrol', v),
      ...(term ? { termEnd: term } : {}),
      ...(minor ? checkForm(rules, 'minorDetails', v) : {}),
    }).map(([k, p]) => [k, problemText(p)]);
    const residence = residenceInput(v);
    problems.push(...residence.problems);
    if (showFieldErrors(form, problems)) return showProblemCount(form, problems.length);
    if (!navigator.onLine) return showFormError(form, { code: 'NETWORK' });
    const input = {
      fullName: v.fullName,
      idNumber: v.idNumber.toUpperCase(),
      phone: v.phone || null,
      correctionType: v.correctionType,
      supervisionLevel: v.supervisionLevel,
      termStart: v.termStart,
      termEnd: v.termEnd,
      orgUnitId: v.orgUnitId,
      officerId: ctx.viewer.role === 'OFFICER' ? ctx.viewer.id : null,
      checkInIntervalDays: v.checkInIntervalDays ? parseInt(v.checkInIntervalDays, 10) : null,
      ...residence.input,
    };
    // Only a minor case may carry them (the server refuses them for an adult).
    if (minor && MINOR_FIELDS.some((k) => v[k])) input.minor = Object.fromEntries(MINOR_FIELDS.map((k) => [k, v[k] || null]));
    busy(form.querySelector('[type=submit]'), async () => {
      try {
        const data = await gql(OPS.enrollPerson, { input });
        const { person, activationCode } = data.enrollPerson;
        form.reset(); // nothing of the enrolment (ID number included) stays in the page
        showMinorFields();
        showIntervalHint();
        await draft.clear();
        form.hidden = true;
        mount(
          result,
          h('div', { class: 'notice ok', role: 'status', tabindex: '-1' }, t('enrol.done', { name: person.fullName, id: person.idNumberMasked })),
          codeCard(activationCode, person.fullName),
          h('div', { class: 'actions' },
            h('a', { class: 'btn primary', href: `#/person/${encodeURIComponent(person.id)}`, testid: 'enrol-open-person' }, t('enrol.openPerson')),
            h('button', { class: 'btn', type: 'button', testid: 'enrol-another', onclick: () => ((form.hidden = false), result.replaceChildren()) }, t('enrol.another'))),
        );
        result.querySelector('.notice').focus();
      } catch (err) {
        showFormError(form, err);
      }
    });
  });
}

const MINOR_FIELDS = ['guardianName', 'guardianRelation', 'guardianPhone', 'school'];

/** The guardian and school of a minor case (法 Art. 53, 55), hidden and off for an adult. */
function minorFields(rules) {
  const labels = { guardianName: t('minor.guardian'), guardianRelation: t('minor.guardianRelation'), guardianPhone: t('minor.guardianPhone'), school: t('minor.school') };
  const types = { guardianPhone: { type: 'tel', inputmode: 'tel' } };
  return h('fieldset', { class: 'minor-fields', hidden: true, disabled: true, testid: 'enrol-minor' },
    h('legend', null, minorBadge(), ' ', t('minor.enrolLegend')),
    h('p', { class: 'hint' }, t('minor.enrolHint')),
    MINOR_FIELDS.map((name) => field({
      label: labels[name], name, ...attrsOf(rules, 'minorDetails', name), ...(types[name] || {}),
      autocomplete: 'off', 'data-nodraft': true, testid: `enrol-${name}`,
    })));
}

/** The activation code, large, and as a QR code of the activation link. */
