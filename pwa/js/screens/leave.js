// The leave screens: the person's requests and return (through the outbox),
// and the staff's list of requests waiting for a decision. What they share
// with the person page is in ../leave.js.
import { gql } from '../api.js';
import { t, tEnum, isoWithOffset, dateInputValue } from '../i18n.js';
import {
  h, mount, title, field, formValues, formMessage, busy, announce, cachedQuery, asOf, errorBox, empty, badge,
  enumOptions, showFieldErrors, showRefused, keepDraft, errorText,
} from '../ui.js';
import { newClientId, enqueueAndWait, myOutboxItems, onSent, onOutboxChange } from '../store.js';
import { OPS, KINDS, nodes, statusBadge, smallPhoto, leaveFacts, staffLeaveItem } from '../leave.js';

export async function myLeave(el, ctx) {
  const today = dateInputValue();
  const form = h('form', { class: 'form', novalidate: true, testid: 'leave-form' },
    field({ label: t('leave.kind'), name: 'kind', type: 'select', options: enumOptions('LeaveKind', KINDS, tEnum), value: 'LEAVE', testid: 'leave-kind' }),
    field({ label: t('leave.startsOn'), name: 'startsOn', type: 'date', required: true, min: today, testid: 'leave-start' }),
    field({ label: t('leave.endsOn'), name: 'endsOn', type: 'date', required: true, min: today, testid: 'leave-end' }),
    field({ label: t('leave.destination'), name: 'destination', required: true, maxlength: 200, testid: 'leave-destination' }),
    field({ label: t('leave.reason'), name: 'reason', type: 'textarea', required: true, maxlength: 2000, testid: 'leave-reason' }),
    field({ label: t('leave.photo'), name: 'photo', type: 'file', accept: 'image/*', hint: t('leave.photoHint'), 'data-nodraft': true, testid: 'leave-photo' }),
    formMessage(),
    h('button', { class: 'btn primary block', type: 'submit', testid: 'leave-submit' }, t('leave.submit')));
  const listBox = h('div');
  mount(el, title(t('leave.title')), h('p', { class: 'muted' }, t('leave.intro')), form, h('h2', null, t('leave.mine')), listBox);
  const endField = form.elements.endsOn.closest('.field');
  const kindChanged = () => { endField.hidden = form.elements.kind.value !== 'LEAVE'; };
  form.elements.kind.addEventListener('change', kindChanged);
  const draft = await keepDraft(form, 'leave');
  kindChanged();
  if (draft.draft && draft.draft.error) showRefused(form, draft.draft.error, { evidencePhoto: 'photo' });

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = formValues(form);
    const leave = v.kind === 'LEAVE';
    const problems = [];
    for (const name of ['startsOn', 'destination', 'reason', ...(leave ? ['endsOn'] : [])]) {
      if (!v[name]) problems.push([name, t('form.required')]);
    }
    if (leave && v.startsOn && v.endsOn && v.endsOn < v.startsOn) problems.push(['endsOn', t('leave.endBeforeStart')]);
    if (showFieldErrors(form, problems)) return;
    busy(form.querySelector('[type=submit]'), async () => {
      const file = form.elements.photo.files[0];
      const photo = file ? await smallPhoto(file) : null;
      if (file && !photo) return showFieldErrors(form, [['photo', t('leave.photoTooLarge')]]);
      const input = {
        clientId: newClientId(),
        kind: v.kind,
        startsOn: v.startsOn,
        ...(leave ? { endsOn: v.endsOn } : {}),
        destination: v.destination,
        reason: v.reason,
        capturedAt: isoWithOffset(),
        ...(photo ? { evidencePhoto: photo } : {}),
      };
      const sent = await enqueueAndWait({
        op: 'requestLeave', query: OPS.requestLeave, variables: { input }, kind: 'leave', title: t('leave.outboxRequest'),
        draft: { key: 'leave', route: '/leave', values: draft.values() },
      });
      if (sent.refused || sent.failed) return ctx.alive && showRefused(form, sent.error, { evidencePhoto: 'photo' });
      await draft.clear();
      if (!ctx.alive) return;
      form.reset();
      kindChanged();
      announce(t(sent.sent ? 'leave.sent' : 'leave.savedOffline'), 'ok');
      load();
    });
  });

  const backButton = (l) =>
    h('button', {
      class: 'btn small', type: 'button', testid: 'leave-back',
      onclick: (ev) => busy(ev.currentTarget, async () => {
        const input = { clientId: newClientId(), leaveId: l.id, returnedAt: isoWithOffset() };
        const sent = await enqueueAndWait({ op: 'reportReturn', query: OPS.reportReturn, variables: { input }, kind: 'leaveReturn', title: t('leave.outboxReturn'), ref: l.id });
        if (!ctx.alive) return;
        if (sent.failed || sent.refused) return announce(errorText(sent.error), 'error');
        announce(t(sent.sent ? 'leave.backSent' : 'leave.backQueued'), 'ok');
        load();
      }),
    }, t('leave.back'));

  // What this screen shows as waiting on the phone: once gone from the outbox
  // (sent by the page or by the service worker), the list is read again.
  let shownQueued = new Set();
  async function render(data, meta) {
    const queued = (await myOutboxItems()).filter((i) => i.kind === 'leave' || i.kind === 'leaveReturn');
    shownQueued = new Set(queued.map((i) => i.clientId));
    const returning = new Set(queued.filter((i) => i.kind === 'leaveReturn').map((i) => String(i.ref)));
    if (!ctx.alive) return;
    const rows = [
      ...queued.filter((i) => i.kind === 'leave').map((i) =>
        h('li', { class: 'row', testid: 'leave-item' },
          leaveFacts({ ...i.variables.input, level: null }),
          badge(t(i.status === 'failed' ? 'outbox.failed' : 'outbox.waiting'), i.status === 'failed' ? 'bad' : 'warn'))),
      ...nodes(data.leaveRequests).map((l) =>
        h('li', { class: 'row wrap', testid: 'leave-item', 'data-status': l.status },
          leaveFacts(l),
          statusBadge('LeaveStatus', l.status),
          l.status === 'APPROVED' && l.kind === 'LEAVE' && !returning.has(String(l.id))
            ? h('div', { class: 'actions' }, backButton(l))
            : null)),
    ];
    mount(listBox, asOf(meta.asOf, meta.stale), rows.length ? h('ul', { class: 'list', testid: 'leave-list' }, rows) : empty(t('leave.none')));
  }
  const load = () => cachedQuery(ctx, 'leave:me', () => gql(OPS.myLeave, {}, { signal: ctx.signal }), render, (err) => mount(listBox, errorBox(err, load)));
  ctx.onCleanup(onSent(() => ctx.alive && load()));
  ctx.onCleanup(onOutboxChange((items) => {
    const left = new Set(items.map((i) => i.clientId));
    if (ctx.alive && [...shownQueued].some((id) => !left.has(id))) load();
  }));
  await load();
}

export async function decisions(el, ctx) {
  const listBox = h('div');
  mount(el, title(t('leave.decisions')), h('p', { class: 'muted' }, t('leave.decisionsIntro')), listBox);
  const render = (data, meta) => {
    const rows = nodes(data.leaveRequests).map((l) => staffLeaveItem(l, load, true));
    mount(listBox, asOf(meta.asOf, meta.stale), rows.length ? h('ul', { class: 'list', testid: 'leave-list' }, rows) : empty(t('leave.noPending')));
  };
  const load = () => cachedQuery(ctx, 'leave:pending', () => gql(OPS.pendingLeave, {}, { signal: ctx.signal }), render, (err) => mount(listBox, errorBox(err, load)));
  await load();
}

