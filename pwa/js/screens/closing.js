// Ended legal-aid cases: the end and the closing materials (法律援助法 Art. 50,
// late ones marked), the subsidy from the table in force when the case ended
// (Art. 52), approved and paid, and the return call and file review after
// closing with the figures per assignee (Art. 57-59).
import { gql, OPS as SHARED } from '../api.js';
import { loadArea, t, tEnum, fmtDate, fmtDateTime, fmtMoney, dateInputValue } from '../i18n.js';
import {
  h, mount, title, field, formValues, formMessage, showFieldError, showFormError, busy, announce,
  errorBox, badge, empty, facts,
} from '../ui.js';
import OPS from '../operations/closing.js';

await loadArea('closing');

const CASE_TYPES = ['CRIMINAL', 'CIVIL', 'ADMINISTRATIVE', 'STATE_COMPENSATION', 'NON_LITIGATION'];
const STAGES = ['INVESTIGATION', 'PROSECUTION', 'FIRST_INSTANCE', 'SECOND_INSTANCE', 'RETRIAL', 'ARBITRATION', 'MEDIATION', 'NON_LITIGATION'];
const GRADES = ['EXCELLENT', 'GOOD', 'SATISFACTORY', 'FAIL'];

function actionForm(testid, heading, fields, submitLabel, run, reload) {
  const form = h('form', { class: 'form card', novalidate: true, testid }, h('h3', null, heading), fields, formMessage(),
    h('button', { class: 'btn primary', type: 'submit', testid: `${testid}-submit` }, submitLabel));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    showFieldError(form, null);
    busy(form.querySelector('[type=submit]'), async () => {
      try {
        if ((await run(formValues(form), form)) === false) return;
        announce(t('closing.saved'), 'ok');
        reload();
      } catch (err) {
        showFormError(form, err);
      }
    });
  });
  return form;
}

const missing = (form, name, v) => (v ? false : showFieldError(form, name, t('form.required')) || true);
const options = (type, values) => values.map((v) => [v, tEnum(type, v)]);

function closingItem(c) {
  return h('li', null,
    h('a', { class: `card-link${c.materialsOverdue ? ' overdue' : ''}`, href: `#/closing/${encodeURIComponent(c.requestId)}`, testid: 'closing-item' },
      h('span', { class: 'row-main' },
        h('strong', null, c.referenceNumber),
        h('span', { class: 'muted' }, t('closing.endedOn', { date: fmtDate(c.endedOn) }) + (c.assignee ? ` · ${c.assignee.displayName}` : '')),
        c.materialsSubmittedAt ? null : h('span', { class: c.materialsOverdue ? 'due-text bad' : 'due-text' }, t('closing.dueOn', { date: fmtDate(c.materialsDueOn) }))),
      h('span', { class: 'badges' },
        c.materialsOverdue ? badge(t('closing.overdue'), 'bad') : null,
        c.materialsLate ? badge(t('closing.late'), 'warn') : null,
        c.subsidy ? badge(tEnum('SubsidyStatus', c.subsidy.status), 'ok') : null)));
}

// ------------------------------------------------------------------ the list

