// Mediation agreements (人民调解法 Art. 28-33): the list (the mediator's and
// the supervisor's, with what needs doing first), recording an agreement,
// and one agreement: signatures drawn or fingerprinted on the phone (through
// the outbox, so they are kept with no signal), the committee's seal, the
// PDF, the terms and their performance, judicial confirmation and the
// return visits.
import { gql } from '../api.js';
import { loadArea, t, tEnum, fmtDate, fmtDateTime, fmtList, localInputValue, fromLocalInput, dateInputValue, isoWithOffset } from '../i18n.js';
import {
  h, mount, title, field, formValues, formMessage, showFieldErrors, showFormError, showProblemCount, busy, announce,
  cachedQuery, asOf, errorBox, badge, empty, facts, enumOptions, showRefused,
} from '../ui.js';
import { newClientId, myOutboxItems, onSent, onOutboxChange, cacheGet, enqueueAndWait } from '../store.js';
import { certificateLink } from '../ending.js';
import OPS from '../operations/agreements.js';

await loadArea('agreements');

const FORMS = ['WRITTEN', 'ORAL'];
const MATTERS = ['IDENTITY', 'ADOPTION', 'MARRIAGE'];
const PARTY_ROLES = ['APPLICANT', 'RESPONDENT', 'OTHER'];
const METHODS = ['SIGNATURE', 'FINGERPRINT'];
// What the court may do next (最高人民法院关于人民调解协议司法确认程序的若干规定 Art. 3-5).
const NEXT_STEPS = {
  NONE: ['APPLIED'],
  APPLIED: ['ACCEPTED', 'NOT_ACCEPTED'],
  ACCEPTED: ['EXTENDED', 'CONFIRMED', 'NOT_CONFIRMED'],
};
// Small enough for the server's limit (200 KB) and for a slow line.
const PAD_WIDTH = 600;
const PAD_HEIGHT = 240;
const PHOTO_SIDE = 800;

const back = (href, text) => h('p', { class: 'back' }, h('a', { href }, '‹ ' + text));
const overdueCount = (a) => a.terms.filter((x) => x.overdue).length;

// ------------------------------------------------------------------- list

export async function agreementsList(el, ctx) {
  const state = { pending: false, overdue: false };
  const listBox = h('div');
  const pending = h('input', { type: 'checkbox', id: 'agreements-pending', testid: 'agreements-pending' });
  const overdue = h('input', { type: 'checkbox', id: 'agreements-overdue', testid: 'agreements-overdue' });
  mount(
    el,
    back('#/disputes', t('nav.disputes')),
    title(t('agreements.title')),
    h('div', { class: 'filters' },
      h('span', { class: 'check-inline' }, pending, h('label', { for: 'agreements-pending' }, t('agreements.onlyPending'))),
      h('span', { class: 'check-inline' }, overdue, h('label', { for: 'agreements-overdue' }, t('agreements.onlyOverdue')))),
    listBox,
  );

  function render(data, meta) {
    const nodes = data.agreements.edges.map((e) => e.node);
    mount(listBox, asOf(meta.asOf, meta.stale), nodes.length
      ? h('ul', { class: 'list cards', testid: 'agreement-list' }, nodes.map((a) => {
          const late = overdueCount(a);
          return h('li', null,
            h('a', { class: `card-link${late ? ' overdue' : ''}`, href: `#/agreement/${encodeURIComponent(a.id)}`, testid: 'agreement-item' },
              h('span', { class: 'row-main' },
                h('strong', null, a.dispute.title),
                h('span', { class: 'muted' }, `${a.dispute.referenceNumber} · ${tEnum('AgreementForm', a.form)} · ${fmtList(a.parties.map((p) => p.name))}`),
                a.effectiveOn
                  ? h('span', { class: 'muted' }, t('agreements.inEffect', { date: fmtDate(a.effectiveOn) }))
                  : h('span', { class: 'due-text' }, a.awaiting.length ? t('agreements.awaiting', { n: a.awaiting.length }) : t('agreements.awaitingSeal')),
                a.confirmationDueOn && !a.confirmation
                  ? h('span', { class: 'due-text', testid: 'agreement-confirm-by' }, t('agreements.confirmBy', { date: fmtDate(a.confirmationDueOn) }))
                  : null,
                late ? h('span', { class: 'due-text bad', testid: 'agreement-overdue' }, t('agreements.overdueTerms', { n: late })) : null),
              a.confirmation ? badge(tEnum('ConfirmationStatus', a.confirmation.status)) : null));
        }))
      : empty(t('agreements.empty')));
  }

  const load = () => {
    const filter = {};
    if (state.pending) filter.confirmationPending = true;
    if (state.overdue) filter.termOverdue = true;
    const any = state.pending || state.overdue;
    return cachedQuery(ctx, any ? null : 'agreements', () => gql(OPS.agreements, { first: 50, filter: any ? filter : null }, { signal: ctx.signal }), render,
      (err) => mount(listBox, errorBox(err, load)));
  };
  pending.addEventListener('change', () => ((state.pending = pending.checked), load()));
  overdue.addEventListener('change', () => ((state.overdue = overdue.checked), load()));
  await load();
}

