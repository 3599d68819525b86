// A dispute's hand-offs: where it came from and its deadlines, and the
// records that end or hand it on: a party's refusal (人民调解法 Art. 17), a
// failure with the routes the parties were told of (Art. 26), a police
// report (Art. 25), a court period extended with both parties' consent
// (特邀调解规定 Art. 27). And the list of disputes past their deadline.
// Field records go through the outbox; the extension is a desk write.
import { gql } from '../api.js';
import { t, tEnum, fmtDate, fmtDateTime, fmtList, localInputValue, fromLocalInput, loadArea } from '../i18n.js';
import {
  h, mount, title, field, formValues, formMessage, showFieldErrors, showFormError, busy, announce,
  cachedQuery, asOf, errorBox, badge, empty, facts, showRefused,
} from '../ui.js';
import { newClientId, enqueueAndWait, onSent } from '../store.js';
import OPS from '../operations/screening.js';

await loadArea('screening');

const ROUTES = ['ARBITRATION', 'ADMINISTRATIVE', 'LITIGATION'];
const OPEN = new Set(['OPEN', 'MEDIATING']);
const COURT = new Set(['COURT_DELEGATED', 'COURT_ENTRUSTED']);

function deadlineText(dl) {
  if (!dl) return null;
  return dl.overdue
    ? t('handoffs.overdueBy', { date: fmtDate(dl.dueOn), n: -dl.daysLeft })
    : t('handoffs.dueIn', { date: fmtDate(dl.dueOn), n: dl.daysLeft });
}

function sourceText(s) {
  if (!s) return tEnum('DisputeSourceKind', 'APPLICATION');
  const parts = [tEnum('DisputeSourceKind', s.kind)];
  if (s.referringBody) parts.push(s.referringBody);
  if (s.referenceNumber) parts.push(s.referenceNumber);
  if (s.procedure) parts.push(tEnum('CourtProcedure', s.procedure));
  return parts.join(' · ');
}

// ---------------------------------------------------------------- overdue

export async function overdue(el, ctx) {
  const body = h('div');
  mount(el, title(t('handoffs.overdueTitle')), h('p', { class: 'hint' }, t('handoffs.overdueHint')), body);
  function render(data, meta) {
    const nodes = data.overdueDisputes.edges.map((e) => e.node);
    mount(
      body,
      asOf(meta.asOf, meta.stale),
      nodes.length
        ? h('ul', { class: 'list cards', testid: 'overdue-list' }, nodes.map((d) =>
            h('li', null,
              h('a', { class: 'card-link overdue', href: `#/dispute/${encodeURIComponent(d.id)}/handoff`, testid: 'overdue-item' },
                h('span', { class: 'row-main' },
                  h('strong', null, d.title),
                  h('span', { class: 'muted' }, `${d.referenceNumber} · ${d.orgUnit.name}`),
                  h('span', { class: 'muted' }, sourceText(d.source)),
                  h('span', { class: 'due-text bad' }, deadlineText(d.deadlines))),
                badge(tEnum('DisputeStatus', d.status), 'bad')))))
        : empty(t('handoffs.noneOverdue')),
    );
  }
  const load = () => cachedQuery(ctx, 'overdue', () => gql(OPS.overdueDisputes, {}, { signal: ctx.signal }), render, (err) => mount(body, errorBox(err, load)));
  await load();
}

// ---------------------------------------------------------------- a dispute

