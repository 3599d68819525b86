// Legal aid. Applicant: apply (short, plain words; eligibility explained
// once the centre has the request), own requests with their history.
// Staff: queue (urgent and overdue first), decide with reasons, assign,
// close. Lawyer: assigned cases.
import { gql, OPS } from '../api.js';
import { t, tEnum, fmtDateTime, fmtDate, fmtMoney, fmtRelative, fmtList, loadArea } from '../i18n.js';
import {
  h, mount, title, field, formValues, formMessage, showFieldError, showFormError, busy, announce,
  cachedQuery, asOf, errorBox, badge, empty, facts, enumOptions, debounce, loading,
  showFieldErrors, showProblemCount, problemText, keepDraft, showRefused, returnedNotice,
} from '../ui.js';
import { newClientId, myOutboxItems, onSent, onOutboxChange, cacheGet, cachePut, enqueueAndWait, returnedDrafts } from '../store.js';
import { loadRules, checkForm, attrsOf } from '../rules.js';
import ops from '../operations/legal.js';
import { warningsOf } from '../date_rules.js';

// The procedure's links and the statuses it adds (INCOMPLETE, TERMINATED).
await loadArea('aidprocedure');
await loadArea('legal');
// The rules' own words (a name's symbols, a deadline already past).
await loadArea('input');

const MATTERS = ['WAGE_ARREARS', 'WORK_INJURY', 'SOCIAL_INSURANCE', 'FAMILY_SUPPORT', 'MARRIAGE_FAMILY', 'DOMESTIC_VIOLENCE',
  'PERSONAL_INJURY', 'STATE_COMPENSATION', 'CRIMINAL_DEFENSE', 'ADMINISTRATIVE', 'OTHER_CIVIL'];
const EXEMPTIONS = ['ABUSE_VICTIM', 'NO_FIXED_INCOME', 'SUBSISTENCE_ALLOWANCE', 'SPECIAL_HARDSHIP', 'SOCIAL_ASSISTANCE',
  'JUDICIAL_ASSISTANCE', 'ENTITLED_GROUP', 'HERO_RELATIVE', 'BRAVERY', 'RETRIAL_ACQUITTAL'];
const GROUPS = ['MIGRANT_WORKER', 'WOMAN', 'MINOR', 'ELDERLY', 'DISABLED', 'VETERAN'];
const STATUSES = ['SUBMITTED', 'APPROVED', 'REJECTED', 'ASSIGNED', 'CLOSED', 'WITHDRAWN'];
const OPEN = new Set(['SUBMITTED', 'APPROVED', 'ASSIGNED']);
const CENTRE_KEY = 'sifasuo.legalAidCentre';

const decisionOverdue = (r) => r.status === 'SUBMITTED' && Date.parse(r.decisionDueAt) < Date.now();

/** Urgent first (Art. 44), then decisions overdue, then the nearest deadline. */
function byUrgency(a, b) {
  const score = (r) => (OPEN.has(r.status) ? 0 : 4) + (r.urgent && OPEN.has(r.status) ? 0 : 2) + (decisionOverdue(r) ? 0 : 1);
  const s = score(a) - score(b);
  if (s) return s;
  return Date.parse(a.decisionDueAt) - Date.parse(b.decisionDueAt);
}

const statusBadge = (s) =>
  badge(tEnum('LegalAidStatus', s), { APPROVED: 'ok', ASSIGNED: 'ok', REJECTED: 'bad', SUBMITTED: 'warn' }[s] || '');