// ---------------------------------------------------------------- record

function partyRow(index, party) {
  const row = h('fieldset', { class: 'party', testid: 'agreement-party' },
    h('legend', null, t('agreements.party', { n: index + 1 })),
    field({ label: t('agreements.partyName'), name: 'partyName', value: party?.name, maxlength: 50, testid: 'agreement-party-name' }),
    field({ label: t('agreements.partyRole'), name: 'partyRole', type: 'select', options: enumOptions('PartyRole', PARTY_ROLES, tEnum), value: party?.role || (index ? 'RESPONDENT' : 'APPLICANT') }),
    field({ label: t('agreements.partyPhone'), name: 'partyPhone', type: 'tel', inputmode: 'tel', value: party?.phone }),
    field({ label: t('agreements.partyAddress'), name: 'partyAddress', maxlength: 200 }));
  if (index >= 2) row.append(h('button', { class: 'btn link', type: 'button', onclick: () => row.remove() }, t('agreements.removeRow')));
  return row;
}

function termRow(index, due) {
  const row = h('fieldset', { class: 'party', testid: 'agreement-term' },
    h('legend', null, t('agreements.term', { n: index + 1 })),
    field({ label: t('agreements.obligor'), name: 'obligor', maxlength: 50, testid: 'term-obligor' }),
    field({ label: t('agreements.content'), name: 'content', type: 'textarea', rows: 2, maxlength: 1000, testid: 'term-content' }),
    field({ label: t('agreements.way'), name: 'way', maxlength: 200, testid: 'term-way' }),
    field({ label: t('agreements.dueOn'), name: 'dueOn', type: 'date', value: due, testid: 'term-due' }));
  if (index >= 1) row.append(h('button', { class: 'btn link', type: 'button', onclick: () => row.remove() }, t('agreements.removeRow')));
  return row;
}

