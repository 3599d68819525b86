// Legal consultations (法律咨询, 12348; 法律援助法 Art. 23). The public: ask a
// question online and read the answer; confirm or decline a legal-aid request
// someone started for them. Staff: the register (window, phone), answering,
// passing a consultation on to mediation, legal aid or another body, figures.
import { gql } from '../api.js';
import { loadArea, t, tEnum, fmtDateTime, fmtMoney } from '../i18n.js';
import {
  h, mount, title, field, formValues, formMessage, showFieldError, showFormError, busy, announce,
  cachedQuery, asOf, errorBox, badge, empty, facts, enumOptions,
} from '../ui.js';
import { newClientId, enqueueAndWait, onSent } from '../store.js';
import OPS from '../operations/consult.js';

await loadArea('consult');

const CATEGORIES = ['MARRIAGE_FAMILY', 'LABOR', 'LAND_PROPERTY', 'CONTRACT_DEBT', 'PERSONAL_INJURY', 'TRAFFIC',
  'SOCIAL_SECURITY', 'CRIMINAL', 'ADMINISTRATIVE', 'OTHER'];
const MATTERS = ['WAGE_ARREARS', 'WORK_INJURY', 'SOCIAL_INSURANCE', 'FAMILY_SUPPORT', 'MARRIAGE_FAMILY', 'DOMESTIC_VIOLENCE',
  'PERSONAL_INJURY', 'STATE_COMPENSATION', 'CRIMINAL_DEFENSE', 'ADMINISTRATIVE', 'OTHER_CIVIL'];
const PUBLIC = new Set(['APPLICANT', 'SUPERVISED_PERSON']);
const MEDIATION_STAFF = new Set(['OFFICER', 'SUPERVISOR', 'MEDIATOR']);

const categoryOptions = (any) => enumOptions('ConsultationCategory', CATEGORIES, tEnum, any);
const nowIso = () => new Date().toISOString();

/** One action form: its fields, a submit button, errors in place. */
function actionForm(testid, heading, fields, submitLabel, run) {
  const form = h('form', { class: 'form card', novalidate: true, testid }, heading ? h('h3', null, heading) : null, fields, formMessage(),
    h('button', { class: 'btn primary', type: 'submit', testid: `${testid}-submit` }, submitLabel));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    showFieldError(form, null);
    busy(form.querySelector('[type=submit]'), async () => {
      try {
        await run(formValues(form), form);
      } catch (err) {
        showFormError(form, err);
      }
    });
  });
  return form;
}

const required = (form, name, v) => (v ? false : showFieldError(form, name, t('form.required')));

function consultationItem(c, { staff }) {
  return h('li', null,
    h('a', { class: 'card-link', href: `#/consultation/${encodeURIComponent(c.id)}`, testid: 'consultation-item' },
      h('span', { class: 'row-main' },
        h('strong', null, tEnum('ConsultationCategory', c.category) + (staff && c.askerName ? ` · ${c.askerName}` : '')),
        h('span', null, c.question.length > 60 ? c.question.slice(0, 60) + '…' : c.question),
        h('span', { class: 'muted' }, `${tEnum('ConsultationChannel', c.channel)} · ${fmtDateTime(c.askedAt)}`)),
      h('span', { class: 'badges' },
        c.referredTo ? badge(tEnum('ReferralTarget', c.referredTo), 'ok') : null,
        c.answeredAt ? badge(t('consult.answered'), 'ok') : badge(t('consult.waiting'), 'warn'))));
}

// ------------------------------------------------------------------ the public