function requestList(nodes, { showApplicant }) {
  return h('ul', { class: 'list cards', testid: 'request-list' }, nodes.map((r) =>
    h('li', null,
      h('a', { class: `card-link${(r.urgent && OPEN.has(r.status)) || decisionOverdue(r) ? ' overdue' : ''}`, href: `#/request/${encodeURIComponent(r.id)}`, testid: 'request-item' },
        h('span', { class: 'row-main' },
          h('strong', null, showApplicant ? `${r.applicantName} · ${tEnum('LegalAidMatter', r.matter)}` : tEnum('LegalAidMatter', r.matter)),
          h('span', { class: 'muted' }, `${r.referenceNumber} · ${fmtDateTime(r.submittedAt)}`),
          r.status === 'SUBMITTED'
            ? h('span', { class: decisionOverdue(r) ? 'due-text bad' : 'due-text' }, t(decisionOverdue(r) ? 'legal.decisionOverdue' : 'legal.decisionDue', { rel: fmtRelative(r.decisionDueAt) }))
            : null,
          r.assignee ? h('span', { class: 'muted' }, t('legal.assignee') + ': ' + r.assignee.displayName) : null),
        h('span', { class: 'badges' },
          r.urgent && OPEN.has(r.status) ? badge(t('legal.urgent'), 'bad') : null,
          statusBadge(r.status))))));
}

/** A list screen: cached, with optional status/overdue filters and search for staff. */
async function listScreen(el, ctx, { key, heading, baseFilter = {}, staff = false, intro = null, top = null, none = 'legal.empty' }) {
  // Staff's filters may come in the address (a dashboard figure opens its list).
  const query = staff ? ctx.query : new URLSearchParams();
  const state = { search: '', status: query.get('status') || '', overdue: query.get('overdue') === '1' };
  const listBox = h('div');
  const queuedBox = h('div');
  const filters = staff
    ? (() => {
        const search = h('input', { type: 'search', id: 'req-search', testid: 'request-search', placeholder: t('legal.searchHint'), autocomplete: 'off' });
        const statusSel = h('select', { id: 'req-status', testid: 'request-status' }, enumOptions('LegalAidStatus', STATUSES, tEnum, t('filter.anyStatus')).map(([v, l]) => h('option', { value: v, selected: v === state.status }, l)));
        const overdue = h('input', { type: 'checkbox', id: 'req-overdue', testid: 'request-overdue', checked: state.overdue });
        search.addEventListener('input', debounce(() => ((state.search = search.value.trim()), load()), 350));
        statusSel.addEventListener('change', () => ((state.status = statusSel.value), load()));
        overdue.addEventListener('change', () => ((state.overdue = overdue.checked), load()));
        return h('div', { class: 'filters', role: 'search' },
          h('label', { for: 'req-search', class: 'visually-hidden' }, t('legal.searchLabel')), search,
          h('div', { class: 'filter-row' }, h('label', { for: 'req-status', class: 'visually-hidden' }, t('filter.status')), statusSel,
            h('span', { class: 'check-inline' }, overdue, h('label', { for: 'req-overdue' }, t('legal.onlyOverdue')))));
      })()
    : null;
  mount(el, h('div', { class: 'title-row' }, title(heading), top), intro, filters, queuedBox, listBox);

  const filtered = () => !!(state.search || state.status || state.overdue);
  function render(data, meta) {
    let nodes = data.legalAidRequests.edges.map((e) => e.node);
    if (meta.fromCache && filtered()) {
      const q = state.search.toLowerCase();
      nodes = nodes.filter((r) => (!state.status || r.status === state.status) && (!state.overdue || decisionOverdue(r)) &&
        (!q || r.applicantName.toLowerCase().includes(q) || r.referenceNumber.toLowerCase().includes(q)));
    }
    nodes.sort(byUrgency);
    mount(listBox, asOf(meta.asOf, meta.stale), nodes.length ? requestList(nodes, { showApplicant: staff || ctx.viewer.role === 'LAWYER' }) : empty(t(none)));
  }
  const load = () => {
    const filter = { ...baseFilter };
    if (state.search) filter.search = state.search;
    if (state.status) filter.status = state.status;
    if (state.overdue) filter.decisionOverdue = true;
    const hasFilter = Object.keys(filter).length > 0;
    return cachedQuery(ctx, filtered() ? null : key, () => gql(OPS.legalAidRequests, { filter: hasFilter ? filter : null }, { signal: ctx.signal }), render, async (err) => {
      const cached = err.offline && (await cacheGet(key));
      if (cached) render(cached.data, { asOf: cached.asOf, stale: true, fromCache: true });
      else mount(listBox, errorBox(err, load));
    });
  };

  if (ctx.viewer.role === 'APPLICANT') {
    const renderQueued = async () => {
      const items = (await myOutboxItems()).filter((i) => i.kind === 'legalAid');
      const returned = (await returnedDrafts()).filter((d) => d.kind === 'legalAid');
      if (!ctx.alive) return;
      mount(queuedBox, returned.map((d) => returnedNotice(d)), items.length
        ? h('ul', { class: 'list', testid: 'request-queued' }, items.map((i) =>
            h('li', { class: 'row' }, h('span', { class: 'row-main' }, h('strong', null, tEnum('LegalAidMatter', i.variables.input.matter)),
              h('span', { class: 'muted' }, fmtDateTime(i.createdAt) + ' · ' + t(i.status === 'failed' ? 'outbox.failedHint' : 'legal.queuedHint'))),
              badge(t(i.status === 'failed' ? 'outbox.failed' : 'outbox.waiting'), i.status === 'failed' ? 'bad' : 'warn'))))
        : null);
    };
    ctx.onCleanup(onOutboxChange(renderQueued));
    ctx.onCleanup(onSent((r) => r.kind === 'legalAid' && load()));
    renderQueued();
  }
  await load();
}