export async function closings(el, ctx) {
  const role = ctx.viewer.role;
  const state = { overdue: false };
  const listBox = h('div');
  const openBox = h('div');
  const qualityBox = h('div', { testid: 'quality-figures' });
  const overdue = h('input', { type: 'checkbox', id: 'closing-overdue', testid: 'closing-overdue' });
  overdue.addEventListener('change', () => ((state.overdue = overdue.checked), load()));
  mount(el, title(t('closing.title')), openBox,
    h('div', { class: 'filters' }, h('span', { class: 'check-inline' }, overdue, h('label', { for: 'closing-overdue' }, t('closing.onlyOverdue')))),
    listBox, role === 'LAWYER' ? null : h('h2', null, t('quality.title')), qualityBox);
  const load = async () => {
    try {
      const d = await gql(OPS.legalAidClosings, { first: 100, f: state.overdue ? { overdue: true } : null }, { signal: ctx.signal });
      if (!ctx.alive) return;
      const nodes = d.legalAidClosings.edges.map((e) => e.node);
      mount(listBox, nodes.length ? h('ul', { class: 'list cards', testid: 'closing-list' }, nodes.map(closingItem)) : empty(t('closing.none')));
    } catch (err) {
      if (err.name !== 'AbortError') mount(listBox, errorBox(err, load));
    }
  };
  if (role !== 'SUPERVISOR') {
    // Assigned cases whose end is not recorded yet: where the assignee starts.
    gql(SHARED.legalAidRequests, { filter: { status: 'ASSIGNED' } }, { signal: ctx.signal }).then((d) => {
      const nodes = d.legalAidRequests.edges.map((e) => e.node);
      if (ctx.alive && nodes.length) {
        mount(openBox, h('h2', null, t('closing.open')), h('ul', { class: 'list', testid: 'closing-open' }, nodes.map((r) =>
          h('li', null, h('a', { href: `#/closing/${encodeURIComponent(r.id)}`, testid: 'closing-open-item' }, `${r.referenceNumber} · ${r.applicantName}`)))));
      }
    }, () => {});
  }
  if (role !== 'LAWYER') {
    gql(OPS.qualityFigures, {}, { signal: ctx.signal }).then((d) => ctx.alive && mount(qualityBox, d.legalAidQualityFigures.length
      ? h('table', { class: 'table' },
          h('thead', null, h('tr', null, ['quality.assignee', 'quality.closed', 'quality.late', 'quality.calls', 'quality.satisfaction', 'quality.reviews', 'quality.failed'].map((k) => h('th', null, t(k))))),
          h('tbody', null, d.legalAidQualityFigures.map((r) => h('tr', { testid: 'quality-row' },
            h('td', null, r.assignee ? r.assignee.displayName : ''), h('td', null, String(r.closed)), h('td', null, String(r.closedLate)),
            h('td', null, `${r.reached}/${r.returnCalls}`), h('td', null, r.averageSatisfaction ?? '–'),
            h('td', null, String(r.fileReviews)), h('td', null, String(r.failedReviews))))))
      : empty(t('closing.none'))), () => {});
  }
  await load();
}

// ------------------------------------------------------------------ one case

