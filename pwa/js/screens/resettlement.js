// Resettlement (安置帮教): the office's list of released persons, registering
// the prison's notice, a person's record (meeting on release or the note that
// they did not arrive, contacts and help, sent through the outbox like the
// other field records), the person's own account at their request (the code
// and QR as at enrolment, ending it), opening a record after a release from
// corrections, and the released person's own screen (their help, the office's
// phone, a request to be contacted).
import { gql } from '../api.js';
import { t, tEnum, fmtDate, fmtDateTime, dateInputValue, loadArea } from '../i18n.js';
import { h, mount, title, field, formValues, formMessage, busy, announce, cachedQuery, asOf, errorBox, empty, facts, enumOptions, showFieldError, showFormError, showRefused } from '../ui.js';
import { newClientId, enqueueAndWait } from '../store.js';
import OPS from '../operations/resettlement.js';
import { codeCard } from '../qr.js';

await loadArea('resettlement');

const GRADES = ['LOW', 'MEDIUM', 'HIGH'];
const STATUSES = ['NOTIFIED', 'NOT_ARRIVED', 'IN_ASSISTANCE'];
const METHODS = ['VISIT', 'PHONE', 'AT_OFFICE'];
const HELP = ['EMPLOYMENT', 'HOUSING', 'SUBSISTENCE', 'HEALTH', 'OTHER'];

function chips(r) {
  const out = [h('span', { class: `badge${r.status === 'NOT_ARRIVED' ? ' bad' : ''}`, testid: 'rs-status' }, tEnum('ResettlementStatus', r.status))];
  if (r.noticeLate) out.push(h('span', { class: 'badge warn', testid: 'rs-late' }, t('rs.lateNotice')));
  if (r.lostContactAlertedAt) out.push(h('span', { class: 'badge bad', testid: 'rs-lost' }, t('rs.lostContact')));
  if (r.contactOverdue) out.push(h('span', { class: 'badge bad', testid: 'rs-contact-overdue' }, t('rs.contactOverdue')));
  else if (r.nextContactDueOn) out.push(h('span', { class: 'badge' }, t('rs.contactDue', { date: fmtDate(r.nextContactDueOn) })));
  return out;
}

// ------------------------------------------------------------------ the list

export async function records(el, ctx) {
  const status = ctx.query.get('status') || '';
  const filter = field({
    label: t('rs.status'), name: 'status', type: 'select', value: status, testid: 'rs-filter',
    options: [['', t('rs.filterAll')], ...STATUSES.map((s) => [s, tEnum('ResettlementStatus', s)])],
  });
  filter.querySelector('select').addEventListener('change', (e) => ctx.navigate(`/resettlement${e.target.value ? '?status=' + e.target.value : ''}`));
  const box = h('div', { class: 'list-box' });
  const more = h('button', { class: 'btn block', type: 'button', hidden: true, testid: 'rs-more' }, t('list.loadMore'));
  mount(el, title(t('rs.title')), h('p', { class: 'muted' }, t('rs.intro')),
    h('p', null, h('a', { class: 'btn primary', href: '#/resettlement/new', testid: 'rs-new' }, t('rs.new'))),
    filter, box, more);
  let cursor = null;
  let list = null;
  const item = (r) => h('li', null, h('a', { class: `card-link${r.status === 'NOT_ARRIVED' || r.contactOverdue ? ' overdue' : ''}`, href: `#/resettlement/${encodeURIComponent(r.id)}`, testid: 'rs-item' },
    h('span', { class: 'row-main' }, h('strong', null, r.fullName),
      h('span', { class: 'muted' }, `${r.orgUnit.name} · ${t('rs.releaseOn', { date: fmtDate(r.expectedReleaseOn) })}`)),
    h('span', { class: 'chips' }, chips(r))));
  const vars = { status: status || null };
  const render = (data, meta) => {
    const c = data.resettlementRecords;
    list = c.edges.length ? h('ul', { class: 'list cards', testid: 'rs-list' }, c.edges.map((e) => item(e.node))) : null;
    mount(box, asOf(meta.asOf, meta.stale), h('p', { class: 'summary', testid: 'rs-summary' }, t('rs.summary', { n: c.totalCount })), list || empty(t('rs.none')));
    cursor = c.pageInfo.endCursor;
    more.hidden = !c.pageInfo.hasNextPage || meta.stale;
  };
  more.addEventListener('click', () => busy(more, async () => {
    const c = (await gql(OPS.resettlementRecords, { ...vars, after: cursor }, { signal: ctx.signal })).resettlementRecords;
    list.append(...c.edges.map((e) => item(e.node)));
    cursor = c.pageInfo.endCursor;
    more.hidden = !c.pageInfo.hasNextPage;
  }));
  await cachedQuery(ctx, 'resettlement:' + status, () => gql(OPS.resettlementRecords, vars, { signal: ctx.signal }), render, (err) => mount(box, errorBox(err, () => ctx.navigate('/resettlement'))));
}