export const myRequests = (el, ctx) =>
  listScreen(el, ctx, {
    key: 'requests:mine',
    heading: t('legal.mine'),
    top: h('a', { class: 'btn small primary', href: '#/apply', testid: 'request-apply' }, t('nav.apply')),
  });

export const queue = (el, ctx) => listScreen(el, ctx, { key: 'requests:queue', heading: t('legal.queue'), staff: true });

export const cases = (el, ctx) =>
  listScreen(el, ctx, { key: 'requests:cases', heading: t('legal.cases'), baseFilter: { assigneeId: ctx.viewer.id }, none: 'legal.noCases' });

// ------------------------------------------------------------------ apply

export async function apply(el, ctx) {
  // Every legal-aid centre (public list); kept on the device for offline use.
  let centres = [];
  // The phone the account was given at sign-up: the form starts from it (kept on the device for offline use).
  const phone = gql(ops.accountPhone, {}, { signal: ctx.signal }).then(
    async (d) => (await cachePut('accountPhone', d.textMessages.accountPhone), d.textMessages.accountPhone),
    async () => (await cacheGet('accountPhone'))?.data || '',
  );
  try {
    centres = (await gql(OPS.legalAidCenters, {}, { signal: ctx.signal })).legalAidCenters;
    await cachePut('centres', centres);
  } catch (err) {
    if (err.name === 'AbortError') return;
    centres = (await cacheGet('centres'))?.data || [];
  }
  const accountPhone = await phone;
  const rules = await loadRules();
  if (!ctx.alive) return;
  if (!centres.length) {
    mount(el, h('p', { class: 'back' }, h('a', { href: '#/requests' }, '‹ ' + t('nav.myRequests'))), title(t('apply.title')),
      errorBox({ code: 'NETWORK' }, () => apply(el, ctx)));
    return;
  }
  const lastCentre = localStorage.getItem(CENTRE_KEY) || '';
  const centreField = field({
    label: t('apply.centre'), name: 'orgUnitId', type: 'select', required: true, testid: 'apply-centre',
    options: [...(centres.length > 1 ? [['', t('apply.choose')]] : []), ...centres.map((c) => [c.id, c.name])],
    value: centres.some((c) => c.id === lastCentre) ? lastCentre : centres.length === 1 ? centres[0].id : '',
  });

  const form = h(
    'form',
    { class: 'form', novalidate: true, testid: 'apply-form' },
    h('p', { class: 'lead' }, t('apply.intro')),
    field({ label: t('apply.name'), name: 'applicantName', ...attrsOf(rules, 'legalAid', 'applicantName'), value: ctx.viewer.displayName, autocomplete: 'name', testid: 'apply-name' }),
    field({ label: t('apply.phone'), name: 'applicantPhone', type: 'tel', required: true, inputmode: 'tel', autocomplete: 'tel', value: accountPhone || '', testid: 'apply-phone' }),
    field({ label: t('apply.matter'), name: 'matter', type: 'select', required: true, options: [['', t('apply.choose')], ...MATTERS.map((m) => [m, t('apply.matter.' + m)])], testid: 'apply-matter' }),
    h('fieldset', { class: 'field' },
      h('legend', null, t('apply.groups')),
      h('p', { class: 'hint' }, t('apply.groupsHint')),
      GROUPS.map((g) => h('div', { class: 'field check' },
        h('input', { type: 'checkbox', id: `g-${g}`, name: 'specialGroups', value: g, 'data-group': '1', testid: `apply-group-${g}` }),
        h('label', { for: `g-${g}` }, tEnum('SpecialGroup', g))))),
    // 法律援助法 Art. 32, 41-42: a ground that waives the means test applies
    // with its evidence named or the applicant's personal pledge.
    h('fieldset', { class: 'field', testid: 'apply-exemptions' },
      h('legend', null, t('legal.apply.exemptions')),
      h('p', { class: 'hint' }, t('legal.apply.exemptionsHint')),
      EXEMPTIONS.map((g) => h('div', { class: 'field check' },
        h('input', { type: 'checkbox', id: `x-${g}`, name: 'exemptionGrounds', value: g, 'data-group': '1', testid: `apply-exemption-${g}` }),
        h('label', { for: `x-${g}` }, tEnum('ExemptionGround', g)))),
      field({ label: t('legal.apply.evidence'), name: 'exemptionEvidence', maxlength: 500, testid: 'apply-evidence' }),
      field({ label: t('legal.apply.pledge'), name: 'pledge', type: 'checkbox', testid: 'apply-pledge' })),
    field({ label: t('apply.description'), name: 'description', type: 'textarea', rows: 5, ...attrsOf(rules, 'legalAid', 'description'), hint: t('apply.descriptionHint'), testid: 'apply-description' }),
    field({ label: t('apply.household'), name: 'householdSize', type: 'number', min: 1, max: 30, required: true, inputmode: 'numeric', value: '1', testid: 'apply-household' }),
    field({ label: t('apply.income'), name: 'monthlyHouseholdIncome', type: 'number', min: 0, step: '0.01', required: true, inputmode: 'decimal', hint: t('apply.incomeHint'), testid: 'apply-income' }),
    field({ label: t('legal.apply.area'), name: 'hardshipArea', type: 'select', value: 'URBAN', testid: 'apply-area',
      options: ['URBAN', 'RURAL'].map((a) => [a, tEnum('HardshipArea', a)]) }),
    // A date already past is taken (the centre weighs it): warned of here, not refused.
    field({ label: t('apply.deadline'), name: 'limitationDeadline', type: 'date', hint: t('apply.deadlineHint'), testid: 'apply-deadline' }),
    h('p', { class: 'notice', role: 'status', hidden: true, testid: 'apply-deadline-warning' }),
    centreField,
    h('p', { class: 'hint' }, t('apply.idNote')),
    formMessage(),
    h('button', { class: 'btn primary block', type: 'submit', testid: 'apply-submit' }, t('apply.submit')),
  );
  mount(el, h('p', { class: 'back' }, h('a', { href: '#/requests' }, '‹ ' + t('nav.myRequests'))), title(t('apply.title')), form);
  const draft = await keepDraft(form, 'apply');
  const deadlineWarning = form.querySelector('[data-testid=apply-deadline-warning]');
  const showWarnings = () => {
    const w = warningsOf(rules, 'legalAid', formValues(form)).limitationDeadline;
    deadlineWarning.hidden = !w;
    deadlineWarning.textContent = w ? problemText(w) : '';
  };
  form.elements.limitationDeadline.addEventListener('change', showWarnings);
  form.elements.limitationDeadline.addEventListener('input', showWarnings);
  showWarnings();
  // Sent back by the server from the outbox: open it with the refused field marked.
  if (draft.draft && draft.draft.error) showRefused(form, draft.draft.error);

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = formValues(form);
    const problems = Object.entries(checkForm(rules, 'legalAid', v)).map(([k, p]) => [k, problemText(p)]);
    if (showFieldErrors(form, problems)) return showProblemCount(form, problems.length);
    const size = parseInt(v.householdSize, 10);
    const income = Number(v.monthlyHouseholdIncome);
    localStorage.setItem(CENTRE_KEY, v.orgUnitId);
    // No ID number here: it is never kept on the device (the centre checks it in person).
    const input = {
      clientId: newClientId(),
      applicantName: v.applicantName,
      applicantPhone: v.applicantPhone,
      matter: v.matter,
      specialGroups: v.specialGroups || [],
      description: v.description,
      householdSize: size,
      monthlyHouseholdIncome: income.toFixed(2),
      orgUnitId: v.orgUnitId,
      hardshipArea: v.hardshipArea || 'URBAN',
      exemptionGrounds: v.exemptionGrounds || [],
      ...(v.exemptionEvidence ? { exemptionEvidence: v.exemptionEvidence } : {}),
      pledge: !!v.pledge,
      ...(v.limitationDeadline ? { limitationDeadline: v.limitationDeadline } : {}),
    };
    busy(form.querySelector('[type=submit]'), async () => {
      const result = await enqueueAndWait({
        op: 'submitLegalAidRequest', query: OPS.submitLegalAidRequest, variables: { input }, kind: 'legalAid',
        title: t('apply.matter.' + v.matter), draft: { key: 'apply', route: '/apply', values: draft.values() },
      });
      if (result.refused || result.failed) {
        // Refused: nothing is "saved"; the form stays as typed, the field marked.
        if (ctx.alive) showRefused(form, result.error);
        return;
      }
      await draft.clear();
      if (!ctx.alive) return;
      if (result.sent && result.record) {
        // Stored: open it (eligibility is explained there).
        announce(t('apply.sent'), 'ok');
        ctx.navigate(`/request/${encodeURIComponent(result.record.id)}`);
      } else if (result.sent) {
        announce(t('apply.sent'), 'ok');
        ctx.navigate('/requests');
      } else {
        // Only a network failure (or no answer) gets here: then it is on this phone.
        announce(t('apply.queued'), 'ok');
        ctx.navigate('/requests');
      }
    });
  });
}


