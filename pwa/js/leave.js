// Leave (外出) and change of residence (迁居), 社区矫正法 Art. 27, and the
// violations, sanctions and praise of 考核奖惩 (Art. 28): what the leave
// screens (screens/leave.js) and the other screens that show them (the
// person's home, the person page) share. It brings the area's catalogue.
import { gql } from './api.js';
import { t, tEnum, fmtDate, fmtDateTime, dateInputValue, loadArea } from './i18n.js';
import {
  h, mount, field, formValues, formMessage, busy, announce, errorBox, empty, badge,
  enumOptions, showFieldErrors, showFormError,
} from './ui.js';
import { getSession } from './store.js';
import OPS from './operations/leave.js';

await loadArea('leave');

export { OPS };

export const KINDS = ['LEAVE', 'RESIDENCE_CHANGE'];
const VIOLATION_KINDS = ['MINOR_BREACH', 'SERIOUS_BREACH', 'GRAVE_BREACH', 'LATE_REPORT', 'ABSCONDED', 'MISSED_REPORT', 'LATE_RETURN'];
const DAY_COUNTED = new Set(['LATE_REPORT', 'ABSCONDED']);
const MEASURES = ['ADMONITION', 'WARNING', 'REVOCATION_PROPOSAL'];
// The server takes a proof of a few hundred KB at most (api/domain/corrections/leave.py).
const PHOTO_MAX_BYTES = 280 * 1024;
const PHOTO_MAX_SIDE = 1280;
const STATUS_KIND = { PENDING: 'warn', APPROVED: 'ok', RETURNED: 'ok', REFUSED: 'bad', PROPOSED: 'warn' };

export const statusBadge = (type, s) => badge(tEnum(type, s), STATUS_KIND[s] || '');
export const nodes = (c) => c.edges.map((e) => e.node);

/** A picture made smaller on the phone: a JPEG data: URL under the server's limit, or null. */
export async function smallPhoto(file) {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, PHOTO_MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  for (const quality of [0.8, 0.6, 0.4]) {
    const url = canvas.toDataURL('image/jpeg', quality);
    if ((url.length - url.indexOf(',') - 1) * 0.75 <= PHOTO_MAX_BYTES) return url;
  }
  return null;
}

export function leaveFacts(l) {
  const when = l.kind === 'LEAVE' ? `${fmtDate(l.startsOn)} – ${fmtDate(l.endsOn)}` : fmtDate(l.startsOn);
  return h('div', { class: 'row-main' },
    h('strong', null, `${tEnum('LeaveKind', l.kind)} · ${when}`),
    h('span', null, l.destination, l.days ? ' · ' + t('leave.days', { n: l.days }) : ''),
    h('span', { class: 'muted' }, l.reason),
    h('span', { class: 'muted', testid: 'leave-level' }, t('leave.decidedBy', { level: tEnum('LeaveLevel', l.level) }),
      l.windowDays && l.windowDays !== l.days ? ' · ' + t('leave.window', { n: l.windowDays }) : ''),
    l.decisionNote ? h('span', { class: 'note' }, t('leave.note', { note: l.decisionNote })) : null,
    l.approvingBody ? h('span', { class: 'muted' }, l.approvingBody) : null,
    l.returnedAt ? h('span', { class: 'muted' }, t('leave.returned', { time: fmtDateTime(l.returnedAt) })) : null,
    l.returnLate ? badge(t('leave.late'), 'bad') : null);
}

/** The link on the person's home (pwa/js/screens/person.js). */
export function leaveLink(box) {
  mount(box, h('a', { class: 'btn block', href: '#/leave', testid: 'goto-leave' }, t('leave.open')));
}

// ------------------------------------------------------------------ staff: leave decisions

