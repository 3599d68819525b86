// People's mediation: disputes (HIGH risk and due follow-ups first),
// registering a dispute with its parties, a dispute with its visits, and
// logging a visit. Registration and visits go through the outbox.
import { gql, OPS } from '../api.js';
import { t, tEnum, fmtDateTime, fmtRelative, fmtList, localInputValue, fromLocalInput, loadArea } from '../i18n.js';
import {
  h, mount, title, field, formValues, formMessage, showFieldError, showFormError, busy, announce,
  cachedQuery, asOf, errorBox, badge, empty, facts, locate, place, enumOptions, debounce,
  showFieldErrors, showProblemCount, problemText, keepDraft, showRefused, returnedNotice,
} from '../ui.js';
import { newClientId, myOutboxItems, onSent, onOutboxChange, cacheGet, cachePut, enqueueAndWait, returnedDrafts } from '../store.js';
import { loadRules, checkForm, check, attrsOf } from '../rules.js';
import { sourceFields, sourceInput } from '../dispute-source.js';

// A dispute's source, hand-offs and screening (screens/handoffs.js, screening.js).
await loadArea('screening');

// The links to the agreements' screens (screens/agreements.js) are worded there.
await loadArea('agreements');
await loadArea('referaid');
// The rules' own words (a name's symbols).
await loadArea('input');

const CATEGORIES = ['FAMILY', 'NEIGHBOR', 'PROPERTY', 'LAND', 'LABOR', 'CONTRACT', 'DAMAGES', 'MEDICAL', 'TRAFFIC', 'OTHER'];
const RISKS = ['HIGH', 'MEDIUM', 'LOW'];
const STATUSES = ['OPEN', 'MEDIATING', 'RESOLVED', 'FAILED', 'REFERRED', 'CLOSED'];
const OUTCOMES = ['IN_PROGRESS', 'AGREEMENT_REACHED', 'NO_AGREEMENT', 'FOLLOW_UP_DONE', 'REFERRED'];
const PARTY_ROLES = ['APPLICANT', 'RESPONDENT', 'OTHER'];
const CLOSED = new Set(['RESOLVED', 'FAILED', 'REFERRED', 'CLOSED']);


const followUpDue = (d) => !!d.nextFollowUpAt && Date.parse(d.nextFollowUpAt) <= Date.now() && !CLOSED.has(d.status);

/** HIGH risk and due follow-ups first, then the soonest follow-up, then the newest. */
function rank(d) {
  const high = d.riskLevel === 'HIGH' && !CLOSED.has(d.status);
  return high && followUpDue(d) ? 0 : high ? 1 : followUpDue(d) ? 2 : CLOSED.has(d.status) ? 4 : 3;
}
function byPriority(a, b) {
  const r = rank(a) - rank(b);
  if (r) return r;
  const fa = a.nextFollowUpAt ? Date.parse(a.nextFollowUpAt) : Infinity;
  const fb = b.nextFollowUpAt ? Date.parse(b.nextFollowUpAt) : Infinity;
  if (fa !== fb) return fa - fb;
  return Date.parse(b.registeredAt) - Date.parse(a.registeredAt);
}

const riskBadge = (r) => badge(tEnum('RiskLevel', r), { HIGH: 'bad', MEDIUM: 'warn', LOW: 'ok' }[r]);

// ------------------------------------------------------------------- list