// ----------------------------------------------------------- request page

export async function requestPage(el, ctx) {
  const id = ctx.params.id;
  const role = ctx.viewer.role;
  const body = h('div');
  mount(el, body);
  const back = { APPLICANT: ['#/requests', 'nav.myRequests'], LAWYER: ['#/cases', 'nav.cases'] }[role] || ['#/queue', 'nav.queue'];

  function render(data, meta) {
    const r = data.legalAidRequest;
    if (!r) return mount(body, title(t('legal.request')), errorBox({ code: 'NOT_FOUND' }));
    const e = r.eligibility;
    // What happened to the request: what an applicant comes for, so first for
    // them; staff read the eligibility and the facts first, to decide.
    const history = [
      h('h2', null, t('legal.history')),
      h('ol', { class: 'timeline', testid: 'request-history' }, r.history.map((c) =>
        h('li', { testid: 'history-entry' },
          h('p', null, h('strong', null, tEnum('LegalAidStatus', c.to)), ' ', h('span', { class: 'muted' }, fmtDateTime(c.at))),
          c.by ? h('p', { class: 'muted' }, c.by.displayName) : null,
          c.note ? h('p', null, c.note) : null))),
    ];
    const applicant = role === 'APPLICANT';
    mount(
      body,
      h('p', { class: 'back' }, h('a', { href: back[0] }, '‹ ' + t(back[1]))),
      title(tEnum('LegalAidMatter', r.matter)),
      asOf(meta.asOf, meta.stale),
      h('p', { class: 'badges' }, statusBadge(r.status), r.urgent && OPEN.has(r.status) ? badge(t('legal.urgent'), 'bad') : null, ' ', h('span', { class: 'muted' }, r.referenceNumber)),
      r.status === 'SUBMITTED'
        ? h('p', { class: `notice${decisionOverdue(r) ? ' error' : ''}`, testid: 'decision-due' },
            t(decisionOverdue(r) ? 'legal.decisionOverdue' : 'legal.decisionDueAt', { rel: fmtRelative(r.decisionDueAt), time: fmtDateTime(r.decisionDueAt) }))
        : null,
      r.status === 'REJECTED' && role === 'APPLICANT' ? h('p', { class: 'notice', testid: 'objection-hint' }, t('legal.objection')) : null,
      // Taken with the deadline already past (requests.deadline_passed): the applicant is told so.
      r.deadlinePassed && role === 'APPLICANT' ? h('p', { class: 'notice', testid: 'request-deadline-passed' }, t('input.deadlinePassed')) : null,
      applicant ? history : null,
      h('section', { class: `card eligibility ${e.eligible ? 'ok' : 'bad'}`, testid: 'eligibility' },
        h('h2', null, t('legal.eligibility')),
        h('p', { class: 'lead' }, e.eligible ? (e.exempt ? t('legal.eligibleExempt') : t('legal.eligible')) : t('legal.notEligible')),
        h('p', { testid: 'eligibility-reason' }, e.reason),
        !e.exempt && e.threshold
          ? h('p', { class: 'muted' }, t('legal.incomeCompare', { income: fmtMoney(e.monthlyIncomePerCapita), threshold: fmtMoney(e.threshold) }))
          : null,
        h('p', { class: 'hint' }, t('legal.eligibilityNote'))),
      facts([
        [t('legal.applicant'), r.applicantName],
        [t('legal.phone'), r.applicantPhone ? h('a', { href: `tel:${r.applicantPhone}` }, r.applicantPhone) : null],
        [t('legal.idNumber'), r.applicantIdNumberMasked],
        [t('legal.groups'), fmtList(r.specialGroups.map((g) => tEnum('SpecialGroup', g)))],
        [t('legal.household'), t('legal.householdText', { n: r.householdSize, income: fmtMoney(r.monthlyHouseholdIncome) })],
        [t('legal.submitted'), fmtDateTime(r.submittedAt)],
        [t('legal.deadline'), r.limitationDeadline ? fmtDate(r.limitationDeadline) : null],
        [t('legal.centre'), r.orgUnit.name],
        [t('legal.assignee'), r.assignee?.displayName],
        [t('legal.decidedAt'), r.decidedAt ? fmtDateTime(r.decidedAt) : null],
        [t('legal.reason'), r.decisionReason],
      ]),
      h('p', { class: 'description' }, r.description),
      h('p', { class: 'links' },
        h('a', { class: 'btn', href: `#/request/${encodeURIComponent(r.id)}/procedure`, testid: 'procedure-link' }, t('aidp.open')),
        role === 'SUPERVISOR' ? [' ', h('a', { class: 'btn', href: '#/objections', testid: 'objections-link' }, t('aidp.openObjections'))] : null),
      applicant ? null : history,
      meta.stale ? null : actions(r, role, load),
    );
  }
  const load = () => cachedQuery(ctx, 'request:' + id, () => gql(OPS.legalAidRequest, { id }, { signal: ctx.signal }), render, (err) => mount(body, title(t('legal.request')), errorBox(err, load)));
  await load();
}