export async function recordAgreement(el, ctx) {
  const disputeId = ctx.params.id;
  // One agreement per dispute: an existing one opens instead.
  try {
    const found = await gql(OPS.agreementOfDispute, { filter: { disputeId } }, { signal: ctx.signal });
    const existing = found.agreements.edges[0];
    if (existing) return ctx.navigate(`/agreement/${encodeURIComponent(existing.node.id)}`);
  } catch (err) {
    if (!err.offline) return mount(el, title(t('agreements.recordTitle')), errorBox(err));
  }
  const dispute = (await cacheGet('dispute:' + disputeId))?.data?.dispute;
  if (!ctx.alive) return;
  const today = dateInputValue();
  const parties = h('div', { class: 'parties' },
    ...(dispute?.parties?.length >= 2 ? dispute.parties : [null, null]).map((p, i) => partyRow(i, p)));
  const terms = h('div', { class: 'parties' }, termRow(0, today));
  const form = h('form', { class: 'form', novalidate: true, testid: 'agreement-form' },
    field({ label: t('agreements.form'), name: 'form', type: 'select', options: enumOptions('AgreementForm', FORMS, tEnum), value: 'WRITTEN', testid: 'agreement-kind' }),
    field({ label: t('agreements.statusMatter'), name: 'statusMatter', type: 'select', options: [['', t('agreements.statusMatterNone')], ...enumOptions('StatusMatter', MATTERS, tEnum)], hint: t('agreements.statusMatterHint'), testid: 'agreement-matter' }),
    field({ label: t('agreements.agreedAt'), name: 'agreedAt', type: 'datetime-local', required: true, value: localInputValue(), max: localInputValue(), testid: 'agreement-agreed-at' }),
    h('h2', null, t('agreements.parties')),
    parties,
    h('button', { class: 'btn', type: 'button', onclick: () => parties.append(partyRow(parties.children.length)) }, t('agreements.addParty')),
    field({ label: t('agreements.facts'), name: 'facts', type: 'textarea', rows: 4, maxlength: 5000, value: dispute?.description, testid: 'agreement-facts' }),
    field({ label: t('agreements.responsibilities'), name: 'responsibilities', type: 'textarea', rows: 3, maxlength: 5000, testid: 'agreement-responsibilities' }),
    h('h2', null, t('agreements.terms')),
    terms,
    h('button', { class: 'btn', type: 'button', testid: 'agreement-add-term', onclick: () => terms.append(termRow(terms.children.length, today)) }, t('agreements.addTerm')),
    formMessage(),
    h('button', { class: 'btn primary block', type: 'submit', testid: 'agreement-submit' }, t('agreements.submit')));
  mount(el, back(`#/dispute/${encodeURIComponent(disputeId)}`, dispute ? dispute.title : t('dispute.title')), title(t('agreements.recordTitle')), form);

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = formValues(form);
    const problems = [];
    const required = (name) => !form.elements[name].value.trim() && problems.push([name, t('form.required')]);
    ['agreedAt', 'facts', 'responsibilities'].forEach(required);
    const partyList = [];
    for (const row of parties.querySelectorAll('fieldset.party')) {
      const value = (n) => row.querySelector(`[name=${n}]`).value.trim();
      if (!value('partyName')) continue;
      partyList.push({ name: value('partyName'), role: value('partyRole'), ...(value('partyPhone') ? { phone: value('partyPhone') } : {}), ...(value('partyAddress') ? { address: value('partyAddress') } : {}) });
    }
    if (partyList.length < 2) problems.push([parties.querySelector('[name=partyName]'), t('agreements.needTwoParties')]);
    const names = new Set(partyList.map((p) => p.name));
    const termList = [];
    for (const row of terms.querySelectorAll('fieldset.party')) {
      const input = (n) => row.querySelector(`[name=${n}]`);
      for (const n of ['obligor', 'content', 'way', 'dueOn']) if (!input(n).value.trim()) problems.push([input(n), t('form.required')]);
      if (input('obligor').value.trim() && !names.has(input('obligor').value.trim())) problems.push([input('obligor'), t('agreements.obligorUnknown')]);
      termList.push({ obligor: input('obligor').value.trim(), content: input('content').value.trim(), way: input('way').value.trim(), dueOn: input('dueOn').value });
    }
    if (showFieldErrors(form, problems)) return showProblemCount(form, problems.length);
    const input = {
      clientId: newClientId(),
      disputeId,
      form: v.form,
      ...(v.statusMatter ? { statusMatter: v.statusMatter } : {}),
      parties: partyList,
      facts: v.facts,
      responsibilities: v.responsibilities,
      terms: termList,
      agreedAt: fromLocalInput(v.agreedAt),
    };
    busy(form.querySelector('[type=submit]'), async () => {
      const result = await enqueueAndWait({
        op: 'recordAgreement', query: OPS.recordAgreement, variables: { input }, kind: 'agreement', title: dispute ? dispute.title : t('outbox.kind.agreement'), ref: disputeId,
      });
      if (result.refused || result.failed) return ctx.alive && showRefused(form, result.error, {});
      announce(result.sent ? t('agreements.saved') : t('agreements.savedOffline'), 'ok');
      if (!ctx.alive) return;
      if (result.sent && result.record) ctx.navigate(`/agreement/${encodeURIComponent(result.record.id)}`);
      else ctx.navigate(`/dispute/${encodeURIComponent(disputeId)}`);
    });
  });
}

// ------------------------------------------------------------ one agreement