function decideForm(l, done) {
  const form = h('form', { class: 'form inline', novalidate: true, testid: 'leave-decide' },
    field({ label: t('leave.decisionNote'), name: 'note', type: 'textarea', rows: 2, maxlength: 2000, testid: 'leave-note' }),
    l.level === 'ABOVE'
      ? field({ label: t('leave.approvingBody'), name: 'approvingBody', hint: t('leave.approvingBodyHint'), maxlength: 100, testid: 'leave-approving-body' })
      : null,
    formMessage(),
    h('div', { class: 'actions' },
      h('button', { class: 'btn primary', type: 'submit', value: 'approve', testid: 'leave-approve' }, t('leave.approve')),
      h('button', { class: 'btn', type: 'submit', value: 'refuse', testid: 'leave-refuse' }, t('leave.refuse'))));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const button = e.submitter || form.querySelector('[type=submit]');
    const approve = button.value === 'approve';
    const v = formValues(form);
    if (!approve && !v.note) return showFieldErrors(form, [['note', t('form.required')]]);
    busy(button, async () => {
      try {
        const input = { leaveId: l.id, approve, ...(v.note ? { note: v.note } : {}), ...(v.approvingBody ? { approvingBody: v.approvingBody } : {}) };
        await gql(OPS.decideLeave, { input });
        announce(t('action.saved'), 'ok');
        done();
      } catch (err) {
        showFormError(form, err);
      }
    });
  });
  return form;
}

function evidence(l) {
  return l.evidencePhoto
    ? h('figure', { class: 'evidence' }, h('img', { src: l.evidencePhoto, alt: t('leave.evidence'), testid: 'leave-evidence', width: 160 }))
    : null;
}

// The county centre's supervisors decide every level (the level above's as
// recorded); an office's staff only the office's (leave_rules.py).
const mayDecide = (l) => l.level === 'OFFICE' || getSession()?.viewer?.orgUnit?.kind === 'CORRECTION_CENTER';

export function staffLeaveItem(l, reload, withPerson = false) {
  const pending = l.status === 'PENDING';
  return h('li', { class: 'row wrap', testid: 'leave-item', 'data-status': l.status },
    withPerson && l.person ? h('a', { href: `#/person/${encodeURIComponent(l.person.id)}` }, l.person.fullName) : null,
    leaveFacts(l),
    statusBadge('LeaveStatus', l.status),
    evidence(l),
    pending && mayDecide(l) ? decideForm(l, reload) : null,
    pending && !mayDecide(l) ? h('p', { class: 'muted', testid: 'leave-county' }, t('leave.countyDecides')) : null);
}

// ------------------------------------------------------------------ staff: the person page

function violationItem(v) {
  return h('li', { class: 'row wrap', testid: 'violation-item' },
    v.sanctionId ? null : h('input', { type: 'checkbox', name: 'violationIds', value: v.id, 'data-group': '1', 'aria-label': t('violation.choose'), testid: 'violation-choose' }),
    h('div', { class: 'row-main' },
      h('strong', null, `${fmtDate(v.occurredOn)} · ${tEnum('ViolationKind', v.kind)}`, v.days != null ? ' · ' + t('leave.days', { n: v.days }) : ''),
      h('span', null, v.facts),
      h('span', { class: 'muted', testid: 'violation-suggested' }, t('discipline.suggested', { measure: tEnum('SanctionMeasure', v.suggestedMeasure) }), ' — ', v.suggestionBasis),
      v.byApp ? h('span', { class: 'muted' }, t('discipline.byApp')) : null));
}

