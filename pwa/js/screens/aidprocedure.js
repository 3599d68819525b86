// The legal-aid procedure around a request (法律援助法 Art. 43-49, 55): the
// applicant supplies missing materials with photos from the phone and objects
// to a refusal or termination; the centre's staff ask for materials, start aid
// before review and terminate; the assignee records progress the aided person
// sees; the bureau reviews objections within 5 days. Writes from the phone go
// through the outbox.
import { gql } from '../api.js';
import OPS from '../operations/aidprocedure.js';
import { t, tEnum, fmtDateTime, fmtDate, dateInputValue, fromLocalInput, loadArea } from '../i18n.js';
import {
  h, mount, title, field, formValues, formMessage, showFieldError, showFormError, busy, announce,
  errorBox, badge, empty, facts, loading, showRefused,
} from '../ui.js';
import { newClientId, enqueueAndWait } from '../store.js';
import { certificateLink } from '../ending.js';

await loadArea('aidprocedure');

const OPEN_FOR_MATERIALS = new Set(['SUBMITTED', 'INCOMPLETE', 'APPROVED', 'ASSIGNED']);
const TERMINATION_GROUNDS = ['DECEPTION', 'CONCEALMENT', 'UNLAWFUL_USE', 'MEANS_CHANGED', 'CASE_ENDED', 'OWN_COUNSEL', 'AIDED_REQUEST', 'OTHER_STATUTORY'];
const BEFORE_REVIEW_GROUNDS = ['DEADLINE_NEAR', 'URGENT_PRESERVATION', 'OTHER_STATUTORY'];
const PROGRESS_KINDS = ['HEARING', 'MEETING', 'FILING', 'EVIDENCE', 'NEGOTIATION', 'OTHER'];
const MAX_PHOTOS = 10;

const options = (type, values) => values.map((v) => [v, tEnum(type, v)]);

/** A form whose submit runs `run(values, form)`; saved, `reload()`. */
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
          announce(t('aidp.saved'), 'ok');
          reload();
        }
      } catch (err) {
        showFormError(form, err);
      }
    });
  });
  return form;
}

/** A write from the phone through the outbox; false when it was refused (shown in the form). */
async function send(form, op, query, variables, titleText) {
  const result = await enqueueAndWait({ op, query, variables, kind: 'legalAid', title: titleText });
  if (result.refused || result.failed) {
    showRefused(form, result.error);
    return false;
  }
  if (result.queued) announce(t('aidp.queued'), 'info');
  return true;
}

const readPhoto = (file) =>
  new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });

// ------------------------------------------------------------------ a request's procedure

export async function procedure(el, ctx) {
  const id = ctx.params.id;
  const role = ctx.viewer.role;
  const body = h('div', null, loading());
  mount(el, body);
  const load = async () => {
    let r;
    try {
      r = (await gql(OPS.procedureRequest, { id }, { signal: ctx.signal })).legalAidRequest;
    } catch (err) {
      if (ctx.alive) mount(body, title(t('aidp.title')), errorBox(err, load));
      return;
    }
    if (!ctx.alive) return;
    if (!r) return mount(body, title(t('aidp.title')), errorBox({ code: 'NOT_FOUND' }));
    mount(body, ...page(r, role, ctx, load));
  };
  await load();
}

