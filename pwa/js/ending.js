// The end of supervision on a person's page, for officers and supervisors:
// release with its certificate (法 Art. 44), termination (法 Art. 45, 51),
// a revocation or 收监 proposal and the deciding body's ruling (法 Art. 46-49).
// Each form sits behind its button; every write goes straight to the server
// (a legal act is not queued offline), its answer shown in the form.
import { gql, OPS } from './api.js';
import { t, tEnum, fmtDate, dateInputValue, loadArea } from './i18n.js';
import { h, mount, field, formValues, formMessage, showFieldError, showFormError, busy, announce, facts, enumOptions, errorText } from './ui.js';
import { getSession } from './store.js';

await loadArea('ending');

const BODIES = ['DECIDING_BODY', 'PROCURATORATE', 'POLICE'];
const METHODS = ['DELIVERED', 'POST', 'ELECTRONIC', 'OTHER'];
const GROUNDS = ['TERM_ENDED', 'PARDON', 'COURT_DECISION'];
const REASONS = ['DEATH', 'REVOCATION', 'IMPRISONMENT'];
const BODY_TYPES = ['COURT', 'PRISON_ADMIN', 'PUBLIC_SECURITY'];
const UNDER_SUPERVISION = ['ACTIVE', 'ABSCONDED'];

/** The section, or null for a role that takes none of these steps. */
export function endingSection(p, reload) {
  const role = getSession()?.viewer?.role;
  if (role !== 'OFFICER' && role !== 'SUPERVISOR') return p.supervisionEnd ? endFacts(p.supervisionEnd) : null;
  const slot = h('div', { testid: 'ending-form-slot' });
  const open = (make) => () => mount(slot, make(p, () => { mount(slot); reload(); }));
  const under = UNDER_SUPERVISION.includes(p.status);
  const canRevoke = p.correctionType !== 'CONTROL' && under;
  return h(
    'section',
    { class: 'card', testid: 'ending' },
    h('h3', null, t('ending.title')),
    p.supervisionEnd ? endFacts(p.supervisionEnd) : null,
    proposalList(p.revocationProposals || [], p.courtRulings || []),
    h('div', { class: 'actions' },
      p.status === 'ACTIVE' ? button('ending-release', t('ending.release'), open(releaseForm)) : null,
      under || p.status === 'REVOKED' ? button('ending-terminate', t('ending.terminate'), open(terminateForm)) : null,
      canRevoke ? button('ending-propose', t('ending.propose'), open(proposeForm)) : null,
      canRevoke ? button('ending-ruling', t('ending.ruling'), open(rulingForm)) : null),
    slot,
  );
}

const button = (testid, label, onclick) => h('button', { class: 'btn', type: 'button', testid, onclick }, label);

function endFacts(end) {
  return h('div', { testid: 'ending-facts' },
    facts([
      [t('ending.outcome'), tEnum('SupervisionStatus', end.outcome)],
      [t('ending.date'), fmtDate(end.endedOn)],
      [t('ending.ground'), end.releaseGround ? tEnum('ReleaseGround', end.releaseGround) : tEnum('TerminationReason', end.terminationReason)],
      [t('ending.groundDocument'), end.groundDocument],
      [t('ending.certificate'), end.certificateUrl ? certificateLink(end) : null],
      [t('ending.notices'), end.notices.length
        ? end.notices.map((n) => `${tEnum('NoticeRecipient', n.recipient)}：${n.name}（${fmtDate(n.sentOn)}，${tEnum('NoticeMethod', n.method)}）`).join('；')
        : null],
    ]));
}

/** The certificate's number as a link: the PDF needs the session's token, so it
 * is fetched with it and handed to the browser as a file download. */
export function certificateLink(end) {
  const link = h('a', { href: end.certificateUrl, testid: 'certificate-link' }, end.certificateNumber || t('ending.certificate'));
  link.addEventListener('click', async (e) => {
    e.preventDefault();
    try {
      const res = await fetch(end.certificateUrl, { headers: { Authorization: `Bearer ${getSession()?.token || ''}` }, cache: 'no-store' });
      if (!res.ok) throw Object.assign(new Error(), { code: res.status === 404 ? 'NOT_FOUND' : 'NETWORK' });
      const url = URL.createObjectURL(await res.blob());
      const save = h('a', { href: url, download: `${end.certificateNumber || 'certificate'}.pdf` });
      document.body.append(save);
      save.click();
      save.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    } catch (err) {
      announce(errorText(err), 'error');
    }
  });
  return link;
}

