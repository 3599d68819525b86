// The supervised person's home: when the next check-in is due (a live
// countdown, red once overdue), a large "check in now" button, the own
// history with review status, and reminders.
import { gql, OPS } from '../api.js';
import { t, tEnum, fmtDate, fmtDateTime, fmtDuration, isoWithOffset } from '../i18n.js';
import { h, mount, title, cachedQuery, asOf, errorBox, badge, statusBadge, empty, locate, place, announce, busy, isBusy, errorText } from '../ui.js';
import { enqueueAndWait, newClientId, myOutboxItems, onOutboxChange, onSent } from '../store.js';
import { certificateLink } from '../ending.js';
import { checkInNotice, takePhoto } from '../identity.js';
import { checkInQuestions } from '../checkin-questions.js';

// OPS.me: supervisedPersons(first: 1) returns the person's own record for this role.

export async function home(el, ctx) {
  let me = null;
  let meta = null;
  const dueBox = h('section', { class: 'due', 'aria-live': 'polite', testid: 'due' });
  const historyBox = h('section', { class: 'history' });
  const metaBox = h('div');
  const checkButton = h(
    'button',
    { class: 'btn primary huge', type: 'button', testid: 'checkin-now' },
    t('checkin.now'),
  );
  const checkStatus = h('p', { class: 'checkin-status', role: 'status', testid: 'checkin-status' });
  const cameraBox = h('div', { class: 'camera-box', hidden: true, testid: 'camera' });
  const remindersBox = h('div', { class: 'card' });
  // The optional questions sent with the check-in (checkin-questions.js).
  const questions = checkInQuestions();
  const leaveBox = h('div');

  mount(
    el,
    title(t('me.title')),
    metaBox,
    dueBox,
    h('div', { class: 'checkin-wrap' }, checkButton, cameraBox, checkStatus, checkInNotice()),
    questions.el,
    remindersBox,
    leaveBox,
    h('h2', null, t('me.history')),
    historyBox,
  );

  // -- due countdown, refreshed every 30 s while the screen is open
  async function renderDue() {
    if (!me) return;
    const queued = (await myOutboxItems()).filter((i) => i.kind === 'checkIn');
    const pending = queued.filter((i) => i.status !== 'failed');
    const failed = queued.filter((i) => i.status === 'failed');
    const due = me.nextCheckInDue ? new Date(me.nextCheckInDue) : null;
    const now = Date.now();
    let cls = 'due';
    let main;
    let sub = null;
    if (me.status === 'ABSCONDED') {
      // The riskiest state reads as the most urgent, with a way back: report
      // now (the officer is alerted at once) and call the officer.
      cls += ' overdue';
      main = t('me.absconded');
      sub = me.officerPhone
        ? h('a', { class: 'btn block', href: `tel:${me.officerPhone}`, testid: 'call-officer' },
            t('me.callOfficer', { name: me.officer ? me.officer.displayName : '', phone: me.officerPhone }))
        : t('me.contactOffice');
    } else if (me.status !== 'ACTIVE' || !due) {
      main = t('me.noCheckInDue', { status: tEnum('SupervisionStatus', me.status) });
    } else if (me.overdue || due.getTime() + me.checkInPlan.graceHours * 3600000 < now) {
      cls += ' overdue';
      main = t('me.overdueBy', { d: fmtDuration(now - due.getTime()) });
      sub = t('me.dueWas', { time: fmtDateTime(me.nextCheckInDue) });
    } else if (due.getTime() <= now) {
      cls += ' soon';
      main = t('me.dueNow');
      sub = t('me.graceUntil', { time: fmtDateTime(new Date(due.getTime() + me.checkInPlan.graceHours * 3600000).toISOString()) });
    } else {
      main = t('me.dueIn', { d: fmtDuration(due.getTime() - now) });
      sub = t('me.dueAt', { time: fmtDateTime(me.nextCheckInDue) });
      if (due.getTime() - now < 86400000) cls += ' soon';
    }
    // A check-in made offline counts by when it was made: say so.
    if (pending.length) {
      cls = 'due queued';
      sub = t('me.checkedInQueued', { time: fmtDateTime(pending[pending.length - 1].createdAt) });
    }
    dueBox.className = cls;
    mount(
      dueBox,
      h('p', { class: 'due-label' }, t('me.nextCheckIn')),
      h('p', { class: 'due-main', testid: 'due-main' }, main),
      sub ? h('p', { class: 'due-sub' }, sub) : null,
      // A check-in the server refused: say so plainly, and where to see why.
      failed.length
        ? h('p', { class: 'notice error', testid: 'checkin-failed' }, t('me.checkInFailed'), ' ', h('a', { href: '#/outbox' }, t('outbox.open')))
        : null,
    );
  }

  async function renderHistory() {
    if (!me) return;
    const pending = (await myOutboxItems()).filter((i) => i.kind === 'checkIn');
    const rows = [
      ...pending.reverse().map((i) =>
        h(
          'li',
          { class: 'row', testid: 'history-item' },
          h('div', { class: 'row-main' }, h('strong', null, fmtDateTime(i.variables.input.capturedAt)), h('span', { class: 'muted' }, i.variables.input.latitude != null ? t('checkin.withLocation') : t('checkin.noLocation'))),
          i.status === 'failed'
            ? badge(t('outbox.failed'), 'bad')
            : badge(t('outbox.waiting'), 'warn'),
        ),
      ),
      ...me.checkIns.edges.map(({ node: c }) =>
        h(
          'li',
          { class: 'row', testid: 'history-item' },
          h(
            'div',
            { class: 'row-main' },
            h('strong', null, fmtDateTime(c.capturedAt)),
            h('span', { class: 'muted' }, tEnum('CheckInKind', c.kind), c.late ? ' · ' + t('checkin.late') : ''),
            place(c.location),
            c.reviewNote ? h('span', { class: 'note' }, c.reviewNote) : null,
          ),
          statusBadge(c.status),
        ),
      ),
    ];
    mount(historyBox, rows.length ? h('ul', { class: 'list', testid: 'history' }, rows) : empty(t('me.noHistory')));
  }

  function render(data, m) {
    const node = data.supervisedPersons.edges[0]?.node;
    meta = m;
    if (!node) {
      mount(metaBox, empty(t('me.notFound')));
      return;
    }
    me = node;
    mount(
      metaBox,
      h('p', { class: 'lead' }, t('me.hello', { name: me.fullName })),
      me.supervisionEnd ? ended(me.supervisionEnd) : h('p', { class: 'muted' }, t('me.plan', { days: me.checkInPlan.intervalDays, officer: me.officer?.displayName || '—' })),
      asOf(meta.asOf, meta.stale),
    );
    // A refresh while a check-in is on its way must not enable the button again.
    checkButton.disabled = !['ACTIVE', 'ABSCONDED'].includes(me.status) || isBusy(checkButton);
    renderDue();
    renderHistory();
  }

  const load = () =>
    cachedQuery(ctx, 'me', () => gql(OPS.me, {}, { signal: ctx.signal }), render, (err) => mount(metaBox, errorBox(err, load)));
  await load();

  const tick = setInterval(renderDue, 30000);
  ctx.onCleanup(() => clearInterval(tick));
  ctx.onCleanup(onOutboxChange(() => (renderDue(), renderHistory())));
  // When a queued check-in reaches the server, reload the record (new due time).
  ctx.onCleanup(onSent((r) => r.kind === 'checkIn' && load()));

  checkButton.addEventListener('click', () =>
    busy(checkButton, async () => {
      // The time of the tap is the time of the check-in, even if sent later.
      let capturedAt = isoWithOffset(new Date());
      // Identity at check-in: a photo from the camera (null: none could be taken).
      const photo = await takePhoto(cameraBox);
      if (photo === undefined) return;
      if (photo) capturedAt = isoWithOffset(new Date());
      checkStatus.textContent = t('checkin.locating');
      const loc = await locate();
      const input = { clientId: newClientId(), kind: 'SELF_REPORT', capturedAt };
      if (loc) Object.assign(input, loc);
      if (photo) input.photo = photo;
      const wellbeing = questions.answers();
      if (wellbeing) input.wellbeing = wellbeing;
      checkStatus.textContent = t('checkin.sending');
      // The button stays disabled until the server answers (or cannot be
      // reached): a second tap meanwhile would be a second check-in.
      const result = await enqueueAndWait({ op: 'submitCheckIn', query: OPS.submitCheckIn, variables: { input }, kind: 'checkIn', title: t('outbox.kind.checkIn') });
      if (result.failed || result.refused) {
        checkStatus.textContent = t('me.checkInFailed') + ' ' + errorText(result.error);
        announce(checkStatus.textContent, 'error');
        return;
      }
      questions.clear();
      const msg = loc ? t('checkin.saved') : t('checkin.savedNoLocation');
      checkStatus.textContent = result.sent ? msg : msg + ' ' + t('checkin.willSend');
      announce(checkStatus.textContent, 'ok');
    }),
  );

  import('../push.js').then((push) => push.renderReminders(remindersBox, 'SUPERVISED_PERSON', { offButton: false }));
  // Leave is its own module with its own catalogue (pwa/js/screens/leave.js).
  import('../leave.js').then((m) => ctx.alive && m.leaveLink(leaveBox));
}

/** How supervision ended and, after a release, the certificate (法 Art. 44) to download. */
function ended(end) {
  return h('div', { class: 'card', testid: 'me-ended' },
    h('p', null, t('me.ended', { outcome: tEnum('SupervisionStatus', end.outcome), date: fmtDate(end.endedOn) })),
    end.certificateUrl ? h('p', null, t('ending.certificate') + '：', certificateLink(end)) : null);
}