/** The next step for this role and status, as a form. */
function actions(r, role, reload) {
  const forms = [];
  const staff = role === 'LEGAL_AID_STAFF' || role === 'ADMIN';
  if (staff && r.status === 'SUBMITTED') forms.push(decideForm(r, reload));
  if (staff && r.status === 'APPROVED') {
    // The lawyers of the viewer's centre, fetched when the form is needed.
    const box = h('div', null, loading());
    forms.push(box);
    gql(OPS.assignableLawyers).then(
      (d) => box.isConnected && mount(box, assignForm(r, reload, d.assignableLawyers)),
      (err) => box.isConnected && mount(box, errorBox(err, reload)),
    );
  }
  if ((staff || role === 'LAWYER') && r.status === 'ASSIGNED') forms.push(closeForm(r, reload));
  if (role === 'APPLICANT' && (r.status === 'SUBMITTED' || r.status === 'APPROVED')) forms.push(withdrawBox(r, reload));
  return forms.length ? h('section', { class: 'actions-box' }, forms) : null;
}

function actionForm(testid, heading, fields, submitLabel, run, reload) {
  const form = h('form', { class: 'form card', novalidate: true, testid }, h('h3', null, heading), fields, formMessage(),
    h('button', { class: 'btn primary', type: 'submit', testid: `${testid}-submit` }, submitLabel));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    showFieldError(form, null);
    busy(form.querySelector('[type=submit]'), async () => {
      try {
        const done = await run(formValues(form), form);
        if (done !== false) {
          announce(t('action.saved'), 'ok');
          reload();
        }
      } catch (err) {
        showFormError(form, err);
      }
    });
  });
  return form;
}