function page(r, role, ctx, reload) {
  const staff = role === 'LEGAL_AID_STAFF';
  const assignee = r.assignee && String(r.assignee.id) === String(ctx.viewer.id);
  const openNotice = r.materialsRequests.find((m) => m.status === 'OPEN');
  const pendingObjection = r.objections.find((o) => o.status === 'PENDING');
  return [
    h('p', { class: 'back' }, h('a', { href: `#/request/${encodeURIComponent(r.id)}` }, '‹ ' + r.referenceNumber)),
    title(t('aidp.title')),
    h('p', { class: 'badges' }, badge(tEnum('LegalAidStatus', r.status), r.status === 'INCOMPLETE' ? 'warn' : '')),
    r.decisionClockStopped ? h('p', { class: 'notice', testid: 'clock-stopped' }, t('aidp.clockStopped')) : null,
    r.deadlinePassed ? h('p', { class: 'notice error', testid: 'deadline-passed' }, t('aidp.deadlinePassed')) : null,
    r.notifiedCase
      ? facts([[t('aidp.notifiedBy'), `${r.notifiedCase.bodyName} ${r.notifiedCase.bodyReference}`], [t('aidp.notifiedGround'), tEnum('NotifiedGround', r.notifiedCase.ground)]])
      : null,
    r.aidBeforeReview
      ? h('p', { class: 'notice', testid: 'before-review' }, t('aidp.beforeReview', { ground: tEnum('AidBeforeReviewGround', r.aidBeforeReview.ground) }),
          r.aidBeforeReview.paperworkReceivedAt ? '' : ' ' + t('aidp.paperworkPending'))
      : null,
    // The written decisions (Art. 43, 48): PDFs fetched with the session's token.
    r.documents.length
      ? h('section', { class: 'card', testid: 'aid-documents' }, h('h2', null, t('aidp.documents')),
          h('ul', { class: 'list' }, r.documents.map((d) => h('li', { testid: 'aid-document' }, d.title, ' ',
            certificateLink({ certificateUrl: d.url, certificateNumber: d.number })))))
      : null,
    materialsSection(r, role, openNotice, reload),
    staff && r.status === 'SUBMITTED' ? requestMaterialsForm(r, reload) : null,
    staff && (r.status === 'SUBMITTED' || r.status === 'INCOMPLETE') ? beforeReviewForm(r, reload) : null,
    staff && (r.status === 'APPROVED' || r.status === 'ASSIGNED') ? terminateForm(r, reload) : null,
    objectionSection(r, role, pendingObjection, reload),
    progressSection(r, assignee && r.status === 'ASSIGNED', reload),
  ];
}

function materialsSection(r, role, openNotice, reload) {
  const notices = r.materialsRequests.map((m) => h('li', { testid: 'materials-notice', 'data-status': m.status },
    h('p', null, h('strong', null, tEnum('MaterialsStatus', m.status)), ' ', h('span', { class: 'muted' }, t('aidp.dueOn', { date: fmtDate(m.dueOn) }))),
    h('ul', null, m.items.map((i) => h('li', { testid: 'materials-item' }, i)))));
  const supplied = r.materialsSupplied.map((s) => h('li', { testid: 'materials-supplied' },
    fmtDateTime(s.suppliedAt), ' · ', t('aidp.photos', { n: s.photos.length }), s.note ? ` · ${s.note}` : ''));
  return h('section', { class: 'card', testid: 'materials' }, h('h2', null, t('aidp.materials')),
    notices.length ? h('ol', { class: 'timeline' }, notices) : empty(t('aidp.noMaterials')),
    supplied.length ? h('ul', { class: 'list' }, supplied) : null,
    role === 'APPLICANT' && OPEN_FOR_MATERIALS.has(r.status) ? supplyForm(r, openNotice, reload) : null);
}

function supplyForm(r, openNotice, reload) {
  const photos = h('input', { type: 'file', name: 'photos', accept: 'image/jpeg,image/png', capture: 'environment', multiple: true, testid: 'supply-photos', id: 'supply-photos' });
  return actionForm('supply-form', openNotice ? t('aidp.supplyAsked') : t('aidp.supply'), [
    h('div', { class: 'field' }, h('label', { for: 'supply-photos' }, t('aidp.photosLabel')), h('p', { class: 'hint' }, t('aidp.photosHint', { n: MAX_PHOTOS })), photos),
    field({ label: t('aidp.note'), name: 'note', type: 'textarea', maxlength: 2000, testid: 'supply-note' }),
  ], t('aidp.supplySubmit'), async (v, form) => {
    const files = [...photos.files].slice(0, MAX_PHOTOS);
    if (!files.length && !v.note) return showFieldError(form, 'note', t('aidp.photoOrNote')) && false;
    const input = { clientId: newClientId(), requestId: r.id, photos: await Promise.all(files.map(readPhoto)), note: v.note || null };
    return send(form, 'supplyMaterials', OPS.supplyMaterials, { input }, t('aidp.supply'));
  }, reload);
}