function proposalList(proposals, rulings) {
  if (!proposals.length && !rulings.length) return null;
  return h('ul', { class: 'list', testid: 'proposal-list' },
    proposals.map((r) => h('li', { class: 'row wrap', testid: 'proposal-item' },
      h('div', { class: 'row-main' },
        h('strong', null, tEnum('RevocationKind', r.kind) + ' · ' + r.decidingBody),
        h('span', { class: 'muted' }, t('ending.proposalDates', { on: fmtDate(r.proposedOn), received: fmtDate(r.receivedOn), due: fmtDate(r.rulingDueOn) })),
        r.overdue ? h('span', { class: 'badge bad', testid: 'proposal-overdue' }, t('ending.overdue')) : null))),
    rulings.map((r) => h('li', { class: 'row wrap', testid: 'ruling-item' },
      h('div', { class: 'row-main' },
        h('strong', null, tEnum('RulingDecision', r.decision) + ' · ' + r.documentNumber),
        h('span', { class: 'muted' }, fmtDate(r.decidedOn), r.withoutProposal ? ' · ' + t('ending.withoutProposal') : ''),
        r.overdue ? h('span', { class: 'badge bad', testid: 'ruling-overdue' }, t('ending.rulingLate')) : null))),
  );
}

/** One row per body: its name, the day sent and how (法 Art. 44, 51). */
function noticeFields() {
  const today = dateInputValue();
  return h('fieldset', { class: 'notices' },
    h('legend', null, t('ending.noticesLegend')),
    BODIES.map((b) => h('div', { class: 'notice-row', testid: `notice-${b}` },
      field({ label: tEnum('NoticeRecipient', b), name: `name_${b}`, testid: `notice-name-${b}`, maxlength: 100 }),
      field({ label: t('ending.sentOn'), name: `sent_${b}`, type: 'date', value: today, testid: `notice-sent-${b}` }),
      field({ label: t('ending.method'), name: `method_${b}`, type: 'select', value: 'DELIVERED', options: enumOptions('NoticeMethod', METHODS, tEnum) }))));
}

const noticesOf = (v) =>
  BODIES.filter((b) => v[`name_${b}`]).map((b) => ({ recipient: b, name: v[`name_${b}`], sentOn: v[`sent_${b}`], method: v[`method_${b}`] }));

function missingNotice(form, v) {
  const missing = BODIES.find((b) => !v[`name_${b}`]);
  return missing ? showFieldError(form, `name_${missing}`, t('form.required')) || true : false;
}

function submitting(form, send, done, check) {
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = formValues(form);
    if (check && check(v)) return;
    busy(form.querySelector('[type=submit]'), async () => {
      try {
        const data = await send(v);
        announce(t('ending.saved'), 'ok');
        done(data);
      } catch (err) {
        showFormError(form, err);
      }
    });
  });
  return form;
}

function releaseForm(p, done) {
  const result = h('div', { testid: 'release-result' });
  const form = h('form', { class: 'form', novalidate: true, testid: 'release-form' },
    h('h4', null, t('ending.release')),
    field({ label: t('ending.releasedOn'), name: 'releasedOn', type: 'date', required: true, value: p.termEnd <= dateInputValue() ? dateInputValue() : '', testid: 'release-date' }),
    field({ label: t('ending.ground'), name: 'ground', type: 'select', value: 'TERM_ENDED', options: enumOptions('ReleaseGround', GROUNDS, tEnum), testid: 'release-ground' }),
    field({ label: t('ending.groundDocument'), name: 'groundDocument', hint: t('ending.groundDocumentHint'), testid: 'release-document', maxlength: 64 }),
    noticeFields(),
    formMessage(),
    h('button', { class: 'btn primary', type: 'submit', testid: 'release-submit' }, t('ending.releaseSubmit')));
  // After the release: the certificate's link stays here until the page reloads.
  const shown = (data) => {
    mount(form.parentNode || result, h('div', { testid: 'release-done' }, h('p', { class: 'notice' }, t('ending.released')), endFacts(data.releasePerson),
      // The offer to go on with resettlement (安置帮教), prefilled from this file.
      h('a', { class: 'btn primary', href: `#/resettlement/from/${encodeURIComponent(p.id)}`, testid: 'release-resettlement' }, t('resettlement.offer')),
      h('button', { class: 'btn', type: 'button', onclick: done }, t('action.cancel'))));
  };
  return submitting(form, (v) => gql(OPS.releasePerson, {
    input: { personId: p.id, releasedOn: v.releasedOn, ground: v.ground, groundDocument: v.groundDocument || null, notices: noticesOf(v) },
  }), shown, (v) => (!v.releasedOn ? showFieldError(form, 'releasedOn', t('form.required')) || true : missingNotice(form, v)));
}