export async function disputes(el, ctx) {
  // A dashboard figure opens the list filtered to what it counts (?risk=HIGH&open=1).
  const asked = ctx.query;
  const state = { search: '', risk: RISKS.includes(asked.get('risk')) ? asked.get('risk') : '', status: '', due: false, open: asked.get('open') === '1' };
  const listBox = h('div');
  const queuedBox = h('div');
  const search = h('input', { type: 'search', id: 'dispute-search', testid: 'dispute-search', placeholder: t('disputes.searchHint'), autocomplete: 'off', enterkeyhint: 'search' });
  const riskSel = h('select', { id: 'dispute-risk', testid: 'dispute-risk' }, enumOptions('RiskLevel', RISKS, tEnum, t('filter.anyRisk')).map(([v, l]) => h('option', { value: v }, l)));
  const statusSel = h('select', { id: 'dispute-status', testid: 'dispute-status' }, enumOptions('DisputeStatus', STATUSES, tEnum, t('filter.anyStatus')).map(([v, l]) => h('option', { value: v }, l)));
  const dueBox = h('input', { type: 'checkbox', id: 'dispute-due', testid: 'dispute-due' });
  const openBox = h('input', { type: 'checkbox', id: 'dispute-open', testid: 'dispute-open', checked: state.open });
  riskSel.value = state.risk;
  mount(
    el,
    h('div', { class: 'title-row' }, title(t('disputes.title')),
      h('a', { class: 'btn small', href: '#/agreements', testid: 'agreements-link' }, t('agreements.title')),
      h('a', { class: 'btn small primary', href: '#/disputes/new', testid: 'dispute-new' }, t('nav.newDispute'))),
    h('p', { class: 'actions' }, h('a', { class: 'btn small', href: '#/overdue', testid: 'disputes-overdue' }, t('handoffs.overdueTitle')), ' ', h('a', { class: 'btn small', href: '#/screening', testid: 'disputes-screening' }, t('screening.title'))),
    h('div', { class: 'filters', role: 'search' },
      h('label', { for: 'dispute-search', class: 'visually-hidden' }, t('disputes.searchLabel')),
      search,
      h('div', { class: 'filter-row' },
        h('label', { for: 'dispute-risk', class: 'visually-hidden' }, t('filter.risk')), riskSel,
        h('label', { for: 'dispute-status', class: 'visually-hidden' }, t('filter.status')), statusSel),
      h('span', { class: 'check-inline' }, dueBox, h('label', { for: 'dispute-due' }, t('disputes.onlyDue'))),
      h('span', { class: 'check-inline' }, openBox, h('label', { for: 'dispute-open' }, t('disputes.onlyOpen')))),
    queuedBox,
    listBox,
  );

  const filtered = () => !!(state.search || state.risk || state.status || state.due || state.open);
  const local = (nodes) => {
    const q = state.search.toLowerCase();
    return nodes.filter((d) =>
      (!state.risk || d.riskLevel === state.risk) && (!state.status || d.status === state.status) && (!state.due || followUpDue(d)) &&
      (!state.open || !CLOSED.has(d.status)) &&
      (!q || d.title.toLowerCase().includes(q) || d.referenceNumber.toLowerCase().includes(q) || d.parties.some((p) => p.name.toLowerCase().includes(q))));
  };

  function render(data, meta) {
    let nodes = data.disputes.edges.map((e) => e.node);
    if (meta.fromCache && filtered()) nodes = local(nodes);
    nodes.sort(byPriority);
    mount(
      listBox,
      asOf(meta.asOf, meta.stale),
      nodes.length
        ? h('ul', { class: 'list cards', testid: 'dispute-list' }, nodes.map((d) =>
            h('li', null,
              h('a', { class: `card-link${d.riskLevel === 'HIGH' && !CLOSED.has(d.status) ? ' overdue' : ''}`, href: `#/dispute/${encodeURIComponent(d.id)}`, testid: 'dispute-item' },
                h('span', { class: 'row-main' },
                  h('strong', null, d.title),
                  h('span', { class: 'muted' }, `${d.referenceNumber} · ${tEnum('DisputeCategory', d.category)} · ${tEnum('DisputeStatus', d.status)}`),
                  h('span', { class: 'muted' }, fmtList(d.parties.map((p) => p.name))),
                  d.nextFollowUpAt && !CLOSED.has(d.status)
                    ? h('span', { class: followUpDue(d) ? 'due-text bad' : 'due-text' }, t(followUpDue(d) ? 'disputes.followUpDue' : 'disputes.followUp', { rel: fmtRelative(d.nextFollowUpAt) }))
                    : null),
                riskBadge(d.riskLevel)))))
        : empty(t('disputes.empty')),
    );
  }

  async function renderQueued() {
    // Disputes registered offline: shown until the server has them (no id yet, so not openable).
    const items = (await myOutboxItems()).filter((i) => i.kind === 'dispute');
    const returned = (await returnedDrafts()).filter((d) => d.kind === 'dispute' || d.kind === 'visit');
    if (!ctx.alive) return;
    mount(queuedBox, returned.map(returnedNotice), items.length
      ? h('ul', { class: 'list', testid: 'dispute-queued' }, items.map((i) =>
          h('li', { class: 'row' }, h('span', { class: 'row-main' }, h('strong', null, i.variables.input.title), h('span', { class: 'muted' }, fmtDateTime(i.createdAt))),
            badge(t(i.status === 'failed' ? 'outbox.failed' : 'outbox.waiting'), i.status === 'failed' ? 'bad' : 'warn'))))
      : null);
  }

  const load = () => {
    const filter = {};
    if (state.search) filter.search = state.search;
    if (state.risk) filter.riskLevel = state.risk;
    if (state.status) filter.status = state.status;
    if (state.due) filter.followUpDue = true;
    if (state.open) filter.open = true;
    return cachedQuery(ctx, filtered() ? null : 'disputes', () => gql(OPS.disputes, { filter: filtered() ? filter : null }, { signal: ctx.signal }), render, async (err) => {
      const cached = err.offline && (await cacheGet('disputes'));
      if (cached) render(cached.data, { asOf: cached.asOf, stale: true, fromCache: true });
      else mount(listBox, errorBox(err, load));
    });
  };
  search.addEventListener('input', debounce(() => ((state.search = search.value.trim()), load()), 350));
  riskSel.addEventListener('change', () => ((state.risk = riskSel.value), load()));
  statusSel.addEventListener('change', () => ((state.status = statusSel.value), load()));
  dueBox.addEventListener('change', () => ((state.due = dueBox.checked), load()));
  openBox.addEventListener('change', () => ((state.open = openBox.checked), load()));
  ctx.onCleanup(onOutboxChange(renderQueued));
  ctx.onCleanup(onSent((r) => r.kind === 'dispute' && load()));
  renderQueued();
  await load();
}