// ------------------------------------------------------------------ the notice

export async function notice(el, ctx) {
  const offices = (await gql(OPS.offices, {}, { signal: ctx.signal })).orgUnits.filter((u) => u.kind === 'JUSTICE_OFFICE');
  if (!ctx.alive) return;
  const own = ctx.viewer.orgUnit && offices.find((u) => u.id === ctx.viewer.orgUnit.id);
  const form = h('form', { class: 'form', novalidate: true, testid: 'rs-notice-form' },
    field({ label: t('rs.fullName'), name: 'fullName', required: true, maxlength: 50, testid: 'rs-name' }),
    field({ label: t('rs.idNumber'), name: 'idNumber', required: true, maxlength: 18, inputmode: 'text', autocomplete: 'off', testid: 'rs-id' }),
    field({ label: t('rs.phone'), name: 'phone', type: 'tel', maxlength: 20, testid: 'rs-phone' }),
    field({ label: t('rs.prison'), name: 'prison', required: true, maxlength: 100, testid: 'rs-prison' }),
    field({ label: t('rs.expectedReleaseOn'), name: 'expectedReleaseOn', type: 'date', required: true, testid: 'rs-release' }),
    field({ label: t('rs.offence'), name: 'offence', required: true, maxlength: 200, testid: 'rs-offence' }),
    field({ label: t('rs.prisonRisk'), name: 'prisonRiskAssessment', type: 'textarea', maxlength: 2000, testid: 'rs-prison-risk' }),
    field({ label: t('rs.riskGrade'), name: 'riskGrade', type: 'select', value: 'LOW', options: enumOptions('RiskLevel', GRADES, tEnum), testid: 'rs-grade' }),
    own ? null : field({ label: t('rs.office'), name: 'orgUnitId', type: 'select', options: offices.map((u) => [u.id, u.name]), testid: 'rs-office' }),
    field({ label: t('rs.noticeReceivedOn'), name: 'noticeReceivedOn', type: 'date', value: dateInputValue(), max: dateInputValue(), testid: 'rs-received' }),
    formMessage(),
    h('button', { class: 'btn primary block', type: 'submit', testid: 'rs-notice-submit' }, t('rs.submitNotice')));
  mount(el, h('p', { class: 'back' }, h('a', { href: '#/resettlement' }, '‹ ' + t('rs.back'))), title(t('rs.noticeTitle')), form);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = formValues(form);
    const missing = ['fullName', 'idNumber', 'prison', 'expectedReleaseOn', 'offence'].filter((k) => !v[k]);
    if (missing.length) return missing.forEach((k) => showFieldError(form, k, t('form.required')));
    busy(form.querySelector('[type=submit]'), async () => {
      try {
        const made = (await gql(OPS.registerReleaseNotice, { input: {
          fullName: v.fullName, idNumber: v.idNumber.toUpperCase(), phone: v.phone || null, prison: v.prison,
          expectedReleaseOn: v.expectedReleaseOn, offence: v.offence, prisonRiskAssessment: v.prisonRiskAssessment || null,
          riskGrade: v.riskGrade, orgUnitId: own ? own.id : v.orgUnitId, noticeReceivedOn: v.noticeReceivedOn || null,
        } })).registerReleaseNotice;
        announce(made.noticeLate ? t('rs.registeredLate', { days: made.noticeDaysAhead }) : t('rs.registered'), made.noticeLate ? 'info' : 'ok');
        ctx.navigate(`/resettlement/${made.id}`);
      } catch (err) {
        showFormError(form, err);
      }
    });
  });
}

