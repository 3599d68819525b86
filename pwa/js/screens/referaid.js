// Starting a legal-aid request for someone else, prefilled from the record
// it comes from: an officer for a supervised person (社区矫正法 Art. 43), a
// mediator for a party of a failed mediation (人民调解法 Art. 26). The
// request waits for the person's confirmation (referrals, schema/legal_aid).
import { gql } from '../api.js';
import { t, tEnum, loadArea } from '../i18n.js';
import { h, mount, title, field, busy, errorBox, errorText, showFieldError, formValues, loading } from '../ui.js';
import { newClientId } from '../store.js';
import ops from '../operations/referaid.js';

await loadArea('referaid');

const MATTERS = ['WAGE_ARREARS', 'WORK_INJURY', 'SOCIAL_INSURANCE', 'FAMILY_SUPPORT', 'MARRIAGE_FAMILY', 'DOMESTIC_VIOLENCE',
  'PERSONAL_INJURY', 'STATE_COMPENSATION', 'CRIMINAL_DEFENSE', 'ADMINISTRATIVE', 'OTHER_CIVIL'];
const SOURCES = { person: 'CORRECTIONS', dispute: 'MEDIATION' };

export async function referAid(el, ctx) {
  const source = SOURCES[ctx.params.source];
  const id = ctx.params.id;
  mount(el, title(t('referaid.title')), loading());
  let subject;
  let centres;
  try {
    const [s, c] = await Promise.all([
      source === 'CORRECTIONS' ? gql(ops.person, { id }).then((d) => d.supervisedPerson) : gql(ops.dispute, { id }).then((d) => d.dispute),
      gql(ops.centres).then((d) => d.legalAidCenters),
    ]);
    subject = s;
    centres = c;
  } catch (err) {
    return mount(el, title(t('referaid.title')), errorBox(err));
  }
  if (!source || !subject) return mount(el, title(t('referaid.title')), errorBox({ code: 'NOT_FOUND' }));
  if (source === 'MEDIATION' && subject.status !== 'FAILED') {
    return mount(el, title(t('referaid.title')), h('p', { class: 'notice', testid: 'referaid-not-failed' }, t('referaid.notFailed')));
  }
  const parties = source === 'MEDIATION' ? subject.parties : [];
  const submit = h('button', { class: 'btn primary', type: 'submit', testid: 'referaid-submit' }, t('referaid.submit'));
  const result = h('div', { role: 'status' });
  const form = h('form', { novalidate: true, testid: 'referaid-form' },
    source === 'CORRECTIONS'
      ? h('p', { testid: 'referaid-for' }, t('referaid.for', { name: subject.fullName }))
      : field({ label: t('referaid.party'), name: 'partyPosition', type: 'select', required: true, testid: 'referaid-party',
          options: parties.map((p, i) => [String(i), `${p.name}（${tEnum('PartyRole', p.role)}）`]) }),
    // The person's phone, to tell them of the request and its decisions: the
    // record's when it has one, else typed here.
    field({ label: t('referaid.phone'), name: 'personPhone', type: 'tel', required: true, testid: 'referaid-phone',
      value: source === 'CORRECTIONS' ? subject.phone || '' : (parties[0] && parties[0].phone) || '' }),
    field({ label: t('referaid.centre'), name: 'orgUnitId', type: 'select', required: true, testid: 'referaid-centre',
      options: centres.map((u) => [u.id, u.name]) }),
    field({ label: t('referaid.matter'), name: 'matter', type: 'select', required: true, testid: 'referaid-matter',
      options: [['', '—'], ...MATTERS.map((m) => [m, tEnum('LegalAidMatter', m)])] }),
    field({ label: t('referaid.description'), name: 'description', type: 'textarea', required: true, maxlength: 2000, testid: 'referaid-description' }),
    field({ label: t('referaid.household'), name: 'householdSize', type: 'number', min: 1, value: '1', required: true, testid: 'referaid-household' }),
    field({ label: t('referaid.income'), name: 'monthlyHouseholdIncome', type: 'number', min: 0, step: '0.01', required: true, testid: 'referaid-income' }),
    submit);
  if (source === 'MEDIATION') {
    form.elements.partyPosition.addEventListener('change', () => {
      const party = parties[parseInt(form.elements.partyPosition.value, 10)];
      form.elements.personPhone.value = (party && party.phone) || '';
    });
  }
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    busy(submit, async () => {
      const v = formValues(form);
      const missing = ['personPhone', 'matter', 'description', 'monthlyHouseholdIncome'].filter((n) => !v[n]);
      if (missing.length) return showFieldError(form, missing[0], t('form.required'));
      try {
        const made = (await gql(ops.refer, { input: {
          clientId: newClientId(), source, sourceId: id, orgUnitId: v.orgUnitId, matter: v.matter,
          description: v.description, personPhone: v.personPhone, householdSize: parseInt(v.householdSize, 10),
          monthlyHouseholdIncome: Number(v.monthlyHouseholdIncome).toFixed(2),
          ...(source === 'MEDIATION' ? { partyPosition: parseInt(v.partyPosition, 10) } : {}),
        } })).referLegalAid;
        form.hidden = true;
        mount(result, h('p', { class: 'notice ok', testid: 'referaid-done' }, t('referaid.done', { name: made.personName })),
          h('a', { class: 'btn', href: `#/referral/${encodeURIComponent(made.id)}` }, t('referaid.open')));
      } catch (err) {
        const name = { personPhone: 'personPhone', orgUnitId: 'orgUnitId', matter: 'matter', description: 'description', householdSize: 'householdSize', monthlyHouseholdIncome: 'monthlyHouseholdIncome', partyPosition: 'partyPosition' }[(err.field || '').replace(/^input\./, '')];
        if (!showFieldError(form, name || null, errorText(err))) mount(result, h('p', { class: 'notice error' }, errorText(err)));
      }
    });
  });
  mount(el, title(t('referaid.title')), h('p', { class: 'muted' }, t('referaid.intro')), form, result);
}