// --------------------------------------------------------------- register

function partyRow(index, rules) {
  const row = h('fieldset', { class: 'party', testid: 'party-row' },
    h('legend', null, t('register.party', { n: index + 1 })),
    field({ label: t('register.partyName'), name: 'partyName', ...attrsOf(rules, 'dispute', 'partyName'), testid: 'party-name' }),
    field({ label: t('register.partyRole'), name: 'partyRole', type: 'select', options: enumOptions('PartyRole', PARTY_ROLES, tEnum), value: index === 0 ? 'APPLICANT' : 'RESPONDENT', testid: 'party-role' }),
    field({ label: t('register.partyPhone'), name: 'partyPhone', type: 'tel', inputmode: 'tel', testid: 'party-phone' }),
  );
  if (index >= 2) {
    row.append(h('button', { class: 'btn link', type: 'button', testid: 'party-remove', onclick: () => row.remove() }, t('register.removeParty')));
  }
  return row;
}

export async function register(el, ctx) {
  let units = [];
  const cached = await cacheGet('orgUnits');
  try {
    units = (await gql(OPS.orgUnits, {}, { signal: ctx.signal })).orgUnits;
    cachePut('orgUnits', units);
  } catch {
    units = cached?.data || [];
  }
  const rules = await loadRules();
  if (!ctx.alive) return;
  units = units.filter((u) => u.kind === 'MEDIATION_COMMITTEE' || u.kind === 'JUSTICE_OFFICE');
  const own = ctx.viewer.orgUnit;
  if (own && !units.some((u) => u.id === own.id)) units.unshift(own);
  const parties = h('div', { class: 'parties' }, partyRow(0, rules), partyRow(1, rules));
  const form = h(
    'form',
    { class: 'form', novalidate: true, testid: 'register-form' },
    field({ label: t('register.titleField'), name: 'title', ...attrsOf(rules, 'dispute', 'title'), hint: t('register.titleHint'), testid: 'register-title' }),
    field({ label: t('register.category'), name: 'category', type: 'select', options: enumOptions('DisputeCategory', CATEGORIES, tEnum), value: 'NEIGHBOR', testid: 'register-category' }),
    field({ label: t('register.risk'), name: 'riskLevel', type: 'select', options: enumOptions('RiskLevel', ['LOW', 'MEDIUM', 'HIGH'], tEnum), value: 'LOW', hint: t('register.riskHint'), testid: 'register-risk' }),
    field({ label: t('register.description'), name: 'description', type: 'textarea', ...attrsOf(rules, 'dispute', 'description'), testid: 'register-description' }),
    sourceFields(),
    h('h2', null, t('register.parties')),
    parties,
    h('button', { class: 'btn', type: 'button', testid: 'party-add', onclick: () => parties.append(partyRow(parties.children.length, rules)) }, t('register.addParty')),
    field({ label: t('register.unit'), name: 'orgUnitId', type: 'select', options: units.map((u) => [u.id, u.name]), value: own?.id, testid: 'register-unit' }),
    formMessage(),
    h('button', { class: 'btn primary block', type: 'submit', testid: 'register-submit' }, t('register.submit')),
  );
  mount(el, h('p', { class: 'back' }, h('a', { href: '#/disputes' }, '‹ ' + t('nav.disputes'))), title(t('register.title')), form);
  const draft = await keepDraft(form, 'dispute:new', {
    // As many party rows as the draft has.
    prepare: (values) => {
      const n = values.filter(([name]) => name === 'partyName').length;
      while (parties.children.length < n) parties.append(partyRow(parties.children.length, rules));
    },
  });
  // A refused "parties.1.phone" is the second row's phone field.
  const aliases = { parties: (tail) => (tail === 'phone' ? 'partyPhone' : tail === 'role' ? 'partyRole' : 'partyName') };
  if (draft.draft && draft.draft.error) showRefused(form, draft.draft.error, aliases);

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = formValues(form);
    const problems = Object.entries(checkForm(rules, 'dispute', v))
      .filter(([k]) => k !== 'partyName' && k !== 'partyPhone')
      .map(([k, p]) => [k, problemText(p)]);
    const rows = [...parties.querySelectorAll('fieldset.party')];
    const list = [];
    rows.forEach((row, i) => {
      const name = row.querySelector('[name=partyName]');
      const phone = row.querySelector('[name=partyPhone]');
      if (!name.value.trim() && !phone.value.trim() && i > 0 && list.length) return; // an empty extra row
      const bad = [[name, check(rules, rules.forms.dispute.partyName, name.value)], [phone, check(rules, rules.forms.dispute.partyPhone, phone.value)]];
      for (const [input, p] of bad) if (p) problems.push([input, problemText(p)]);
      list.push({ name: name.value.trim(), role: row.querySelector('[name=partyRole]').value, ...(phone.value.trim() ? { phone: phone.value.trim() } : {}) });
    });
    if (showFieldErrors(form, problems)) return showProblemCount(form, problems.length);
    const input = {
      clientId: newClientId(),
      title: v.title,
      category: v.category,
      description: v.description,
      riskLevel: v.riskLevel,
      parties: list,
      orgUnitId: v.orgUnitId,
      ...(ctx.viewer.role === 'MEDIATOR' ? { mediatorId: ctx.viewer.id } : {}),
      ...(sourceInput(v) ? { source: sourceInput(v) } : {}),
    };
    busy(form.querySelector('[type=submit]'), async () => {
      const result = await enqueueAndWait({
        op: 'registerDispute', query: OPS.registerDispute, variables: { input }, kind: 'dispute', title: v.title,
        draft: { key: 'dispute:new', route: '/disputes/new', values: draft.values() },
      });
      if (result.refused || result.failed) return ctx.alive && showRefused(form, result.error, aliases);
      await draft.clear();
      announce(result.sent ? t('register.saved') : t('register.savedOffline'), 'ok');
      if (ctx.alive) ctx.navigate('/disputes');
    });
  });
}