// ------------------------------------------------------------------ a record

/** A form sent through the outbox: the op, its input built from the values, the outbox title. */
function outboxForm(ctx, form, { op, kind, title: label, input, ref, reload, done = ['rs.saved', 'rs.savedOffline'] }) {
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = formValues(form);
    const built = input(v);
    if (!built) return;
    busy(form.querySelector('[type=submit]'), async () => {
      const sent = await enqueueAndWait({ op, query: OPS[op], variables: { input: { clientId: newClientId(), ...built } }, kind, title: label, ref });
      if (sent.refused || sent.failed) return ctx.alive && showRefused(form, sent.error);
      announce(sent.sent ? t(done[0]) : t(done[1]), 'ok');
      if (ctx.alive) reload();
    });
  });
  return form;
}

export async function recordPage(el, ctx) {
  const id = ctx.params.id;
  const load = () => cachedQuery(ctx, 'resettlement-record:' + id, () => gql(OPS.resettlementRecord, { id }, { signal: ctx.signal }), render, (err) => mount(el, errorBox(err, load)));
  const render = (data, meta) => {
    const r = data.resettlementRecord;
    const reload = () => ctx.navigate(`/resettlement/${id}`);
    const today = dateInputValue();
    const parts = [
      h('p', { class: 'back' }, h('a', { href: '#/resettlement' }, '‹ ' + t('rs.back'))),
      title(r.fullName), asOf(meta.asOf, meta.stale),
      h('p', { class: 'chips', testid: 'rs-chips' }, chips(r)),
      facts([
        [t('rs.idMasked'), r.idNumberMasked],
        [t('rs.status'), `${tEnum('ResettlementStatus', r.status)} · ${tEnum('ResettlementSource', r.source)}`],
        [t('rs.prison'), r.prison], [t('rs.offence'), r.offence], [t('rs.prisonRisk'), r.prisonRiskAssessment],
        [t('rs.riskGrade'), tEnum('RiskLevel', r.riskGrade)],
        [t('rs.office'), r.orgUnit.name],
        [t('rs.notice'), r.noticeReceivedOn ? t('rs.noticeText', { date: fmtDate(r.noticeReceivedOn), days: r.noticeDaysAhead }) : null],
        [t('rs.expectedReleaseOn'), fmtDate(r.expectedReleaseOn)],
        [t('rs.period'), h('span', { testid: 'rs-period' }, t('rs.periodText', { from: fmtDate(r.releasedOn), to: fmtDate(r.assistanceEndsOn) }))],
      ]),
      h('h2', null, t('rs.reception')),
      r.receptions.length
        ? h('ul', { class: 'list', testid: 'rs-receptions' }, r.receptions.map((x) => h('li', { testid: 'rs-reception' },
            x.met ? t('rs.receptionItem', { date: fmtDate(x.on), who: x.metBy, place: x.place }) : t('rs.notArrivedItem', { date: fmtDate(x.on) }))))
        : null,
      r.status === 'NOT_ARRIVED' && r.lostContactDueAt && !r.lostContactAlertedAt
        ? h('p', { class: 'notice warn', testid: 'rs-lost-due' }, t('rs.lostDue', { at: fmtDateTime(r.lostContactDueAt) })) : null,
    ];
    if (r.status !== 'IN_ASSISTANCE') {
      const form = h('form', { class: 'form', novalidate: true, testid: 'rs-reception-form' },
        h('fieldset', { class: 'field' },
          h('div', { class: 'field check' }, h('input', { type: 'radio', id: 'rs-met-yes', name: 'met', value: 'yes', checked: true, testid: 'rs-met-yes' }), h('label', { for: 'rs-met-yes' }, t('rs.met'))),
          r.status === 'NOTIFIED' ? h('div', { class: 'field check' }, h('input', { type: 'radio', id: 'rs-met-no', name: 'met', value: 'no', testid: 'rs-met-no' }), h('label', { for: 'rs-met-no' }, t('rs.notMet'))) : null),
        field({ label: t('rs.on'), name: 'on', type: 'date', required: true, value: today, max: today, testid: 'rs-on' }),
        field({ label: t('rs.releasedOn'), name: 'releasedOn', type: 'date', max: today, hint: t('rs.releasedOnHint'), testid: 'rs-released-on' }),
        field({ label: t('rs.metBy'), name: 'metBy', maxlength: 200, testid: 'rs-met-by' }),
        field({ label: t('rs.place'), name: 'place', maxlength: 200, testid: 'rs-place' }),
        field({ label: t('rs.pickedUp'), name: 'pickedUp', type: 'checkbox', testid: 'rs-picked-up' }),
        field({ label: t('rs.note'), name: 'note', type: 'textarea', maxlength: 2000, testid: 'rs-reception-note' }),
        formMessage(),
        h('button', { class: 'btn primary', type: 'submit', testid: 'rs-reception-submit' }, t('rs.saveReception')));
      parts.push(outboxForm(ctx, form, {
        op: 'recordReception', kind: 'resettlement', title: `${t('rs.outbox.reception')} · ${r.fullName}`, ref: id, reload,
        input: (v) => {
          const met = v.met !== 'no';
          if (met && (!v.metBy || !v.place)) {
            if (!v.metBy) showFieldError(form, 'metBy', t('form.required'));
            if (!v.place) showFieldError(form, 'place', t('form.required'));
            return null;
          }
          return {
            recordId: id, met, on: v.on, metBy: met ? v.metBy : null, place: met ? v.place : null, pickedUp: met && !!v.pickedUp,
            releasedOn: met && v.releasedOn ? v.releasedOn : null, note: v.note || null,
          };
        },
      }));
    }
    if (r.status === 'IN_ASSISTANCE') {
      parts.push(h('h2', null, t('rs.contacts')),
        r.contacts.length ? h('ul', { class: 'list', testid: 'rs-contacts' }, r.contacts.map((c) => h('li', { testid: 'rs-contact' }, `${fmtDate(c.on)} · ${tEnum('ContactMethod', c.method)} · ${c.note}`))) : empty(t('rs.noEntries')));
      const contact = h('form', { class: 'form', novalidate: true, testid: 'rs-contact-form' },
        field({ label: t('rs.on'), name: 'on', type: 'date', required: true, value: today, max: today, testid: 'rs-contact-on' }),
        field({ label: t('rs.method'), name: 'method', type: 'select', value: 'VISIT', options: enumOptions('ContactMethod', METHODS, tEnum), testid: 'rs-contact-method' }),
        field({ label: t('rs.note'), name: 'note', type: 'textarea', required: true, maxlength: 2000, testid: 'rs-contact-note' }),
        formMessage(),
        h('button', { class: 'btn primary', type: 'submit', testid: 'rs-contact-submit' }, t('rs.saveContact')));
      parts.push(outboxForm(ctx, contact, {
        op: 'recordResettlementContact', kind: 'resettlement', title: `${t('rs.outbox.contact')} · ${r.fullName}`, ref: id, reload,
        input: (v) => (v.note ? { recordId: id, on: v.on, method: v.method, note: v.note } : (showFieldError(contact, 'note', t('form.required')), null)),
      }));
      parts.push(h('h2', null, t('rs.help')),
        r.help.length ? h('ul', { class: 'list', testid: 'rs-helps' }, r.help.map((x) => h('li', { testid: 'rs-help' }, `${fmtDate(x.on)} · ${tEnum('ResettlementHelpKind', x.kind)} · ${x.description}`))) : empty(t('rs.noEntries')));
      const help = h('form', { class: 'form', novalidate: true, testid: 'rs-help-form' },
        field({ label: t('rs.on'), name: 'on', type: 'date', required: true, value: today, max: today, testid: 'rs-help-on' }),
        field({ label: t('rs.helpKind'), name: 'kind', type: 'select', value: 'EMPLOYMENT', options: enumOptions('ResettlementHelpKind', HELP, tEnum), testid: 'rs-help-kind' }),
        field({ label: t('rs.description'), name: 'description', type: 'textarea', required: true, maxlength: 2000, testid: 'rs-help-description' }),
        formMessage(),
        h('button', { class: 'btn primary', type: 'submit', testid: 'rs-help-submit' }, t('rs.saveHelp')));
      parts.push(outboxForm(ctx, help, {
        op: 'recordResettlementHelp', kind: 'resettlement', title: `${t('rs.outbox.help')} · ${r.fullName}`, ref: id, reload,
        input: (v) => (v.description ? { recordId: id, on: v.on, kind: v.kind, description: v.description } : (showFieldError(help, 'description', t('form.required')), null)),
      }));
    }
    parts.push(accountBox(r, today, reload));
    mount(el, ...parts);
  };
  await load();
}