export async function agreementPage(el, ctx) {
  const id = ctx.params.id;
  const body = h('div');
  // The signature being made: kept across the page's renders (a refresh from
  // the network or the outbox must not wipe a half-drawn signature).
  const signPanel = h('div');
  mount(el, body);

  async function render(data, meta) {
    const a = data.agreement;
    if (!a) return mount(body, title(t('agreements.title')), errorBox({ code: 'NOT_FOUND' }));
    // Signatures made on this phone and not yet sent count as made here.
    const queued = (await myOutboxItems()).filter((i) => i.kind === 'signature' && i.ref === a.clientId);
    if (!ctx.alive) return;
    const queuedSlots = new Set(queued.map((i) => slotOf(i.variables.input)));
    const awaiting = a.awaiting.filter((s) => !queuedSlots.has(s));
    const d = a.dispute;
    mount(
      body,
      back(`#/dispute/${encodeURIComponent(d.id)}`, d.title),
      title(t('agreements.pdf')),
      asOf(meta.asOf, meta.stale),
      h('p', null, badge(tEnum('AgreementForm', a.form)), ' ',
        a.effectiveOn ? badge(t('agreements.inEffect', { date: fmtDate(a.effectiveOn) }), 'ok') : badge(t('agreements.awaiting', { n: a.awaiting.length + (a.form === 'WRITTEN' && !a.sealedAt ? 1 : 0) }), 'warn'),
        ' ', h('span', { class: 'muted' }, d.referenceNumber)),
      a.documentUrl ? h('p', { testid: 'agreement-pdf' }, certificateLink({ certificateUrl: a.documentUrl, certificateNumber: t('agreements.pdf') })) : null,
      confirmationNotice(a),
      facts([
        [t('agreements.agreedAt'), fmtDateTime(a.agreedAt)],
        [t('agreements.effective'), a.effectiveOn ? fmtDate(a.effectiveOn) : null],
        [t('agreements.sealedAt'), a.sealedAt ? fmtDateTime(a.sealedAt) : null],
        [t('agreements.statusMatter'), a.statusMatter ? tEnum('StatusMatter', a.statusMatter) : null],
        [t('dispute.mediator'), d.mediator?.displayName],
      ]),
      a.effectiveOn ? null : h('p', { class: 'notice' }, t(a.form === 'ORAL' ? 'agreements.oralEffective' : 'agreements.notYetEffective')),
      h('h2', null, t('agreements.parties')),
      h('ul', { class: 'list' }, a.parties.map((p) => h('li', { class: 'row' }, h('span', { class: 'row-main' }, h('strong', null, p.name), h('span', { class: 'muted' }, fmtList([tEnum('PartyRole', p.role), p.phone, p.address].filter(Boolean))))))),
      h('h3', null, t('agreements.facts')), h('p', { class: 'description' }, a.facts),
      h('h3', null, t('agreements.responsibilities')), h('p', { class: 'description' }, a.responsibilities),
      a.form === 'WRITTEN' ? signatureSection(a, awaiting, queued, ctx, load, signPanel) : null,
      a.form === 'WRITTEN' && !a.sealedAt ? sealForm(a, load) : null,
      termSection(a, load),
      a.effectiveOn && a.confirmable ? confirmationSection(a, load) : null,
      h('h2', null, t('agreements.returnVisits')),
      a.returnVisits.length
        ? h('ol', { class: 'timeline', testid: 'return-visit-list' }, a.returnVisits.map((v) =>
            h('li', { testid: 'return-visit-item' }, h('p', null, h('strong', null, fmtDateTime(v.visitedAt)), ' ', badge(tEnum('VisitOutcome', v.outcome))), h('p', null, v.summary))))
        : empty(t('agreements.noReturnVisits')),
      h('div', { class: 'actions' }, h('a', { class: 'btn', href: `#/dispute/${encodeURIComponent(d.id)}/visit`, testid: 'agreement-return-visit' }, t('agreements.logReturnVisit'))),
    );
  }

  const load = () => cachedQuery(ctx, 'agreement:' + id, () => gql(OPS.agreement, { id }, { signal: ctx.signal }), render, (err) => mount(body, title(t('agreements.title')), errorBox(err, load)));
  ctx.onCleanup(onSent((r) => r.kind === 'signature' && load()));
  ctx.onCleanup(onOutboxChange(() => cacheGet('agreement:' + id).then((c) => c && ctx.alive && render(c.data, { asOf: c.asOf, stale: false }))));
  await load();
}