// ----------------------------------------------------------- dispute page

export async function disputePage(el, ctx) {
  const id = ctx.params.id;
  const body = h('div');
  mount(el, body);

  function render(data, meta) {
    const d = data.dispute;
    if (!d) return mount(body, title(t('dispute.title')), errorBox({ code: 'NOT_FOUND' }));
    const queued = h('div');
    mount(
      body,
      h('p', { class: 'back' }, h('a', { href: '#/disputes' }, '‹ ' + t('nav.disputes'))),
      title(d.title),
      asOf(meta.asOf, meta.stale),
      h('p', null, riskBadge(d.riskLevel), ' ', badge(tEnum('DisputeStatus', d.status)), ' ', h('span', { class: 'muted' }, d.referenceNumber)),
      followUpDue(d) ? h('p', { class: 'notice error', testid: 'followup-due' }, t('disputes.followUpDue', { rel: fmtRelative(d.nextFollowUpAt) })) : null,
      d.judicialConfirmationDueAt && !CLOSED.has(d.status)
        ? h('p', { class: 'notice', testid: 'confirmation-due' }, t('dispute.confirmationDue', { time: fmtDateTime(d.judicialConfirmationDueAt) }))
        : null,
      h('div', { class: 'actions' },
        CLOSED.has(d.status) ? null : h('a', { class: 'btn primary', href: `#/dispute/${encodeURIComponent(d.id)}/visit`, testid: 'dispute-log-visit' }, t('dispute.logVisit')),
        // Its agreement, or the form to record it (screens/agreements.js decides).
        !['FAILED', 'REFERRED'].includes(d.status) ? h('a', { class: 'btn', href: `#/dispute/${encodeURIComponent(d.id)}/agreement`, testid: 'dispute-agreement' }, t('agreements.open')) : null,
        ' ', h('a', { class: 'btn', href: `#/dispute/${encodeURIComponent(d.id)}/handoff`, testid: 'dispute-handoffs' }, t('handoffs.link')),
        // A failed mediation: one tap starts legal aid for a party (人民调解法 Art. 26).
        d.status === 'FAILED' ? h('a', { class: 'btn', href: `#/refer-aid/dispute/${encodeURIComponent(d.id)}`, testid: 'dispute-refer-aid' }, t('referaid.link')) : null),
      facts([
        [t('register.category'), tEnum('DisputeCategory', d.category)],
        [t('dispute.registered'), fmtDateTime(d.registeredAt)],
        [t('dispute.nextFollowUp'), d.nextFollowUpAt ? fmtDateTime(d.nextFollowUpAt) : null],
        [t('dispute.mediator'), d.mediator?.displayName],
        [t('register.unit'), d.orgUnit.name],
      ]),
      h('p', { class: 'description' }, d.description),
      h('h2', null, t('register.parties')),
      h('ul', { class: 'list', testid: 'party-list' }, d.parties.map((p) =>
        h('li', { class: 'row' }, h('span', { class: 'row-main' }, h('strong', null, p.name), h('span', { class: 'muted' }, tEnum('PartyRole', p.role))),
          p.phone ? h('a', { class: 'btn small', href: `tel:${p.phone}` }, p.phone) : null))),
      h('h2', null, t('dispute.visits', { n: d.visits.totalCount })),
      queued,
      d.visits.edges.length
        ? h('ol', { class: 'timeline', testid: 'visit-list' }, d.visits.edges.map(({ node: v }) =>
            h('li', { testid: 'visit-item' },
              h('p', null, h('strong', null, fmtDateTime(v.visitedAt)), ' ', badge(tEnum('VisitOutcome', v.outcome), v.outcome === 'AGREEMENT_REACHED' ? 'ok' : '')),
              h('p', null, v.summary),
              h('p', { class: 'muted' }, t('visit.participants') + ': ' + fmtList(v.participants)),
              v.nextFollowUpAt ? h('p', { class: 'muted' }, t('dispute.nextFollowUp') + ': ' + fmtDateTime(v.nextFollowUpAt)) : null,
              v.location ? place(v.location) : null)))
        : empty(t('dispute.noVisits')),
      statusForm(d, load),
    );
    myOutboxItems().then((items) => {
      const mine = items.filter((i) => i.kind === 'visit' && i.ref === d.id);
      if (mine.length && ctx.alive) mount(queued, h('p', { class: 'notice' }, t('dispute.queued', { n: mine.length }), ' ', h('a', { href: '#/outbox' }, t('outbox.open'))));
    });
  }

  const load = () => cachedQuery(ctx, 'dispute:' + id, () => gql(OPS.dispute, { id }, { signal: ctx.signal }), render, (err) => mount(body, title(t('dispute.title')), errorBox(err, load)));
  ctx.onCleanup(onSent((r) => r.kind === 'visit' && load()));
  await load();
}

