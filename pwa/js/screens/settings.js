// Settings (language, reminders, sign-out) and the outbox: what waits to be
// sent, what failed and why, with retry and discard.
import { gql, OPS } from '../api.js';
import { t, tEnum, getLocale, LOCALES, fmtDateTime, fmtRelative, hasMessage } from '../i18n.js';
import { h, mount, title, busy, announce, badge, empty, errorText, returnedNotice } from '../ui.js';
import { myOutboxItems, outboxItems, onOutboxChange, discard, retry, flushOutbox, getSession, endSession, returnedDrafts } from '../store.js';

const LANG_NAMES = { 'zh-CN': '中文（简体）', en: 'English' };

export async function settings(el, ctx) {
  const v = ctx.viewer;
  const lang = h('select', { id: 'settings-lang', testid: 'settings-language' },
    LOCALES.map((l) => h('option', { value: l, lang: l, selected: l === getLocale() }, LANG_NAMES[l])));
  lang.addEventListener('change', () => ctx.changeLocale(lang.value));

  const reminders = h('div', { testid: 'settings-reminders' });
  const signOutBox = h('div');
  // Text messages: the card and its strings come with their own module (phone.js).
  const textsTitle = h('h2');
  const texts = h('div');
  // One's password and sessions (account.js), the same way.
  const passwordTitle = h('h2');
  const password = h('div');
  const sessionsTitle = h('h2');
  const sessions = h('div');
  const signOut = h('button', { class: 'btn block', type: 'button', testid: 'signout' }, t('settings.signOut'));

  mount(
    el,
    title(t('settings.title')),
    h('section', { class: 'card' },
      h('h2', null, t('settings.account')),
      h('p', { testid: 'settings-user' }, h('strong', null, v.displayName), ' ', h('span', { class: 'muted' }, `${v.username} · ${tEnum('Role', v.role)}`)),
      v.orgUnit ? h('p', { class: 'muted' }, v.orgUnit.name) : null),
    h('section', { class: 'card' },
      h('h2', null, h('label', { for: 'settings-lang' }, t('settings.language'))),
      lang),
    h('section', { class: 'card' }, h('h2', null, t('settings.reminders')), reminders),
    h('section', { class: 'card', testid: 'settings-texts' }, textsTitle, texts),
    h('section', { class: 'card', testid: 'settings-password' }, passwordTitle, password),
    h('section', { class: 'card', testid: 'settings-sessions' }, sessionsTitle, sessions),
    h('section', { class: 'card' }, h('h2', null, t('outbox.title')), h('p', null, h('a', { href: '#/outbox', class: 'btn', testid: 'settings-outbox' }, t('outbox.open')))),
    h('section', { class: 'card' }, signOutBox, signOut),
  );

  import('../push.js').then((push) => push.renderReminders(reminders, v.role));
  import('../phone.js').then(async (m) => {
    textsTitle.textContent = t('phone.title');
    await m.renderTextMessages(texts);
  });
  import('../account.js').then(async (m) => {
    passwordTitle.textContent = t('account.password');
    sessionsTitle.textContent = t('account.sessions');
    await Promise.all([m.renderPassword(password), m.renderSessions(sessions)]);
  });

  async function doSignOut() {
    try {
      const push = await import('../push.js');
      await push.disableReminders();
    } catch {
      /* best effort */
    }
    try {
      await gql(OPS.logout);
    } catch {
      /* offline: the token is forgotten here; it expires on the server */
    }
    await endSession();
  }

  signOut.addEventListener('click', () =>
    busy(signOut, async () => {
      const unsent = await myOutboxItems();
      if (!unsent.length) return doSignOut();
      // Unsent writes: warn first. They stay on this device and are sent
      // after this account signs in again.
      signOut.hidden = true;
      const confirm = h('button', { class: 'btn bad block', type: 'button', testid: 'signout-confirm' }, t('settings.signOutAnyway'));
      const cancel = h('button', { class: 'btn block', type: 'button', testid: 'signout-cancel' }, t('action.cancel'));
      confirm.addEventListener('click', () => busy(confirm, doSignOut));
      cancel.addEventListener('click', () => {
        signOutBox.replaceChildren();
        signOut.hidden = false;
      });
      mount(signOutBox, h('div', { class: 'notice error', role: 'alert', testid: 'signout-warning' },
        h('p', null, t('settings.unsentWarning', { n: unsent.length })),
        h('p', null, h('a', { href: '#/outbox' }, t('outbox.open')))), confirm, cancel);
      confirm.focus();
    }),
  );
}