function terminateForm(p, done) {
  const form = h('form', { class: 'form', novalidate: true, testid: 'terminate-form' },
    h('h4', null, t('ending.terminate')),
    field({ label: t('ending.reason'), name: 'reason', type: 'select', value: p.status === 'REVOKED' ? 'REVOCATION' : 'DEATH', options: enumOptions('TerminationReason', REASONS, tEnum), testid: 'terminate-reason' }),
    field({ label: t('ending.endedOn'), name: 'endedOn', type: 'date', required: true, value: dateInputValue(), testid: 'terminate-date' }),
    h('p', { class: 'hint' }, t('ending.noticesDeath')),
    noticeFields(),
    field({ label: t('status.note'), name: 'note', type: 'textarea', testid: 'terminate-note' }),
    formMessage(),
    h('button', { class: 'btn bad', type: 'submit', testid: 'terminate-submit' }, t('ending.terminate')));
  return submitting(form, (v) => gql(OPS.terminateSupervision, {
    input: { personId: p.id, reason: v.reason, endedOn: v.endedOn, notices: noticesOf(v), note: v.note || null },
  }), done, (v) => (v.reason === 'DEATH' ? missingNotice(form, v) : false));
}

function proposeForm(p, done) {
  const form = h('form', { class: 'form', novalidate: true, testid: 'propose-form' },
    h('h4', null, t('ending.propose')),
    field({ label: t('ending.facts'), name: 'facts', type: 'textarea', required: true, hint: t('ending.factsHint'), testid: 'propose-facts' }),
    field({ label: t('ending.bodyType'), name: 'decidingBodyType', type: 'select', value: 'COURT', options: enumOptions('DecidingBodyType', BODY_TYPES, tEnum) }),
    field({ label: t('ending.body'), name: 'decidingBody', required: true, testid: 'propose-body', maxlength: 100 }),
    field({ label: t('ending.proposedOn'), name: 'proposedOn', type: 'date', required: true, value: dateInputValue() }),
    field({ label: t('ending.receivedOn'), name: 'receivedOn', type: 'date', hint: t('ending.receivedOnHint') }),
    formMessage(),
    h('button', { class: 'btn', type: 'submit', testid: 'propose-submit' }, t('ending.propose')));
  return submitting(form, (v) => gql(OPS.proposeRevocation, {
    input: { personId: p.id, facts: v.facts, decidingBodyType: v.decidingBodyType, decidingBody: v.decidingBody, proposedOn: v.proposedOn, receivedOn: v.receivedOn || null },
  }), done, (v) => (!v.facts ? showFieldError(form, 'facts', t('form.required')) || true : false));
}

function rulingForm(p, done) {
  const open = (p.revocationProposals || []).find((r) => !r.decided);
  const form = h('form', { class: 'form', novalidate: true, testid: 'ruling-form' },
    h('h4', null, t('ending.ruling')),
    h('p', { class: 'hint' }, open ? t('ending.rulingFor', { due: fmtDate(open.rulingDueOn) }) : t('ending.rulingWithout')),
    field({ label: t('ending.decision'), name: 'decision', type: 'select', value: 'REVOKE', options: enumOptions('RulingDecision', ['REVOKE', 'REFUSE'], tEnum), testid: 'ruling-decision' }),
    field({ label: t('ending.bodyType'), name: 'decidingBodyType', type: 'select', value: open ? open.decidingBodyType : 'COURT', options: enumOptions('DecidingBodyType', BODY_TYPES, tEnum) }),
    field({ label: t('ending.body'), name: 'decidingBody', required: true, value: open ? open.decidingBody : '', maxlength: 100 }),
    field({ label: t('ending.documentNumber'), name: 'documentNumber', required: true, maxlength: 64 }),
    field({ label: t('ending.decidedOn'), name: 'decidedOn', type: 'date', required: true, value: dateInputValue() }),
    formMessage(),
    h('button', { class: 'btn', type: 'submit', testid: 'ruling-submit' }, t('ending.ruling')));
  return submitting(form, (v) => gql(OPS.recordCourtRuling, {
    input: { personId: p.id, proposalId: open ? open.id : null, decision: v.decision, decidingBodyType: v.decidingBodyType, decidingBody: v.decidingBody, documentNumber: v.documentNumber, decidedOn: v.decidedOn },
  }), done);
}