export async function questions(el, ctx) {
  const list = h('div');
  const referrals = h('div');
  mount(el, h('div', { class: 'title-row' }, title(t('consult.mine')),
    h('a', { class: 'btn small primary', href: '#/ask', testid: 'consult-ask' }, t('consult.ask'))), referrals, list);
  const render = (data, meta) => {
    const nodes = data.consultations.edges.map((e) => e.node);
    mount(list, asOf(meta.asOf, meta.stale), nodes.length
      ? h('ul', { class: 'list cards', testid: 'consultation-list' }, nodes.map((c) => consultationItem(c, { staff: false })))
      : empty(t('consult.none')));
  };
  const load = () => cachedQuery(ctx, 'consultations:mine', () => gql(OPS.consultations, { first: 50 }, { signal: ctx.signal }), render,
    (err) => mount(list, errorBox(err, load)));
  ctx.onCleanup(onSent((r) => r.kind === 'consultation' && load()));
  gql(OPS.legalAidReferrals, { s: 'AWAITING_CONFIRMATION' }, { signal: ctx.signal }).then((d) => {
    const nodes = d.legalAidReferrals.edges.map((e) => e.node);
    if (ctx.alive && nodes.length) {
      mount(referrals, h('section', { class: 'notice', testid: 'referral-waiting' }, h('h2', null, t('referral.waiting')),
        h('ul', { class: 'list' }, nodes.map((r) => h('li', null,
          h('a', { href: `#/referral/${encodeURIComponent(r.id)}`, testid: 'referral-item' }, `${tEnum('LegalAidMatter', r.matter)} · ${r.orgUnit.name}`))))));
    }
  }, () => {});
  await load();
}

export async function ask(el, ctx) {
  let units = [];
  try {
    units = (await gql(OPS.consultationUnits, {}, { signal: ctx.signal })).consultationUnits;
  } catch (err) {
    if (err.name === 'AbortError') return;
    return mount(el, title(t('consult.ask')), errorBox(err, () => ask(el, ctx)));
  }
  if (!ctx.alive) return;
  const form = actionForm('ask-form', null, [
    h('p', { class: 'lead' }, t('consult.askIntro')),
    field({ label: t('consult.unit'), name: 'orgUnitId', type: 'select', required: true, testid: 'ask-unit',
      options: [['', t('consult.choose')], ...units.map((u) => [u.id, u.name])] }),
    field({ label: t('consult.category'), name: 'category', type: 'select', required: true, testid: 'ask-category',
      options: [['', t('consult.choose')], ...categoryOptions()] }),
    field({ label: t('consult.question'), name: 'question', type: 'textarea', rows: 5, required: true, maxlength: 5000, testid: 'ask-question' }),
  ], t('consult.send'), async (v, form) => {
    if (required(form, 'orgUnitId', v.orgUnitId) || required(form, 'category', v.category) || required(form, 'question', v.question)) return;
    const input = { clientId: newClientId(), orgUnitId: v.orgUnitId, category: v.category, question: v.question, askedAt: nowIso() };
    const result = await enqueueAndWait({ op: 'askLegalQuestion', query: OPS.askLegalQuestion, variables: { input }, kind: 'consultation', title: tEnum('ConsultationCategory', v.category) });
    if (result.refused || result.failed) return showFormError(form, result.error || { code: 'BAD_USER_INPUT' });
    announce(t(result.sent ? 'consult.sent' : 'consult.queued'), 'ok');
    ctx.navigate(result.sent && result.record ? `/consultation/${encodeURIComponent(result.record.id)}` : '/questions');
  });
  mount(el, h('p', { class: 'back' }, h('a', { href: '#/questions' }, '‹ ' + t('consult.mine'))), title(t('consult.ask')), form);
}

// ------------------------------------------------------------------ one consultation