function statusForm(d, reload) {
  const form = h('form', { class: 'form card', novalidate: true, testid: 'dispute-status-form' },
    h('h3', null, t('dispute.changeStatus')),
    field({ label: t('status.new'), name: 'status', type: 'select', value: d.status, options: enumOptions('DisputeStatus', STATUSES, tEnum), testid: 'dispute-status-select' }),
    field({ label: t('status.note'), name: 'note', type: 'textarea', testid: 'dispute-status-note' }),
    formMessage(),
    h('button', { class: 'btn', type: 'submit', testid: 'dispute-status-save' }, t('action.save')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = formValues(form);
    if (v.status === d.status) return showFieldError(form, 'status', t('status.unchanged'));
    busy(form.querySelector('[type=submit]'), async () => {
      try {
        await gql(OPS.setDisputeStatus, { id: d.id, s: v.status, n: v.note || null });
        announce(t('status.saved'), 'ok');
        reload();
      } catch (err) {
        showFormError(form, err);
      }
    });
  });
  return form;
}

// -------------------------------------------------------------- log visit

export async function logVisit(el, ctx) {
  const id = ctx.params.id;
  const d = (await cacheGet('dispute:' + id))?.data?.dispute;
  const rules = await loadRules();
  if (!ctx.alive) return;
  const partyNames = d ? d.parties.map((p) => p.name) : [];
  const partyChecks = partyNames.length
    ? h('fieldset', { class: 'field' }, h('legend', null, t('visit.participants')),
        partyNames.map((n, i) => h('div', { class: 'field check' },
          h('input', { type: 'checkbox', id: `pp${i}`, name: 'present', value: n, 'data-group': '1', checked: true, testid: 'visit-party' }),
          h('label', { for: `pp${i}` }, n))))
    : null;
  const form = h(
    'form',
    { class: 'form', novalidate: true, testid: 'visit-form' },
    field({ label: t('visit.when'), name: 'visitedAt', type: 'datetime-local', required: true, value: localInputValue(), max: localInputValue(), testid: 'visit-when' }),
    partyChecks,
    field({ label: partyNames.length ? t('visit.others') : t('visit.participants'), name: 'others', type: 'textarea', rows: 2, hint: t('visit.othersHint'), testid: 'visit-participants' }),
    field({ label: t('visit.summary'), name: 'summary', type: 'textarea', rows: 5, ...attrsOf(rules, 'visit', 'summary'), testid: 'visit-summary' }),
    field({ label: t('visit.outcome'), name: 'outcome', type: 'select', options: enumOptions('VisitOutcome', OUTCOMES, tEnum), value: 'IN_PROGRESS', testid: 'visit-outcome' }),
    h('p', { class: 'notice', hidden: true, testid: 'visit-agreement-hint' }, t('visit.agreementHint')),
    field({ label: t('visit.nextFollowUp'), name: 'nextFollowUpAt', type: 'datetime-local', hint: t('visit.nextFollowUpHint'), testid: 'visit-next' }),
    field({ label: t('record.withLocation'), name: 'withLocation', type: 'checkbox', value: true, testid: 'visit-location' }),
    formMessage(),
    h('button', { class: 'btn primary block', type: 'submit', testid: 'visit-submit' }, t('visit.save')),
  );
  const hint = form.querySelector('[data-testid=visit-agreement-hint]');
  form.elements.outcome.addEventListener('change', (e) => (hint.hidden = e.target.value !== 'AGREEMENT_REACHED'));
  mount(
    el,
    h('p', { class: 'back' }, h('a', { href: `#/dispute/${encodeURIComponent(id)}` }, '‹ ' + (d ? d.title : t('dispute.title')))),
    title(t('visit.title')),
    form,
  );

  const draftKey = 'visit:' + id;
  const draft = await keepDraft(form, draftKey);
  const aliases = { participants: 'others' };
  if (draft.draft && draft.draft.error) showRefused(form, draft.draft.error, aliases);

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = formValues(form);
    const others = v.others.split(/[\n,，、;；]+/).map((s) => s.trim()).filter(Boolean);
    const participants = [...(v.present || []), ...others];
    const problems = Object.entries(checkForm(rules, 'visit', { visitedAt: v.visitedAt, summary: v.summary }))
      .map(([k, p]) => [k, problemText(p)]);
    const badName = others.map((n) => check(rules, rules.forms.visit.others, n)).find(Boolean);
    if (badName) problems.push(['others', problemText(badName)]);
    else if (!participants.length) problems.push(['others', t('visit.needParticipants')]);
    else if (participants.length > rules.forms.visit.participants.max) {
      problems.push(['others', t('rule.between', { min: 1, max: rules.forms.visit.participants.max })]);
    }
    if (v.nextFollowUpAt && new Date(v.nextFollowUpAt) <= new Date()) problems.push(['nextFollowUpAt', t('visit.futureOnly')]);
    if (showFieldErrors(form, problems)) return showProblemCount(form, problems.length);
    busy(form.querySelector('[type=submit]'), async () => {
      const loc = v.withLocation ? await locate() : null;
      const input = {
        clientId: newClientId(),
        disputeId: id,
        visitedAt: fromLocalInput(v.visitedAt),
        participants,
        summary: v.summary,
        outcome: v.outcome,
        ...(v.nextFollowUpAt ? { nextFollowUpAt: fromLocalInput(v.nextFollowUpAt) } : {}),
        ...(loc || {}),
      };
      const result = await enqueueAndWait({
        op: 'logMediationVisit', query: OPS.logMediationVisit, variables: { input }, kind: 'visit',
        title: d ? d.title : t('outbox.kind.visit'), ref: id,
        draft: { key: draftKey, route: `/dispute/${id}/visit`, values: draft.values() },
      });
      if (result.refused || result.failed) return ctx.alive && showRefused(form, result.error, aliases);
      await draft.clear();
      announce(result.sent ? t('visit.saved') : t('visit.savedOffline'), 'ok');
      if (ctx.alive) ctx.navigate(`/dispute/${encodeURIComponent(id)}`);
    });
  });
}
