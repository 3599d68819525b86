// Reminders by Web Push. Permission is asked only on a tap; the browser's
// subscription is registered with the server (registerPushSubscription).
// The service worker re-registers on pushsubscriptionchange with the token
// it reads from IndexedDB.
import { gql, ApiError, OPS } from './api.js';
import { t } from './i18n.js';


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
    sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(vapidPublicKey) });
  }
  await gql(OPS.registerPush, { input: subscriptionInput(sub) });
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

export function reminderError(err) {
  if (err instanceof ApiError) return t('error.' + (err.code === 'BAD_USER_INPUT' ? 'INTERNAL_SERVER_ERROR' : err.code));
  if (err && err.message === 'denied') return t('reminders.denied');
  if (err && err.message === 'unsupported') return t('reminders.unsupported');
  return t('reminders.failed');
}