function confirmationNotice(a) {
  if (!a.effectiveOn) return null;
  if (!a.confirmable) return h('p', { class: 'notice', testid: 'agreement-not-confirmable' }, t('agreements.notConfirmable'));
  if (a.confirmation) return null;
  return h('p', { class: 'notice', testid: 'agreement-confirm-by' }, t('agreements.confirmBy', { date: fmtDate(a.confirmationDueOn) }));
}

const slotOf = (input) => (input.signerKind === 'MEDIATOR' ? 'mediator' : `party:${input.partyIndex}`);

function slotName(a, slot) {
  if (slot === 'mediator') return t('agreements.signer.mediator');
  return a.parties[Number(slot.split(':')[1])]?.name || slot;
}

// -------------------------------------------------------------- signatures

function signatureSection(a, awaiting, queued, ctx, reload, panel) {
  return h('section', { testid: 'signature-section' },
    h('h2', null, t('agreements.signatures')),
    h('ul', { class: 'list', testid: 'signature-list' },
      a.signatures.map((s) => h('li', { class: 'row', testid: 'signature-item' },
        h('span', { class: 'row-main' }, h('strong', null, s.signerName), h('span', { class: 'muted' }, `${tEnum('SignatureMethod', s.method)} · ${fmtDateTime(s.signedAt)}`)),
        badge(t('agreements.sign'), 'ok'))),
      queued.map((i) => h('li', { class: 'row', testid: 'signature-queued' },
        h('span', { class: 'row-main' }, h('strong', null, slotName(a, slotOf(i.variables.input)))), badge(t('agreements.signQueued'), 'warn')))),
    awaiting.length
      ? h('div', { class: 'actions' }, awaiting.map((slot) =>
          h('button', { class: 'btn', type: 'button', testid: `sign-${slot.replace(':', '-')}`, onclick: () => mount(panel, signaturePad(a, slot, ctx, () => (mount(panel), reload()))) },
            t('agreements.signAs', { name: slotName(a, slot) }))))
      : null,
    panel);
}

/** A drawn signature (PNG) or a fingerprint photo (JPEG), queued in the outbox. */
function signaturePad(a, slot, ctx, done) {
  const canvas = h('canvas', { width: PAD_WIDTH, height: PAD_HEIGHT, class: 'signature-pad', testid: 'signature-pad', 'aria-label': t('agreements.pad'), role: 'img' });
  const pen = canvas.getContext('2d');
  pen.fillStyle = '#fff';
  pen.fillRect(0, 0, PAD_WIDTH, PAD_HEIGHT);
  pen.lineWidth = 4;
  pen.lineCap = 'round';
  pen.strokeStyle = '#000';
  let strokes = 0;
  let last = null;
  const point = (e) => {
    const r = canvas.getBoundingClientRect();
    return [((e.clientX - r.left) * PAD_WIDTH) / r.width, ((e.clientY - r.top) * PAD_HEIGHT) / r.height];
  };
  canvas.addEventListener('pointerdown', (e) => {
    canvas.setPointerCapture(e.pointerId);
    last = point(e);
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!last) return;
    const next = point(e);
    pen.beginPath();
    pen.moveTo(...last);
    pen.lineTo(...next);
    pen.stroke();
    last = next;
    strokes += 1;
  });
  const lift = () => (last = null);
  canvas.addEventListener('pointerup', lift);
  canvas.addEventListener('pointercancel', lift);
  let photo = null;
  const photoInput = h('input', { type: 'file', accept: 'image/*', capture: 'environment', id: 'fingerprint-photo', testid: 'fingerprint-photo' });
  photoInput.addEventListener('change', async () => {
    const file = photoInput.files[0];
    photo = file ? await scaledJpeg(file) : null;
  });
  const form = h('form', { class: 'form card', novalidate: true, testid: 'signature-form' },
    h('h3', null, t('agreements.signAs', { name: slotName(a, slot) })),
    field({ label: t('agreements.method'), name: 'method', type: 'select', options: enumOptions('SignatureMethod', METHODS, tEnum), value: 'SIGNATURE', testid: 'signature-method' }),
    h('div', { class: 'field', testid: 'signature-draw' }, h('p', { class: 'hint' }, t('agreements.pad')), canvas,
      h('button', { class: 'btn link', type: 'button', onclick: () => ((strokes = 0), pen.fillRect(0, 0, PAD_WIDTH, PAD_HEIGHT)) }, t('agreements.clear'))),
    h('div', { class: 'field', hidden: true, testid: 'signature-photo' }, h('label', { for: 'fingerprint-photo' }, t('agreements.photo')), photoInput),
    formMessage(),
    h('button', { class: 'btn primary', type: 'submit', testid: 'signature-save' }, t('agreements.saveSignature')));
  form.elements.method.addEventListener('change', (e) => {
    const finger = e.target.value === 'FINGERPRINT';
    form.querySelector('[data-testid=signature-draw]').hidden = finger;
    form.querySelector('[data-testid=signature-photo]').hidden = !finger;
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const method = form.elements.method.value;
    let image;
    if (method === 'SIGNATURE') {
      if (!strokes) return showFieldErrors(form, [['method', t('agreements.needStroke')]]);
      image = canvas.toDataURL('image/png').split(',')[1];
    } else {
      if (!photo) return showFieldErrors(form, [[photoInput, t('agreements.needPhoto')]]);
      image = photo;
    }
    const input = {
      clientId: newClientId(),
      agreementClientId: a.clientId,
      signerKind: slot === 'mediator' ? 'MEDIATOR' : 'PARTY',
      ...(slot === 'mediator' ? {} : { partyIndex: Number(slot.split(':')[1]) }),
      method,
      image,
      signedAt: isoWithOffset(),
    };
    busy(form.querySelector('[type=submit]'), async () => {
      const result = await enqueueAndWait({
        op: 'recordAgreementSignature', query: OPS.recordAgreementSignature, variables: { input }, kind: 'signature', title: `${a.dispute.title} · ${slotName(a, slot)}`, ref: a.clientId,
      });
      if (result.refused || result.failed) return ctx.alive && showFormError(form, result.error || {});
      announce(result.sent ? t('agreements.signed') : t('agreements.signedOffline'), 'ok');
      if (ctx.alive) done();
    });
  });
  return form;
}