export async function disputeHandoff(el, ctx) {
  const id = ctx.params.id;
  const body = h('div');
  mount(el, body);

  function render(data, meta) {
    const d = data.dispute;
    if (!d) return mount(body, title(t('handoffs.title')), errorBox({ code: 'NOT_FOUND' }));
    const dl = d.deadlines;
    const open = OPEN.has(d.status);
    mount(
      body,
      h('p', { class: 'back' }, h('a', { href: `#/dispute/${encodeURIComponent(d.id)}` }, '‹ ' + d.title)),
      title(t('handoffs.title')),
      asOf(meta.asOf, meta.stale),
      h('p', null, badge(tEnum('DisputeStatus', d.status), open ? '' : 'ok'), ' ', h('span', { class: 'muted' }, d.referenceNumber)),
      facts([
        [t('handoffs.source'), sourceText(d.source)],
        [t('handoffs.receivedOn'), d.source && d.source.receivedOn ? fmtDate(d.source.receivedOn) : null],
        [t('handoffs.courtDue'), dl && dl.courtDueOn ? fmtDate(dl.courtDueOn) : null],
        [t('handoffs.normalEnd'), dl ? fmtDate(dl.normalEndOn) : null],
      ]),
      dl && open ? h('p', { class: dl.overdue ? 'notice error' : 'notice', testid: 'handoff-deadline' }, deadlineText(dl)) : null,
      dl && dl.extensions.length
        ? h('ul', { class: 'list', testid: 'extension-list' }, dl.extensions.map((x) =>
            h('li', { class: 'row' }, h('span', { class: 'row-main' }, t('handoffs.extended', { from: fmtDate(x.fromOn), to: fmtDate(x.toOn) }), h('span', { class: 'muted' }, x.note)))))
        : null,
      d.refusal
        ? h('p', { class: 'notice', testid: 'refusal-shown' }, t('handoffs.refused', { name: d.refusal.partyName, time: fmtDateTime(d.refusal.refusedAt) }))
        : null,
      d.failure
        ? h('p', { class: 'notice', testid: 'failure-shown' }, t('handoffs.failed', { time: fmtDateTime(d.failure.failedAt), routes: fmtList(d.failure.routesTold.map((r) => tEnum('LegalRoute', r))) }))
        : null,
      h('h2', null, t('handoffs.policeTitle')),
      d.policeReports.length
        ? h('ul', { class: 'list', testid: 'police-list' }, d.policeReports.map((r) =>
            h('li', { class: 'row', testid: 'police-item' }, h('span', { class: 'row-main' },
              h('strong', null, r.policeBody), h('span', { class: 'muted' }, `${fmtDateTime(r.reportedAt)}${r.reference ? ' · ' + r.reference : ''}`)))))
        : empty(t('handoffs.noPolice')),
      policeForm(d, ctx),
      open && d.source && COURT.has(d.source.kind) && dl && dl.courtDueOn ? extensionForm(d, load) : null,
      open ? failureForm(d, ctx) : null,
      open ? refusalForm(d, ctx) : null,
    );
  }
  const load = () => cachedQuery(ctx, 'handoff:' + id, () => gql(OPS.handoffs, { id }, { signal: ctx.signal }), render, (err) => mount(body, title(t('handoffs.title')), errorBox(err, load)));
  ctx.onCleanup(onSent((r) => r.kind === 'visit' && load()));
  await load();
}

/** A field record for the outbox: sent now, or kept on the phone until there is a network. */
function fieldWrite(form, ctx, d, op, query, input, label) {
  busy(form.querySelector('[type=submit]'), async () => {
    const result = await enqueueAndWait({ op, query, variables: { input }, kind: 'visit', title: `${label} · ${d.title}`, ref: d.id });
    if (result.refused || result.failed) return ctx.alive && showRefused(form, result.error, {});
    announce(result.sent ? t('handoffs.saved') : t('handoffs.savedOffline'), 'ok');
    form.reset();
  });
}

function policeForm(d, ctx) {
  const form = h('form', { class: 'form card', novalidate: true, testid: 'police-form' },
    h('h3', null, t('handoffs.policeAdd')),
    h('p', { class: 'hint' }, t('handoffs.policeHint')),
    field({ label: t('handoffs.reportedAt'), name: 'reportedAt', type: 'datetime-local', required: true, value: localInputValue(), max: localInputValue(), testid: 'police-when' }),
    field({ label: t('handoffs.policeBody'), name: 'policeBody', required: true, maxlength: 100, testid: 'police-body' }),
    field({ label: t('handoffs.reference'), name: 'reference', maxlength: 64, testid: 'police-reference' }),
    field({ label: t('handoffs.note'), name: 'note', type: 'textarea', rows: 2, testid: 'police-note' }),
    formMessage(),
    h('button', { class: 'btn', type: 'submit', testid: 'police-submit' }, t('handoffs.policeSubmit')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = formValues(form);
    const problems = [];
    if (!v.reportedAt) problems.push(['reportedAt', t('screening.required')]);
    if (!v.policeBody) problems.push(['policeBody', t('screening.required')]);
    if (showFieldErrors(form, problems)) return;
    const input = {
      clientId: newClientId(), disputeId: d.id, reportedAt: fromLocalInput(v.reportedAt), policeBody: v.policeBody,
      ...(v.reference ? { reference: v.reference } : {}), ...(v.note ? { note: v.note } : {}),
    };
    fieldWrite(form, ctx, d, 'reportToPolice', OPS.reportToPolice, input, t('handoffs.policeTitle'));
  });
  return form;
}