/** The person's own account: none by default; a code at their request while
 * the record is open (shown as at enrolment), or ending it at their wish. */
function accountBox(r, today, reload) {
  const out = h('div', { 'aria-live': 'polite' });
  const asked = r.contactRequests || [];
  const requests = asked.length
    ? [h('h3', null, t('rs.contactRequests')),
        h('ul', { class: 'list', testid: 'rs-contact-requests' }, asked.map((x) => h('li', { testid: 'rs-contact-request' }, t('rs.contactRequestItem', { at: fmtDateTime(x.sentAt), message: x.message }))))]
    : [];
  if (r.hasAccount) {
    const form = h('form', { class: 'form', novalidate: true, testid: 'rs-account-end-form' },
      field({ label: t('rs.accountEndConfirm'), name: 'confirm', type: 'checkbox', required: true, testid: 'rs-account-end-confirm' }),
      formMessage(),
      h('button', { class: 'btn', type: 'submit', testid: 'rs-account-end' }, t('rs.accountEnd')));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!formValues(form).confirm) return showFieldError(form, 'confirm', t('form.required'));
      busy(form.querySelector('[type=submit]'), async () => {
        try {
          await gql(OPS.endResettlementAccount, { id: r.id });
          announce(t('rs.accountEnded'), 'ok');
          reload();
        } catch (err) {
          showFormError(form, err);
        }
      });
    });
    return h('section', { class: 'card', testid: 'rs-account' }, h('h2', null, t('rs.account')), h('p', { testid: 'rs-account-state' }, t('rs.accountHas')), form, ...requests);
  }
  if (today > r.assistanceEndsOn) {
    return h('section', { class: 'card', testid: 'rs-account' }, h('h2', null, t('rs.account')), h('p', { class: 'muted' }, t('rs.accountClosed')), ...requests);
  }
  const form = h('form', { class: 'form', novalidate: true, testid: 'rs-account-form' },
    field({ label: t('rs.accountRequested'), name: 'requested', type: 'checkbox', required: true, testid: 'rs-account-requested' }),
    formMessage(),
    h('button', { class: 'btn', type: 'submit', testid: 'rs-account-issue' }, t('rs.accountIssue')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!formValues(form).requested) return showFieldError(form, 'requested', t('form.required'));
    busy(form.querySelector('[type=submit]'), async () => {
      try {
        const issued = (await gql(OPS.issueResettlementAccountCode, { id: r.id })).issueResettlementAccountCode;
        announce(t('rs.accountIssued'), 'ok');
        mount(out, codeCard(issued.activationCode, r.fullName));
      } catch (err) {
        showFormError(form, err);
      }
    });
  });
  return h('section', { class: 'card', testid: 'rs-account' }, h('h2', null, t('rs.account')), h('p', { class: 'muted', testid: 'rs-account-state' }, t('rs.accountNone')), form, out, ...requests);
}

