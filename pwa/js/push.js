// Reminders by Web Push. Permission is asked only on a tap; the browser's
// subscription is registered with the server (registerPushSubscription).
// The service worker re-registers on pushsubscriptionchange with the token
// it reads from IndexedDB. When the browser's push service cannot be
// reached (Chrome's is not, from mainland China), subscribing may hang or
// fail: it is given up after a while and the card says where reminders go
// instead (text messages, api/domain/notices/sms.py).
import { gql, ApiError, OPS } from './api.js';
import { t, loadArea } from './i18n.js';
import { h, mount, busy, announce } from './ui.js';
import phoneOps from './operations/phone.js';

await loadArea('reminders');

/** How long the push service may take to give a subscription (it answers in about a second when reachable). */
export const SUBSCRIBE_TIMEOUT_MS = 10000;


export const pushSupported = () =>
  'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

/** 'unsupported' | 'denied' | 'on' | 'off' */
export async function reminderState() {
  if (!pushSupported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  const reg = await navigator.serviceWorker.getRegistration();
  const sub = reg && (await reg.pushManager.getSubscription());
  return sub && Notification.permission === 'granted' ? 'on' : 'off';
}

function keyBytes(base64url) {
  const s = (base64url + '='.repeat((4 - (base64url.length % 4)) % 4)).replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
}

export function subscriptionInput(sub) {
  const j = sub.toJSON();
  return {
    endpoint: j.endpoint,
    p256dh: j.keys.p256dh,
    auth: j.keys.auth,
    expirationTime: sub.expirationTime ? new Date(sub.expirationTime).toISOString() : null,
  };
}

/** Call from a tap: asks permission, subscribes, registers with the server. */
export async function enableReminders() {
  if (!pushSupported()) throw new Error('unsupported');
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') throw new Error('denied');
  const reg = await navigator.serviceWorker.ready;
  let sub = await reg.pushManager.getSubscription();
  if (!sub) {
    const { vapidPublicKey } = await gql(OPS.vapidKey);
    sub = await pushServiceSubscription(reg, keyBytes(vapidPublicKey));
  }
  await gql(OPS.registerPush, { input: subscriptionInput(sub) });
}

/** The push service's subscription, or Error('unreachable') when it fails or takes too long. */
async function pushServiceSubscription(reg, applicationServerKey) {
  let timer;
  const late = new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(new Error('unreachable')), SUBSCRIBE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey }), late]);
  } catch {
    // Chromium rejects with AbortError when its push service answers nothing.
    throw new Error('unreachable');
  } finally {
    clearTimeout(timer);
  }
}

/** Stops reminders on this device (and at sign-out, so the next account does not get them). */
export async function disableReminders() {
  if (!pushSupported()) return;
  const reg = await navigator.serviceWorker.getRegistration();
  const sub = reg && (await reg.pushManager.getSubscription());
  if (!sub) return;
  try {
    await gql(OPS.unregisterPush, { endpoint: sub.endpoint });
  } catch {
    /* offline or already gone: the server drops dead endpoints when a push returns 404/410 */
  }
  await sub.unsubscribe();
}

/** Where reminders go when push cannot: texts to a proven number, or the way to prove one. */
async function fallbackText() {
  let texts = null;
  try {
    texts = (await gql(phoneOps.textMessages)).textMessages;
  } catch {
    /* offline: say only that push is out of reach */
  }
  if (!texts || !texts.available) return t('reminders.unreachable');
  return texts.phone ? t('reminders.bySms', { phone: texts.phone }) : t('reminders.verifyPhone');
}

/**
 * The reminders card of the settings screen and of a supervised person's
 * home: what reminders bring to this role, and the switch (`offButton`: the
 * settings screen also turns them off).
 */
export async function renderReminders(box, role, { offButton = true, notice = null } = {}) {
  const state = await reminderState();
  const words = { on: 'reminders.on', off: `reminders.why.${role}`, denied: 'reminders.denied', unsupported: 'reminders.unsupported' };
  const text = h('p', { class: state === 'off' ? null : 'muted', testid: 'reminders-state' }, t(words[state]));
  let button = null;
  if (state === 'off') {
    button = h('button', { class: 'btn primary', type: 'button', testid: 'reminders-on' }, t('reminders.turnOn'));
    button.addEventListener('click', () => busy(button, async () => {
      let failure = null;
      try {
        await enableReminders();
        announce(t('reminders.enabled'), 'ok');
      } catch (err) {
        if (err && err.message === 'unreachable') failure = await fallbackText();
        else announce(reminderError(err), 'error');
      }
      await renderReminders(box, role, { offButton, notice: failure });
    }));
  } else if (state === 'on' && offButton) {
    button = h('button', { class: 'btn', type: 'button', testid: 'reminders-off' }, t('reminders.turnOff'));
    button.addEventListener('click', () => busy(button, async () => {
      await disableReminders();
      announce(t('reminders.disabled'), 'ok');
      await renderReminders(box, role, { offButton });
    }));
  }
  mount(box, notice ? h('p', { class: 'notice error', role: 'alert', testid: 'reminders-fallback' }, notice) : null, text, button);
}

export function reminderError(err) {
  if (err instanceof ApiError) return t('error.' + (err.code === 'BAD_USER_INPUT' ? 'INTERNAL_SERVER_ERROR' : err.code));
  if (err && err.message === 'denied') return t('reminders.denied');
  if (err && err.message === 'unsupported') return t('reminders.unsupported');
  return t('reminders.failed');
}