export async function consultationPage(el, ctx) {
  const id = ctx.params.id;
  const role = ctx.viewer.role;
  const staff = !PUBLIC.has(role);
  const body = h('div');
  mount(el, body);
  const back = staff ? ['#/consultations', 'consult.register'] : ['#/questions', 'consult.mine'];
  const render = (data, meta) => {
    const c = data.consultation;
    mount(body,
      h('p', { class: 'back' }, h('a', { href: back[0] }, '‹ ' + t(back[1]))),
      title(tEnum('ConsultationCategory', c.category)),
      asOf(meta.asOf, meta.stale),
      facts([
        [t('consult.channel'), tEnum('ConsultationChannel', c.channel)],
        [t('consult.unit'), c.orgUnit.name],
        [t('consult.askedAt'), fmtDateTime(c.askedAt)],
        [t('consult.asker'), staff ? c.askerName : null],
        [t('consult.phone'), staff && c.askerPhone ? h('a', { href: `tel:${c.askerPhone}` }, c.askerPhone) : null],
        [t('consult.referredTo'), c.referredTo ? tEnum('ReferralTarget', c.referredTo) + (c.referralBody ? ` · ${c.referralBody}` : '') : null],
      ]),
      h('h2', null, t('consult.question')),
      h('p', { class: 'description', testid: 'consultation-question' }, c.question),
      h('h2', null, t('consult.answer')),
      c.answeredAt
        ? h('div', { class: 'card', testid: 'consultation-answer' }, h('p', null, c.answer),
            h('p', { class: 'muted' }, `${c.answeredBy ? c.answeredBy.displayName + ' · ' : ''}${fmtDateTime(c.answeredAt)}`))
        : h('p', { class: 'muted', testid: 'consultation-no-answer' }, t('consult.notYet')),
      staff && !meta.stale && !c.answeredAt ? answerForm(c, load) : null,
      staff && !meta.stale && !c.referredTo ? referBox(c, role, load) : null,
    );
  };
  const load = () => cachedQuery(ctx, 'consultation:' + id, () => gql(OPS.consultation, { id }, { signal: ctx.signal }), render,
    (err) => mount(body, title(t('consult.title')), errorBox(err, load)));
  await load();
}

function answerForm(c, reload) {
  return actionForm('answer-form', t('consult.answerTitle'), [
    field({ label: t('consult.answer'), name: 'answer', type: 'textarea', rows: 5, required: true, maxlength: 10000, testid: 'answer-text' }),
  ], t('consult.answerSubmit'), async (v, form) => {
    if (required(form, 'answer', v.answer)) return;
    await gql(OPS.answerConsultation, { id: c.id, a: v.answer });
    announce(t('consult.answerSent'), 'ok');
    reload();
  });
}

/** The three referrals, each one form with what it needs prefilled. */
function referBox(c, role, reload) {
  const box = h('section', { class: 'actions-box', testid: 'refer-box' }, h('h2', null, t('refer.title')));
  const done = (msg) => {
    announce(msg, 'ok');
    reload();
  };
  const refer = (input) => gql(OPS.referConsultation, { id: c.id, i: { clientId: newClientId(), ...input } });
  if (MEDIATION_STAFF.has(role)) {
    box.append(actionForm('refer-mediation', t('refer.mediation'), [
      h('p', { class: 'hint' }, t('refer.mediationHint')),
      field({ label: t('refer.unit'), name: 'orgUnitId', type: 'select', required: true, testid: 'refer-mediation-unit',
        options: [[c.orgUnit.id, c.orgUnit.name]] }),
    ], t('refer.mediationSubmit'), async (v) => {
      await refer({ to: 'MEDIATION', orgUnitId: v.orgUnitId });
      done(t('refer.mediationDone'));
    }));
  }
  const centres = h('div');
  box.append(centres);
  gql(OPS.legalAidCenters).then((d) => centres.isConnected && mount(centres, actionForm('refer-legal-aid', t('refer.legalAid'), [
    h('p', { class: 'hint' }, t('refer.legalAidHint')),
    field({ label: t('refer.centre'), name: 'orgUnitId', type: 'select', required: true, testid: 'refer-centre',
      options: d.legalAidCenters.map((u) => [u.id, u.name]), value: c.orgUnit.id }),
    field({ label: t('refer.matter'), name: 'matter', type: 'select', required: true, testid: 'refer-matter',
      options: [['', t('consult.choose')], ...MATTERS.map((m) => [m, tEnum('LegalAidMatter', m)])] }),
    field({ label: t('refer.household'), name: 'householdSize', type: 'number', min: 1, value: '1', required: true, testid: 'refer-household' }),
    field({ label: t('refer.income'), name: 'monthlyHouseholdIncome', type: 'number', min: 0, step: '0.01', required: true, testid: 'refer-income' }),
    c.askerPhone ? null : field({ label: t('consult.phone'), name: 'personPhone', type: 'tel', required: true, testid: 'refer-phone' }),
  ], t('refer.legalAidSubmit'), async (v, form) => {
    if (required(form, 'matter', v.matter) || required(form, 'monthlyHouseholdIncome', v.monthlyHouseholdIncome)) return;
    await refer({
      to: 'LEGAL_AID', orgUnitId: v.orgUnitId, matter: v.matter, householdSize: parseInt(v.householdSize, 10),
      monthlyHouseholdIncome: Number(v.monthlyHouseholdIncome).toFixed(2), ...(v.personPhone ? { personPhone: v.personPhone } : {}),
    });
    done(t('refer.legalAidDone'));
  })), () => {});
  box.append(actionForm('refer-other', t('refer.other'), [
    field({ label: t('refer.body'), name: 'body', required: true, maxlength: 100, testid: 'refer-body' }),
  ], t('refer.otherSubmit'), async (v, form) => {
    if (required(form, 'body', v.body)) return;
    await refer({ to: 'OTHER_BODY', body: v.body });
    done(t('refer.otherDone'));
  }));
  return box;
}