// ------------------------------------------------------------------ the person's own screen

export async function myHelp(el, ctx) {
  const load = () => cachedQuery(ctx, 'my-resettlement', () => gql(OPS.myResettlement, {}, { signal: ctx.signal }), render, (err) => mount(el, errorBox(err, load)));
  const render = (data, meta) => {
    const m = data.myResettlement;
    const form = h('form', { class: 'form', novalidate: true, testid: 'rs-ask-form' },
      field({ label: t('rs.mine.message'), name: 'message', type: 'textarea', required: true, maxlength: 1000, testid: 'rs-ask-message' }),
      formMessage(),
      h('button', { class: 'btn primary', type: 'submit', testid: 'rs-ask-submit' }, t('rs.mine.send')));
    outboxForm(ctx, form, {
      op: 'sendResettlementContactRequest', kind: 'resettlement', title: t('rs.outbox.contactRequest'), ref: null, reload: load,
      done: ['rs.mine.sent', 'rs.mine.sentOffline'],
      input: (v) => (v.message && v.message.trim() ? { message: v.message } : (showFieldError(form, 'message', t('form.required')), null)),
    });
    mount(el, title(t('rs.mine.title')), asOf(meta.asOf, meta.stale), h('p', { class: 'muted' }, t('rs.mine.intro')),
      h('section', { class: 'card', testid: 'rs-mine-office' },
        h('h2', null, t('rs.mine.office')),
        h('p', { testid: 'rs-mine-office-name' }, m.officeName),
        m.officePhone
          ? h('a', { class: 'btn block', href: `tel:${m.officePhone}`, testid: 'rs-mine-call' }, t('rs.mine.call', { phone: m.officePhone }))
          : h('p', { class: 'muted' }, t('rs.mine.noPhone')),
        h('p', { class: 'muted' }, t('rs.mine.until', { date: fmtDate(m.assistanceEndsOn) }))),
      h('h2', null, t('rs.mine.help')),
      m.help.length
        ? h('ul', { class: 'list', testid: 'rs-mine-help' }, m.help.map((x) => h('li', { testid: 'rs-mine-help-item' }, `${fmtDate(x.on)} · ${tEnum('ResettlementHelpKind', x.kind)} · ${x.description}`)))
        : empty(t('rs.mine.noHelp')),
      h('h2', null, t('rs.mine.ask')), form,
      m.contactRequests.length
        ? [h('h3', null, t('rs.mine.asked')), h('ul', { class: 'list', testid: 'rs-mine-asked' }, m.contactRequests.map((x) => h('li', null, t('rs.contactRequestItem', { at: fmtDateTime(x.sentAt), message: x.message }))))]
        : null);
  };
  await load();
}

