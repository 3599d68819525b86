// Where a dispute came from, in the registration form: the parties'
// application (the default), the committee's own initiative (主动调解, no
// applicant needed: 人民调解法 Art. 17), or a referral by a court (委派 before
// filing, 委托 after it, with the court's procedure and the day its materials
// were signed for: 特邀调解规定 Art. 27), the police or the petition office,
// with the referring body and its number. Its strings are the screening
// area's (the form's screen loads them).
import { t, tEnum, dateInputValue } from './i18n.js';
import { h, field, enumOptions } from './ui.js';

const KINDS = ['APPLICATION', 'COMMITTEE_INITIATIVE', 'COURT_DELEGATED', 'COURT_ENTRUSTED', 'POLICE', 'PETITION_OFFICE'];
const REFERRED = new Set(['COURT_DELEGATED', 'COURT_ENTRUSTED', 'POLICE', 'PETITION_OFFICE']);
const COURT = new Set(['COURT_DELEGATED', 'COURT_ENTRUSTED']);

/** The source's fields; they show what the chosen kind asks for. */
export function sourceFields() {
  const box = h('fieldset', { class: 'field', testid: 'register-source-box' },
    h('legend', null, t('source.legend')),
    field({ label: t('source.kind'), name: 'sourceKind', type: 'select', options: enumOptions('DisputeSourceKind', KINDS, tEnum), value: 'APPLICATION', testid: 'register-source' }),
    h('div', { 'data-when': 'referred' },
      field({ label: t('source.body'), name: 'sourceBody', maxlength: 100, testid: 'register-source-body' }),
      field({ label: t('source.number'), name: 'sourceNumber', maxlength: 64, testid: 'register-source-number' })),
    h('div', { 'data-when': 'court' },
      field({ label: t('source.receivedOn'), name: 'sourceReceivedOn', type: 'date', value: dateInputValue(), max: dateInputValue(), hint: t('source.receivedHint'), testid: 'register-source-received' })),
    h('div', { 'data-when': 'entrusted' },
      field({ label: t('source.procedure'), name: 'sourceProcedure', type: 'select', options: enumOptions('CourtProcedure', ['ORDINARY', 'SUMMARY'], tEnum), value: 'ORDINARY', testid: 'register-source-procedure' })));
  const select = box.querySelector('[name=sourceKind]');
  const sync = () => {
    const k = select.value;
    box.querySelector('[data-when=referred]').hidden = !REFERRED.has(k);
    box.querySelector('[data-when=court]').hidden = !COURT.has(k);
    box.querySelector('[data-when=entrusted]').hidden = k !== 'COURT_ENTRUSTED';
  };
  select.addEventListener('change', sync);
  box.addEventListener('draft-restored', sync, true);
  sync();
  return box;
}

/** The source as RegisterDisputeInput.source, from the form's values; null for an application. */
export function sourceInput(v) {
  const kind = v.sourceKind || 'APPLICATION';
  if (kind === 'APPLICATION') return null;
  const source = { kind };
  if (REFERRED.has(kind)) Object.assign(source, { referringBody: v.sourceBody, referenceNumber: v.sourceNumber });
  if (COURT.has(kind) && v.sourceReceivedOn) source.receivedOn = v.sourceReceivedOn;
  if (kind === 'COURT_ENTRUSTED') source.procedure = v.sourceProcedure;
  return source;
}