function decideForm(r, reload) {
  return actionForm('decide-form', t('legal.decide'), [
    h('fieldset', { class: 'field' }, h('legend', null, t('legal.decision')),
      [['yes', 'legal.approve'], ['no', 'legal.deny']].map(([v, k]) => h('div', { class: 'field check' },
        h('input', { type: 'radio', name: 'approve', id: `approve-${v}`, value: v, checked: v === (r.eligibility.eligible ? 'yes' : 'no'), testid: `decide-${v === 'yes' ? 'approve' : 'deny'}` }),
        h('label', { for: `approve-${v}` }, t(k))))),
    field({ label: t('legal.reason'), name: 'reason', type: 'textarea', required: true, hint: t('legal.reasonHint'), testid: 'decide-reason' }),
  ], t('legal.decideSubmit'), async (v, form) => {
    if (!v.reason) return showFieldError(form, 'reason', t('form.required')) && false;
    await gql(OPS.decideLegalAidRequest, { id: r.id, a: v.approve === 'yes', r: v.reason });
  }, reload);
}

function assignForm(r, reload, lawyers) {
  return actionForm('assign-form', t('legal.assign'), [
    field({
      label: t('legal.assigneePick'), name: 'assigneeId', type: 'select', required: true, testid: 'assign-id',
      // One lawyer to choose from: chosen already.
      options: [...(lawyers.length === 1 ? [] : [['', t('apply.choose')]]), ...lawyers.map((u) => [u.id, u.displayName])],
      value: lawyers.length === 1 ? lawyers[0].id : '',
    }),
    lawyers.length ? null : h('p', { class: 'hint' }, t('legal.noLawyers')),
  ], t('legal.assignSubmit'), async (v, form) => {
    if (!v.assigneeId) return showFieldError(form, 'assigneeId', t('form.required')) && false;
    await gql(OPS.assignLegalAidRequest, { id: r.id, a: v.assigneeId });
  }, reload);
}

function closeForm(r, reload) {
  return actionForm('close-form', t('legal.close'), [
    field({ label: t('legal.closeNote'), name: 'note', type: 'textarea', required: true, testid: 'close-note' }),
  ], t('legal.closeSubmit'), async (v, form) => {
    if (!v.note) return showFieldError(form, 'note', t('form.required')) && false;
    await gql(OPS.closeLegalAidRequest, { id: r.id, n: v.note });
  }, reload);
}

function withdrawBox(r, reload) {
  return actionForm('withdraw-form', t('legal.withdraw'), [
    h('p', { class: 'muted' }, t('legal.withdrawHint')),
    field({ label: t('legal.withdrawConfirm'), name: 'confirm', type: 'checkbox', testid: 'withdraw-confirm' }),
  ], t('legal.withdraw'), async (v, form) => {
    if (!v.confirm) return showFieldError(form, 'confirm', t('form.required')) && false;
    await gql(OPS.withdrawLegalAidRequest, { id: r.id });
  }, reload);
}