async function scaledJpeg(file) {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, PHOTO_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = h('canvas', { width: Math.round(bitmap.width * scale), height: Math.round(bitmap.height * scale) });
  canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/jpeg', 0.7).split(',')[1];
}

function sealForm(a, reload) {
  const form = h('form', { class: 'form card', novalidate: true, testid: 'seal-form' },
    h('h3', null, t('agreements.seal')),
    field({ label: t('agreements.sealedAt'), name: 'sealedAt', type: 'datetime-local', required: true, value: localInputValue(), max: localInputValue(), testid: 'seal-at' }),
    formMessage(),
    h('button', { class: 'btn', type: 'submit', testid: 'seal-save' }, t('agreements.sealSave')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = formValues(form);
    busy(form.querySelector('[type=submit]'), async () => {
      try {
        await gql(OPS.sealAgreement, { id: a.id, sealedAt: fromLocalInput(v.sealedAt) });
        announce(t('agreements.sealSaved'), 'ok');
        reload();
      } catch (err) {
        showFormError(form, err);
      }
    });
  });
  return form;
}

// ------------------------------------------------------------ performance

function termSection(a, reload) {
  return h('section', null,
    h('h2', null, t('agreements.performance')),
    h('ol', { class: 'list', testid: 'term-list' }, a.terms.map((term) =>
      h('li', { class: `row wrap${term.overdue ? ' failed' : ''}`, testid: 'term-item' },
        h('span', { class: 'row-main' },
          h('strong', null, `${term.obligor} · ${term.content}`),
          h('span', { class: 'muted' }, `${term.way} · ${t('agreements.dueBy', { date: fmtDate(term.dueOn) })}`),
          term.performedOn ? h('span', { class: 'muted' }, t('agreements.performed', { date: fmtDate(term.performedOn) }) + (term.performedNote ? ` · ${term.performedNote}` : '')) : null),
        term.overdue ? badge(t('agreements.overdue'), 'bad') : term.performedOn ? badge(t('agreements.performed', { date: fmtDate(term.performedOn) }), 'ok') : null,
        term.performedOn ? null : performedForm(term, reload)))));
}