function sanctionItem(s, reload, county) {
  const form = county && s.status === 'PROPOSED' ? sanctionDecideForm(s, reload) : null;
  return h('li', { class: 'row wrap', testid: 'sanction-item', 'data-status': s.status },
    h('div', { class: 'row-main' },
      h('strong', null, tEnum('SanctionMeasure', s.measure)),
      h('span', null, s.facts),
      s.overrideReason && s.measure !== s.suggestedMeasure
        ? h('span', { class: 'muted' }, t('sanction.overridden', { suggested: tEnum('SanctionMeasure', s.suggestedMeasure), reason: s.overrideReason }))
        : null,
      s.decisionNote ? h('span', { class: 'note' }, s.decisionNote) : null,
      s.decisionUrl ? h('a', { href: s.decisionUrl, testid: 'sanction-pdf', target: '_blank', rel: 'noopener' }, t('sanction.decision')) : null,
      s.revocationProposalId ? h('span', { class: 'muted' }, t('sanction.handedOn')) : null),
    statusBadge('SanctionStatus', s.status),
    form);
}

function sanctionDecideForm(s, done) {
  const form = h('form', { class: 'form inline', novalidate: true, testid: 'sanction-decide' },
    field({ label: t('sanction.note'), name: 'note', type: 'textarea', rows: 2, maxlength: 2000, testid: 'sanction-note' }),
    s.measure === 'REVOCATION_PROPOSAL' ? field({ label: t('sanction.decidingBody'), name: 'decidingBody', maxlength: 100, testid: 'sanction-body' }) : null,
    formMessage(),
    h('div', { class: 'actions' },
      h('button', { class: 'btn primary', type: 'submit', value: 'approve', testid: 'sanction-approve' }, t('sanction.approve')),
      h('button', { class: 'btn', type: 'submit', value: 'refuse', testid: 'sanction-refuse' }, t('sanction.refuse'))));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const button = e.submitter || form.querySelector('[type=submit]');
    const approve = button.value === 'approve';
    const v = formValues(form);
    if (!approve && !v.note) return showFieldErrors(form, [['note', t('form.required')]]);
    busy(button, async () => {
      try {
        const input = {
          sanctionId: s.id, approve, decidedOn: dateInputValue(), ...(v.note ? { note: v.note } : {}),
          ...(v.decidingBody ? { revocation: { decidingBodyType: 'COURT', decidingBody: v.decidingBody } } : {}),
        };
        await gql(OPS.decideSanction, { input });
        announce(t('action.saved'), 'ok');
        done();
      } catch (err) {
        showFormError(form, err);
      }
    });
  });
  return form;
}

function onlineForm(testid, fields, submitLabel, send) {
  const form = h('form', { class: 'form', novalidate: true, testid }, fields, formMessage(),
    h('button', { class: 'btn primary', type: 'submit', testid: `${testid}-submit` }, submitLabel));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = formValues(form);
    const problems = [...form.querySelectorAll('[required]')].filter((i) => !i.value.trim()).map((i) => [i.name, t('form.required')]);
    if (showFieldErrors(form, problems)) return;
    busy(form.querySelector('[type=submit]'), async () => {
      try {
        await send(v, form);
        announce(t('action.saved'), 'ok');
      } catch (err) {
        showFormError(form, err);
      }
    });
  });
  return form;
}