export async function closingPage(el, ctx) {
  const id = ctx.params.id;
  const role = ctx.viewer.role;
  const staff = role === 'LEGAL_AID_STAFF';
  const body = h('div');
  mount(el, body);
  const render = (r, c) => {
    const forms = [];
    if (!c && r.status === 'ASSIGNED') {
      forms.push(actionForm('case-end', t('closing.recordEnd'), [
        field({ label: t('closing.endDate'), name: 'endedOn', type: 'date', max: dateInputValue(), value: dateInputValue(), required: true, testid: 'case-end-date' }),
        field({ label: t('closing.endNote'), name: 'note', type: 'textarea', required: true, hint: t('closing.endNoteHint'), testid: 'case-end-note' }),
      ], t('closing.recordEndSubmit'), async (v, form) => {
        if (missing(form, 'endedOn', v.endedOn) || missing(form, 'note', v.note)) return false;
        await gql(OPS.recordCaseEnd, { id, d: v.endedOn, n: v.note });
      }, load));
    }
    if (c && !c.materialsSubmittedAt) {
      forms.push(actionForm('materials', t('closing.materials'), [
        h('p', { class: c.materialsOverdue ? 'notice error' : 'hint', testid: 'materials-due' }, t(c.materialsOverdue ? 'closing.overdueOn' : 'closing.dueOn', { date: fmtDate(c.materialsDueOn) })),
        field({ label: t('closing.materialsNote'), name: 'note', type: 'textarea', required: true, hint: t('closing.materialsHint'), testid: 'materials-note' }),
      ], t('closing.materialsSubmit'), async (v, form) => {
        if (missing(form, 'note', v.note)) return false;
        await gql(OPS.submitClosingMaterials, { id, n: v.note });
      }, load));
    }
    const s = c && c.subsidy;
    if (staff && c && c.materialsSubmittedAt && (!s || s.status === 'COMPUTED')) {
      forms.push(actionForm('subsidy-compute', t('subsidy.compute'), [
        field({ label: t('subsidy.caseType'), name: 'caseType', type: 'select', options: options('SubsidyCaseType', CASE_TYPES), value: s?.caseType, testid: 'subsidy-case-type' }),
        field({ label: t('subsidy.stage'), name: 'stage', type: 'select', options: options('SubsidyStage', STAGES), value: s?.stage, testid: 'subsidy-stage' }),
      ], t('subsidy.computeSubmit'), (v) => gql(OPS.computeSubsidy, { id, c: v.caseType, s: v.stage }), load));
    }
    if (staff && s && s.status === 'COMPUTED') {
      forms.push(actionForm('subsidy-approve', t('subsidy.approve'), [], t('subsidy.approveSubmit'), () => gql(OPS.approveSubsidy, { id }), load));
    }
    if (staff && s && s.status === 'APPROVED') {
      forms.push(actionForm('subsidy-paid', t('subsidy.paid'), [
        field({ label: t('subsidy.reference'), name: 'reference', required: true, maxlength: 60, testid: 'subsidy-reference' }),
      ], t('subsidy.paidSubmit'), async (v, form) => {
        if (missing(form, 'reference', v.reference)) return false;
        await gql(OPS.recordSubsidyPaid, { id, r: v.reference });
      }, load));
    }
    if (staff && r.status === 'CLOSED') {
      forms.push(actionForm('return-call', t('quality.call'), [
        field({ label: t('quality.reached'), name: 'reached', type: 'checkbox', value: true, testid: 'call-reached' }),
        field({ label: t('quality.score'), name: 'satisfaction', type: 'select', testid: 'call-score',
          options: [['', t('quality.noScore')], ...[5, 4, 3, 2, 1].map((n) => [String(n), t('quality.scoreN', { n })])] }),
        field({ label: t('quality.note'), name: 'note', testid: 'call-note' }),
      ], t('quality.callSubmit'), (v) => gql(OPS.recordReturnCall, {
        id, reached: !!v.reached, s: v.reached && v.satisfaction ? parseInt(v.satisfaction, 10) : null, n: v.note || null,
      }), load));
      forms.push(actionForm('file-review', t('quality.review'), [
        field({ label: t('quality.grade'), name: 'grade', type: 'select', options: options('FileGrade', GRADES), testid: 'file-review-grade' }),
        field({ label: t('quality.note'), name: 'note', testid: 'file-review-note' }),
      ], t('quality.reviewSubmit'), (v) => gql(OPS.recordFileReview, { id, g: v.grade, n: v.note || null }), load));
    }
    mount(body,
      h('p', { class: 'back' }, h('a', { href: '#/closings' }, '‹ ' + t('closing.title'))),
      title(`${r.referenceNumber} · ${r.applicantName}`),
      c ? facts([
        [t('closing.endDate'), fmtDate(c.endedOn)],
        [t('closing.endNote'), c.endNote],
        [t('closing.dueLabel'), fmtDate(c.materialsDueOn)],
        [t('closing.submittedAt'), c.materialsSubmittedAt ? fmtDateTime(c.materialsSubmittedAt) : null],
        [t('closing.onTime'), c.materialsSubmittedAt ? h('span', { testid: 'materials-late' }, t(c.materialsLate ? 'closing.late' : 'closing.inTime')) : null],
        [t('subsidy.amount'), s ? h('span', { testid: 'subsidy-amount' }, `${fmtMoney(s.amount)} · ${tEnum('SubsidyStatus', s.status)}`) : null],
        [t('subsidy.table'), s ? t('subsidy.tableFrom', { date: fmtDate(s.tableEffectiveFrom) }) : null],
        [t('subsidy.reference'), s?.paymentReference],
      ]) : h('p', { class: 'muted' }, t('closing.noEnd')),
      c && c.returnCalls.length ? h('section', null, h('h2', null, t('quality.calls')), h('ul', { class: 'list', testid: 'call-list' }, c.returnCalls.map((x) =>
        h('li', { class: 'row' }, `${fmtDateTime(x.calledAt)} · ${x.reached ? t('quality.scoreN', { n: x.satisfaction }) : t('quality.unreached')}${x.note ? ' · ' + x.note : ''}`)))) : null,
      c && c.fileReviews.length ? h('section', null, h('h2', null, t('quality.reviews')), h('ul', { class: 'list', testid: 'file-review-list' }, c.fileReviews.map((x) =>
        h('li', { class: 'row' }, `${fmtDateTime(x.reviewedAt)} · ${tEnum('FileGrade', x.grade)}${x.note ? ' · ' + x.note : ''}`)))) : null,
      forms.length ? h('section', { class: 'actions-box' }, forms) : null);
  };
  const load = async () => {
    try {
      const [r, c] = await Promise.all([gql(OPS.legalAidRequest, { id }, { signal: ctx.signal }), gql(OPS.legalAidClosing, { id }, { signal: ctx.signal })]);
      if (ctx.alive) render(r.legalAidRequest, c.legalAidClosing);
    } catch (err) {
      if (err.name !== 'AbortError') mount(body, title(t('closing.title')), errorBox(err, load));
    }
  };
  await load();
}