function performedForm(term, reload) {
  const form = h('form', { class: 'form inline', novalidate: true, testid: 'term-performed-form' },
    field({ label: t('agreements.performedOn'), name: 'performedOn', type: 'date', value: dateInputValue(), max: dateInputValue(), testid: 'term-performed-on' }),
    field({ label: t('agreements.performedNote'), name: 'note', maxlength: 2000 }),
    formMessage(),
    h('button', { class: 'btn small', type: 'submit', testid: 'term-performed-save' }, t('agreements.markPerformed')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = formValues(form);
    busy(form.querySelector('[type=submit]'), async () => {
      try {
        await gql(OPS.markTermPerformed, { termId: term.id, performedOn: v.performedOn, note: v.note || null });
        announce(t('agreements.performedSaved'), 'ok');
        reload();
      } catch (err) {
        showFormError(form, err);
      }
    });
  });
  return form;
}

// --------------------------------------------------- judicial confirmation

function confirmationSection(a, reload) {
  const c = a.confirmation;
  const late = (flag) => (flag ? badge(t('agreements.late'), 'bad') : null);
  const steps = NEXT_STEPS[c ? c.status : 'NONE'] || [];
  return h('section', { testid: 'confirmation-section' },
    h('h2', null, t('agreements.confirmation')),
    c
      ? h('div', null,
          h('p', null, badge(tEnum('ConfirmationStatus', c.status)), ' ', c.court || ''),
          facts([
            [t('agreements.caseNumber'), c.caseNumber],
            [t('agreements.appliedOn'), c.appliedOn ? fmtDate(c.appliedOn) : null],
            [t('agreements.acceptedOn'), c.acceptedOn ? fmtDate(c.acceptedOn) : null],
            [t('agreements.ruledOn'), c.ruledOn ? fmtDate(c.ruledOn) : null],
          ]),
          c.acceptanceDueOn && !c.acceptedOn ? h('p', { class: 'notice', testid: 'acceptance-due' }, t('agreements.acceptanceDue', { date: fmtDate(c.acceptanceDueOn) }), ' ', late(c.acceptanceLate)) : null,
          c.rulingDueOn && !c.ruledOn ? h('p', { class: 'notice', testid: 'ruling-due' }, t('agreements.rulingDue', { date: fmtDate(c.rulingDueOn) }), ' ', late(c.rulingLate)) : null)
      : h('p', { class: 'muted' }, t('agreements.noConfirmation')),
    steps.length ? stepForm(a, steps, reload) : null);
}

function stepForm(a, steps, reload) {
  const first = steps[0];
  const form = h('form', { class: 'form card', novalidate: true, testid: 'confirmation-form' },
    field({ label: t('agreements.step'), name: 'step', type: 'select', options: enumOptions('ConfirmationStep', steps, tEnum), value: first, testid: 'confirmation-step' }),
    field({ label: t('agreements.stepDate'), name: 'on', type: 'date', value: dateInputValue(), max: dateInputValue(), testid: 'confirmation-on' }),
    first === 'APPLIED' ? field({ label: t('agreements.court'), name: 'court', maxlength: 100, testid: 'confirmation-court' }) : null,
    first === 'APPLIED' ? field({ label: t('agreements.joint'), name: 'joint', type: 'checkbox', testid: 'confirmation-joint' }) : null,
    field({ label: t('agreements.caseNumber'), name: 'caseNumber', maxlength: 64, testid: 'confirmation-case' }),
    formMessage(),
    h('button', { class: 'btn', type: 'submit', testid: 'confirmation-save' }, t('agreements.stepSave')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = formValues(form);
    const input = {
      agreementId: a.id,
      step: v.step,
      ...(v.step === 'EXTENDED' ? {} : { on: v.on }),
      ...(v.court ? { court: v.court } : {}),
      ...(v.caseNumber ? { caseNumber: v.caseNumber } : {}),
      jointApplication: !!v.joint,
    };
    busy(form.querySelector('[type=submit]'), async () => {
      try {
        await gql(OPS.recordJudicialConfirmation, { input });
        announce(t('agreements.stepSaved'), 'ok');
        reload();
      } catch (err) {
        showFormError(form, err);
      }
    });
  });
  return form;
}