function requestMaterialsForm(r, reload) {
  const soon = new Date(Date.now() + 7 * 86400000);
  return actionForm('materials-form', t('aidp.askMaterials'), [
    h('p', { class: 'hint' }, t('aidp.askMaterialsHint')),
    field({ label: t('aidp.items'), name: 'items', type: 'textarea', required: true, hint: t('aidp.itemsHint'), testid: 'materials-items' }),
    field({ label: t('aidp.dueLabel'), name: 'dueOn', type: 'date', required: true, value: dateInputValue(soon), testid: 'materials-due' }),
  ], t('aidp.askSubmit'), async (v, form) => {
    const items = (v.items || '').split('\n').map((s) => s.trim()).filter(Boolean);
    if (!items.length) return showFieldError(form, 'items', t('aidp.required')) && false;
    await gql(OPS.requestMaterials, { id: r.id, items, dueOn: v.dueOn });
  }, reload);
}

function beforeReviewForm(r, reload) {
  return actionForm('before-review-form', t('aidp.beforeReviewTitle'), [
    field({ label: t('aidp.ground'), name: 'ground', type: 'select', options: options('AidBeforeReviewGround', BEFORE_REVIEW_GROUNDS), testid: 'before-review-ground' }),
    field({ label: t('aidp.note'), name: 'note', type: 'textarea', required: true, testid: 'before-review-note' }),
  ], t('aidp.beforeReviewSubmit'), async (v, form) => {
    if (!v.note) return showFieldError(form, 'note', t('aidp.required')) && false;
    await gql(OPS.provideAidBeforeReview, { id: r.id, ground: v.ground, note: v.note });
  }, reload);
}

function terminateForm(r, reload) {
  return actionForm('terminate-form', t('aidp.terminate'), [
    field({ label: t('aidp.ground'), name: 'ground', type: 'select', options: options('TerminationGround', TERMINATION_GROUNDS), testid: 'terminate-ground' }),
    field({ label: t('aidp.reason'), name: 'reason', type: 'textarea', required: true, testid: 'terminate-reason' }),
  ], t('aidp.terminateSubmit'), async (v, form) => {
    if (!v.reason) return showFieldError(form, 'reason', t('aidp.required')) && false;
    await gql(OPS.terminateAid, { id: r.id, ground: v.ground, reason: v.reason });
  }, reload);
}

function objectionSection(r, role, pending, reload) {
  const canObject = role === 'APPLICANT' && (r.status === 'REJECTED' || r.status === 'TERMINATED') && !pending;
  if (!r.objections.length && !canObject) return null;
  return h('section', { class: 'card', testid: 'objections' }, h('h2', null, t('aidp.objections')),
    h('ul', { class: 'list' }, r.objections.map((o) => h('li', { testid: 'objection', 'data-status': o.status },
      h('p', null, h('strong', null, tEnum('ObjectionStatus', o.status)), ' ', h('span', { class: 'muted' }, t('aidp.reviewBy', { time: fmtDateTime(o.dueAt) }))),
      h('p', null, o.reasons),
      o.decisionReason ? h('p', { testid: 'objection-decision' }, o.decisionReason) : null))),
    canObject ? objectionForm(r, reload) : null);
}

function objectionForm(r, reload) {
  return actionForm('objection-form', t('aidp.object'), [
    h('p', { class: 'hint' }, t('aidp.objectHint')),
    field({ label: t('aidp.reasons'), name: 'reasons', type: 'textarea', required: true, maxlength: 2000, testid: 'objection-reasons' }),
  ], t('aidp.objectSubmit'), async (v, form) => {
    if (!v.reasons) return showFieldError(form, 'reasons', t('aidp.required')) && false;
    const input = { clientId: newClientId(), requestId: r.id, reasons: v.reasons };
    return send(form, 'fileObjection', OPS.fileObjection, { input }, t('aidp.object'));
  }, reload);
}

function progressSection(r, mayRecord, reload) {
  const entries = r.progress.map((p) => h('li', { testid: 'progress-entry' },
    h('p', null, h('strong', null, tEnum('ProgressKind', p.kind)), ' ', h('span', { class: 'muted' }, fmtDate(p.happenedOn))),
    p.hearingAt ? h('p', { testid: 'progress-hearing' }, t('aidp.hearingAt', { time: fmtDateTime(p.hearingAt) })) : null,
    h('p', null, p.note),
    p.recordedBy ? h('p', { class: 'muted' }, p.recordedBy.displayName) : null));
  return h('section', { class: 'card', testid: 'progress' }, h('h2', null, t('aidp.progress')),
    entries.length ? h('ol', { class: 'timeline' }, entries) : empty(t('aidp.noProgress')),
    mayRecord ? progressForm(r, reload) : null);
}