// ------------------------------------------------------------------ the register

export async function register(el, ctx) {
  const state = { category: '' };
  const listBox = h('div');
  const figuresBox = h('div', { testid: 'consult-figures' });
  const filter = h('select', { id: 'consult-filter', testid: 'consult-filter' }, categoryOptions(t('consult.anyCategory')).map(([v, l]) => h('option', { value: v }, l)));
  filter.addEventListener('change', () => ((state.category = filter.value), load()));
  const form = actionForm('consult-form', t('consult.record'), [
    field({ label: t('consult.channel'), name: 'channel', type: 'select', testid: 'consult-channel',
      options: ['WALK_IN', 'PHONE'].map((v) => [v, tEnum('ConsultationChannel', v)]) }),
    field({ label: t('consult.category'), name: 'category', type: 'select', required: true, testid: 'consult-category',
      options: [['', t('consult.choose')], ...categoryOptions()] }),
    field({ label: t('consult.asker'), name: 'askerName', maxlength: 50, testid: 'consult-name' }),
    field({ label: t('consult.phone'), name: 'askerPhone', type: 'tel', testid: 'consult-phone' }),
    field({ label: t('consult.question'), name: 'question', type: 'textarea', required: true, maxlength: 5000, testid: 'consult-question' }),
    field({ label: t('consult.answerGiven'), name: 'answer', type: 'textarea', maxlength: 10000, testid: 'consult-answer' }),
  ], t('consult.recordSubmit'), async (v, f) => {
    if (required(f, 'category', v.category) || required(f, 'question', v.question)) return;
    const input = { clientId: newClientId(), channel: v.channel, category: v.category, question: v.question, askedAt: nowIso(),
      ...(v.askerName ? { askerName: v.askerName } : {}), ...(v.askerPhone ? { askerPhone: v.askerPhone } : {}), ...(v.answer ? { answer: v.answer } : {}) };
    const result = await enqueueAndWait({ op: 'recordConsultation', query: OPS.recordConsultation, variables: { input }, kind: 'consultation', title: tEnum('ConsultationCategory', v.category) });
    if (result.refused || result.failed) return showFormError(f, result.error || { code: 'BAD_USER_INPUT' });
    f.reset();
    announce(t(result.sent ? 'consult.recorded' : 'consult.queued'), 'ok');
    load();
  });
  mount(el, title(t('consult.register')), form,
    h('div', { class: 'filters' }, h('label', { for: 'consult-filter' }, t('consult.category')), filter), listBox,
    h('h2', null, t('consult.figures')), figuresBox);
  const render = (data, meta) => {
    const nodes = data.consultations.edges.map((e) => e.node);
    mount(listBox, asOf(meta.asOf, meta.stale), h('p', { class: 'muted', testid: 'consult-count' }, t('consult.count', { n: data.consultations.totalCount })),
      nodes.length ? h('ul', { class: 'list cards', testid: 'consultation-list' }, nodes.map((c) => consultationItem(c, { staff: true }))) : empty(t('consult.none')));
  };
  const load = () => {
    gql(OPS.consultationFigures, {}, { signal: ctx.signal }).then((d) => ctx.alive && mount(figuresBox, d.consultationFigures.length
      ? h('table', { class: 'table' }, h('thead', null, h('tr', null, h('th', null, t('consult.unit')), h('th', null, t('consult.category')), h('th', null, t('consult.total')), h('th', null, t('consult.answered')))),
          h('tbody', null, d.consultationFigures.map((r) => h('tr', { testid: 'figure-row' }, h('td', null, r.orgUnit.name), h('td', null, tEnum('ConsultationCategory', r.category)), h('td', null, String(r.count)), h('td', null, String(r.answered))))))
      : empty(t('consult.none'))), () => {});
    return cachedQuery(ctx, state.category ? null : 'consultations:register',
      () => gql(OPS.consultations, { first: 50, f: state.category ? { category: state.category } : null }, { signal: ctx.signal }), render,
      (err) => mount(listBox, errorBox(err, load)));
  };
  await load();
}