// ------------------------------------------------------------------ from corrections

export async function fromSupervision(el, ctx) {
  const personId = ctx.params.id;
  let p;
  try {
    p = (await gql(OPS.releasedPerson, { id: personId }, { signal: ctx.signal })).supervisedPerson;
  } catch (err) {
    return mount(el, errorBox(err, () => ctx.navigate(`/resettlement/from/${personId}`)));
  }
  if (!ctx.alive) return;
  const form = h('form', { class: 'form', novalidate: true, testid: 'rs-from-form' },
    field({ label: t('rs.riskGrade'), name: 'riskGrade', type: 'select', value: 'LOW', options: enumOptions('RiskLevel', GRADES, tEnum), testid: 'rs-from-grade' }),
    formMessage(),
    h('button', { class: 'btn primary', type: 'submit', testid: 'rs-from-submit' }, t('rs.open')));
  mount(el, title(t('rs.fromTitle')), h('p', { class: 'muted' }, t('rs.fromIntro')),
    facts([[t('rs.fullName'), p.fullName], [t('rs.idMasked'), p.idNumberMasked], [t('rs.office'), p.orgUnit.name]]), form);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    busy(form.querySelector('[type=submit]'), async () => {
      try {
        const made = (await gql(OPS.openResettlementFromSupervision, { personId, riskGrade: formValues(form).riskGrade })).openResettlementFromSupervision;
        ctx.navigate(`/resettlement/${made.id}`);
      } catch (err) {
        showFormError(form, err);
      }
    });
  });
}