function progressForm(r, reload) {
  return actionForm('progress-form', t('aidp.recordProgress'), [
    field({ label: t('aidp.kind'), name: 'kind', type: 'select', options: options('ProgressKind', PROGRESS_KINDS), testid: 'progress-kind' }),
    field({ label: t('aidp.happenedOn'), name: 'happenedOn', type: 'date', required: true, value: dateInputValue(), testid: 'progress-date' }),
    field({ label: t('aidp.hearingLabel'), name: 'hearingAt', type: 'datetime-local', testid: 'progress-hearing-at' }),
    field({ label: t('aidp.note'), name: 'note', type: 'textarea', required: true, maxlength: 2000, testid: 'progress-note' }),
  ], t('aidp.recordSubmit'), async (v, form) => {
    if (!v.note) return showFieldError(form, 'note', t('aidp.required')) && false;
    const input = { clientId: newClientId(), kind: v.kind, happenedOn: v.happenedOn, note: v.note, hearingAt: fromLocalInput(v.hearingAt) };
    return send(form, 'recordProgress', OPS.recordProgress, { requestId: r.id, input }, t('aidp.recordProgress'));
  }, reload);
}

// ------------------------------------------------------------------ the bureau's objections

export async function objections(el, ctx) {
  const box = h('div', null, loading());
  mount(el, title(t('aidp.objectionsTitle')), h('p', { class: 'muted' }, t('aidp.objectionsIntro')), box);
  const load = async () => {
    let c;
    try {
      c = (await gql(OPS.objections, { status: 'PENDING' }, { signal: ctx.signal })).objections;
    } catch (err) {
      if (ctx.alive) mount(box, errorBox(err, load));
      return;
    }
    if (!ctx.alive) return;
    const nodes = c.edges.map((e) => e.node);
    mount(box,
      h('p', { class: 'summary', testid: 'objections-summary' }, t('aidp.objectionsCount', { n: c.totalCount })),
      nodes.length ? h('ul', { class: 'list cards', testid: 'objection-list' }, nodes.map((o) => objectionCard(o, load))) : empty(t('aidp.noObjections')));
  };
  await load();
}

function objectionCard(o, reload) {
  return h('li', { class: `card${o.reviewOverdue ? ' overdue' : ''}`, testid: 'objection-item' },
    h('p', null, h('strong', null, o.request.referenceNumber), ' ', o.request.applicantName, ' · ', o.request.orgUnit.name),
    h('p', null, tEnum('ObjectionAgainst', o.against), ' · ',
      h('span', { class: o.reviewOverdue ? 'due-chip bad' : 'due-chip', testid: 'objection-due' }, t('aidp.reviewBy', { time: fmtDateTime(o.dueAt) }))),
    h('p', null, o.reasons),
    h('p', null, h('a', { href: `#/request/${encodeURIComponent(o.request.id)}/procedure` }, t('aidp.openRequest'))),
    actionForm('decide-objection-form', t('aidp.decideObjection'), [
      h('fieldset', { class: 'field' }, h('legend', null, t('aidp.decision')),
        [['uphold', 'aidp.uphold'], ['correct', 'aidp.correct']].map(([v, k]) => h('div', { class: 'field check' },
          h('input', { type: 'radio', name: 'outcome', id: `outcome-${o.id}-${v}`, value: v, checked: v === 'uphold', testid: `objection-${v}` }),
          h('label', { for: `outcome-${o.id}-${v}` }, t(k))))),
      field({ label: t('aidp.reason'), name: 'reason', type: 'textarea', required: true, testid: 'objection-decide-reason' }),
    ], t('aidp.decideSubmit'), async (v, form) => {
      if (!v.reason) return showFieldError(form, 'reason', t('aidp.required')) && false;
      await gql(OPS.decideObjection, { id: o.id, uphold: v.outcome === 'uphold', reason: v.reason });
    }, reload));
}