// ------------------------------------------------------------------ a referral to confirm

export async function referralPage(el, ctx) {
  const id = ctx.params.id;
  const role = ctx.viewer.role;
  const body = h('div');
  mount(el, body);
  const render = (data) => {
    const r = data.legalAidReferral;
    const waiting = r.status === 'AWAITING_CONFIRMATION';
    const forms = [];
    if (waiting && (PUBLIC.has(role) || role === 'LEGAL_AID_STAFF')) {
      const staff = !PUBLIC.has(role);
      forms.push(actionForm('referral-confirm', t(staff ? 'referral.recordSigned' : 'referral.confirm'), [
        h('p', { class: 'hint' }, t(staff ? 'referral.signedHint' : 'referral.confirmHint')),
        staff ? field({ label: t('referral.paper'), name: 'note', required: true, testid: 'referral-paper' }) : null,
      ], t('referral.confirmSubmit'), async (v, form) => {
        if (staff && required(form, 'note', v.note)) return;
        const done = await gql(OPS.confirmReferredRequest, { id: r.id, n: v.note || null });
        announce(t('referral.confirmed'), 'ok');
        ctx.navigate(`/request/${encodeURIComponent(done.confirmReferredRequest.id)}`);
      }));
      forms.push(actionForm('referral-decline', t('referral.decline'), [
        field({ label: t('referral.declineNote'), name: 'note', testid: 'referral-decline-note' }),
      ], t('referral.declineSubmit'), async (v) => {
        await gql(OPS.declineReferredRequest, { id: r.id, n: v.note || null });
        announce(t('referral.declined'), 'ok');
        load();
      }));
    }
    mount(body, title(t('referral.title')),
      h('p', { class: 'badges' }, badge(tEnum('LegalAidReferralStatus', r.status), waiting ? 'warn' : 'ok')),
      facts([
        [t('referral.person'), r.personName],
        [t('consult.phone'), r.personPhone],
        [t('refer.matter'), tEnum('LegalAidMatter', r.matter)],
        [t('refer.centre'), r.orgUnit.name],
        [t('refer.household'), String(r.householdSize)],
        [t('refer.income'), fmtMoney(r.monthlyHouseholdIncome)],
        [t('referral.by'), r.referredBy ? r.referredBy.displayName : null],
        [t('referral.at'), fmtDateTime(r.referredAt)],
      ]),
      h('p', { class: 'description' }, r.description),
      r.requestId ? h('p', null, h('a', { href: `#/request/${encodeURIComponent(r.requestId)}`, testid: 'referral-request' }, t('referral.openRequest'))) : null,
      forms.length ? h('section', { class: 'actions-box' }, forms) : null);
  };
  const load = () => gql(OPS.legalAidReferral, { id }, { signal: ctx.signal }).then((d) => ctx.alive && render(d),
    (err) => err.name !== 'AbortError' && mount(body, title(t('referral.title')), errorBox(err, load)));
  await load();
}