/** The person page's section (pwa/js/screens/officer.js): leave, violations, sanctions, praise. */
export async function personSection(box, personId, ctx) {
  const county = getSession()?.viewer?.orgUnit?.kind === 'CORRECTION_CENTER';
  const load = async () => {
    let data;
    try {
      data = await gql(OPS.personRecord, { id: personId }, { signal: ctx.signal });
    } catch (err) {
      if (ctx.alive && err.name !== 'AbortError') mount(box, errorBox(err, load));
      return;
    }
    if (!ctx.alive) return;
    const violations = nodes(data.violations);
    const open = violations.filter((v) => !v.sanctionId);
    const propose = onlineForm('sanction-form', [
      h('ul', { class: 'list', testid: 'violation-list' }, violations.map(violationItem)),
      open.length
        ? [
            field({ label: t('sanction.measure'), name: 'measure', type: 'select', testid: 'sanction-measure',
              options: [['', t('sanction.suggestedOption', { measure: tEnum('SanctionMeasure', strongest(open)) })], ...enumOptions('SanctionMeasure', MEASURES, tEnum)] }),
            field({ label: t('sanction.overrideReason'), name: 'overrideReason', type: 'textarea', rows: 2, maxlength: 2000, testid: 'sanction-reason' }),
            field({ label: t('sanction.facts'), name: 'facts', type: 'textarea', required: true, maxlength: 5000, testid: 'sanction-facts' }),
          ]
        : null,
    ], t('sanction.submit'), async (v, form) => {
      const ids = v.violationIds || [];
      if (!ids.length) throw { message: t('sanction.chooseViolations'), code: 'BAD_USER_INPUT' };
      await gql(OPS.proposeSanction, { input: { personId, violationIds: ids, facts: v.facts, ...(v.measure ? { measure: v.measure } : {}), ...(v.overrideReason ? { overrideReason: v.overrideReason } : {}) } });
      form.reset();
      load();
    });
    if (!open.length) propose.querySelector('[type=submit]').hidden = true;
    const record = onlineForm('violation-form', [
      field({ label: t('violation.kind'), name: 'kind', type: 'select', options: enumOptions('ViolationKind', VIOLATION_KINDS, tEnum), testid: 'violation-kind' }),
      field({ label: t('violation.occurredOn'), name: 'occurredOn', type: 'date', required: true, max: dateInputValue(), value: dateInputValue(), testid: 'violation-date' }),
      field({ label: t('violation.days'), name: 'days', type: 'number', min: 0, inputmode: 'numeric', testid: 'violation-days' }),
      field({ label: t('violation.facts'), name: 'facts', type: 'textarea', required: true, maxlength: 5000, testid: 'violation-facts' }),
    ], t('violation.save'), async (v) => {
      const days = DAY_COUNTED.has(v.kind) && v.days !== '' ? Number(v.days) : null;
      await gql(OPS.recordViolation, { input: { personId, kind: v.kind, occurredOn: v.occurredOn, facts: v.facts, ...(days !== null ? { days } : {}) } });
      load();
    });
    const praise = onlineForm('praise-form', [
      field({ label: t('praise.on'), name: 'on', type: 'date', required: true, max: dateInputValue(), value: dateInputValue(), testid: 'praise-date' }),
      field({ label: t('praise.facts'), name: 'facts', type: 'textarea', required: true, maxlength: 5000, testid: 'praise-facts' }),
    ], t('praise.save'), async (v) => {
      await gql(OPS.recordPraise, { id: personId, on: v.on, facts: v.facts });
      load();
    });
    const leave = nodes(data.leaveRequests);
    const sanctions = nodes(data.sanctions);
    const praises = nodes(data.praises);
    mount(box,
      h('h2', null, t('discipline.leave')),
      leave.length ? h('ul', { class: 'list', testid: 'person-leave' }, leave.map((l) => staffLeaveItem(l, load))) : empty(t('leave.none')),
      h('h2', null, t('discipline.violations')),
      violations.length ? propose : empty(t('discipline.noViolations')),
      h('details', { class: 'card' }, h('summary', { testid: 'violation-open' }, t('violation.record')), record),
      h('h2', null, t('discipline.sanctions')),
      sanctions.length ? h('ul', { class: 'list', testid: 'sanction-list' }, sanctions.map((s) => sanctionItem(s, load, county))) : empty(t('discipline.noSanctions')),
      h('h2', null, t('discipline.praises')),
      praises.length
        ? h('ul', { class: 'list', testid: 'praise-list' }, praises.map((p) => h('li', { class: 'row' }, h('div', { class: 'row-main' }, h('strong', null, fmtDate(p.praisedOn)), h('span', null, p.facts)))))
        : empty(t('discipline.noPraises')),
      h('details', { class: 'card' }, h('summary', { testid: 'praise-open' }, t('praise.record')), praise));
  };
  await load();
}

const strongest = (violations) => MEASURES[Math.max(...violations.map((v) => MEASURES.indexOf(v.suggestedMeasure)))];