// ------------------------------------------------------------------ outbox

// Within half a minute (or already due) a relative time reads "now" or "1 minute ago":
// the next try is simply about to happen.
const SOON_MS = 30000;

function retryText(i) {
  const at = i.nextAttemptAt ? new Date(i.nextAttemptAt) : null;
  if (!at || at.getTime() - Date.now() < SOON_MS) return t('outbox.retryingSoon', { n: i.attempts });
  return t('outbox.retrying', { n: i.attempts, rel: fmtRelative(at.toISOString()) });
}

export async function outbox(el, ctx) {
  const listBox = h('div');
  const sendNow = h('button', { class: 'btn primary', type: 'button', testid: 'outbox-send' }, t('outbox.sendNow'));
  sendNow.addEventListener('click', () => busy(sendNow, async () => {
    const stats = await flushOutbox({ force: true });
    if (stats && stats.sent) announce(t('outbox.sent', { n: stats.sent }), 'ok');
    else if (!navigator.onLine) announce(t('error.NETWORK'), 'error');
  }));
  mount(el, title(t('outbox.title')), h('p', { class: 'muted' }, t('outbox.intro')), getSession() ? h('div', { class: 'actions' }, sendNow) : null, listBox);

  async function render() {
    const mine = await myOutboxItems();
    const others = getSession() ? (await outboxItems()).length - mine.length : 0;
    // Sent back by the server: they wait in their forms, to be corrected.
    const returned = getSession() ? await returnedDrafts() : [];
    if (!ctx.alive) return;
    const rows = mine
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1))
      .map((i) => {
        const failed = i.status === 'failed';
        return h('li', { class: `row wrap${failed ? ' failed' : ''}`, testid: 'outbox-item', 'data-status': i.status },
          h('div', { class: 'row-main' },
            // An area's own kind (intakePhoto…) has no label in the shell's catalogue: its title says it.
            h('strong', null, hasMessage('outbox.kind.' + i.kind) ? t('outbox.kind.' + i.kind) : i.title),
            i.title && hasMessage('outbox.kind.' + i.kind) && i.title !== t('outbox.kind.' + i.kind) ? h('span', null, i.title) : null,
            h('span', { class: 'muted' }, t('outbox.made', { time: fmtDateTime(i.createdAt) })),
            !failed && i.attempts ? h('span', { class: 'muted', testid: 'outbox-next' }, retryText(i)) : null,
            failed ? h('span', { class: 'field-error', testid: 'outbox-error' }, errorText(i.error || {})) : null),
          badge(t(failed ? 'outbox.failed' : 'outbox.waiting'), failed ? 'bad' : 'warn'),
          h('div', { class: 'actions' },
            failed ? h('button', { class: 'btn small', type: 'button', testid: 'outbox-retry', onclick: () => retry(i.clientId) }, t('action.retry')) : null,
            discardButton(i)));
      });
    mount(listBox,
      returned.map(returnedNotice),
      rows.length ? h('ul', { class: 'list', testid: 'outbox-list' }, rows) : empty(t('outbox.empty')),
      others > 0 ? h('p', { class: 'notice' }, t('outbox.others', { n: others })) : null);
  }

  function discardButton(i) {
    // Two taps: the first asks, the second discards (no browser dialog).
    const b = h('button', { class: 'btn small bad', type: 'button', testid: 'outbox-discard' }, t('outbox.discard'));
    b.addEventListener('click', async () => {
      if (b.dataset.armed) {
        await discard(i.clientId);
        announce(t('outbox.discarded'), 'ok');
      } else {
        b.dataset.armed = '1';
        b.textContent = t('outbox.discardConfirm');
      }
    });
    return b;
  }

  ctx.onCleanup(onOutboxChange(render));
  await render();
}