function failureForm(d, ctx) {
  const form = h('form', { class: 'form card', novalidate: true, testid: 'failure-form' },
    h('h3', null, t('handoffs.failureTitle')),
    h('p', { class: 'hint' }, t('handoffs.failureHint')),
    field({ label: t('handoffs.failedAt'), name: 'failedAt', type: 'datetime-local', required: true, value: localInputValue(), max: localInputValue(), testid: 'failure-when' }),
    h('fieldset', { class: 'field', 'data-field': 'routesTold' }, h('legend', null, t('handoffs.routesTold')),
      ROUTES.map((r) => h('div', { class: 'field check' },
        h('input', { type: 'checkbox', id: `route-${r}`, name: 'routesTold', value: r, 'data-group': '1', testid: `failure-route-${r}` }),
        h('label', { for: `route-${r}` }, tEnum('LegalRoute', r))))),
    field({ label: t('handoffs.note'), name: 'note', type: 'textarea', rows: 2, testid: 'failure-note' }),
    formMessage(),
    h('button', { class: 'btn', type: 'submit', testid: 'failure-submit' }, t('handoffs.failureSubmit')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = formValues(form);
    if (!v.routesTold.length) return showFieldErrors(form, [[form.querySelector('[name=routesTold]'), t('handoffs.routesRequired')]]);
    const input = { clientId: newClientId(), disputeId: d.id, failedAt: fromLocalInput(v.failedAt), routesTold: v.routesTold, ...(v.note ? { note: v.note } : {}) };
    fieldWrite(form, ctx, d, 'recordMediationFailure', OPS.recordMediationFailure, input, t('handoffs.failureTitle'));
  });
  return form;
}

function refusalForm(d, ctx) {
  const form = h('form', { class: 'form card', novalidate: true, testid: 'refusal-form' },
    h('h3', null, t('handoffs.refusalTitle')),
    h('p', { class: 'hint' }, t('handoffs.refusalHint')),
    field({ label: t('handoffs.party'), name: 'partyName', type: 'select', options: d.parties.map((p) => [p.name, `${p.name} (${tEnum('PartyRole', p.role)})`]), testid: 'refusal-party' }),
    field({ label: t('handoffs.refusedAt'), name: 'refusedAt', type: 'datetime-local', required: true, value: localInputValue(), max: localInputValue(), testid: 'refusal-when' }),
    field({ label: t('handoffs.note'), name: 'note', type: 'textarea', rows: 2, testid: 'refusal-note' }),
    field({ label: t('handoffs.refusalConfirm'), name: 'confirm', type: 'checkbox', testid: 'refusal-confirm' }),
    formMessage(),
    h('button', { class: 'btn bad', type: 'submit', testid: 'refusal-submit' }, t('handoffs.refusalSubmit')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = formValues(form);
    if (!v.confirm) return showFieldErrors(form, [['confirm', t('handoffs.confirmRequired')]]);
    const input = { clientId: newClientId(), disputeId: d.id, partyName: v.partyName, refusedAt: fromLocalInput(v.refusedAt), ...(v.note ? { note: v.note } : {}) };
    fieldWrite(form, ctx, d, 'recordRefusal', OPS.recordRefusal, input, t('handoffs.refusalTitle'));
  });
  return form;
}

function extensionForm(d, reload) {
  const form = h('form', { class: 'form card', novalidate: true, testid: 'extension-form' },
    h('h3', null, t('handoffs.extensionTitle')),
    field({ label: t('handoffs.newDueOn'), name: 'newDueOn', type: 'date', required: true, min: d.deadlines.courtDueOn, testid: 'extension-date' }),
    field({ label: t('handoffs.consent'), name: 'partiesConsented', type: 'checkbox', testid: 'extension-consent' }),
    field({ label: t('handoffs.consentNote'), name: 'note', type: 'textarea', rows: 2, required: true, testid: 'extension-note' }),
    formMessage(),
    h('button', { class: 'btn', type: 'submit', testid: 'extension-submit' }, t('handoffs.extensionSubmit')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = formValues(form);
    const problems = [];
    if (!v.newDueOn) problems.push(['newDueOn', t('screening.required')]);
    if (!v.partiesConsented) problems.push(['partiesConsented', t('handoffs.consentRequired')]);
    if (!v.note) problems.push(['note', t('screening.required')]);
    if (showFieldErrors(form, problems)) return;
    busy(form.querySelector('[type=submit]'), async () => {
      try {
        await gql(OPS.recordDeadlineExtension, { input: { disputeId: d.id, newDueOn: v.newDueOn, partiesConsented: true, note: v.note } });
        announce(t('handoffs.saved'), 'ok');
        reload();
      } catch (err) {
        showFormError(form, err);
      }
    });
  });
  return form;
}
