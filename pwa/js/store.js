// The page's side of storage: the session, the cache of what the user has
// seen (shown offline with its "as of" time) and the outbox of writes.
import './core.js';

const C = globalThis.SifasuoCore;

// ---------------------------------------------------------------- session

export const loadSession = () => C.get('kv', 'session');
export const saveSession = (s) => C.put('kv', s, 'session');

/** Sign-out: the token and every cached list go; the outbox stays. */
export async function clearSession() {
  await C.clear('kv');
  await C.clear('cache');
}

// ------------------------------------------------------------------ cache

/** {data, asOf} or undefined. */
export const cacheGet = (key) => C.get('cache', key);
export const cachePut = (key, data) => C.put('cache', { data, asOf: new Date().toISOString() }, key);

// ----------------------------------------------------------------- outbox

/** A UUID made on the device. randomUUID needs a secure context; plain http on a LAN does not have one. */
export function newClientId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

let ownerId = null;
const listeners = new Set();

export function setOutboxOwner(id) {
  ownerId = id;
}

/** fn(items) after each change of the outbox, here or in another tab or the worker. */
export function onOutboxChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

async function changed(detail = {}) {
  const items = await C.all('outbox');
  for (const fn of listeners) fn(items, detail);
}

if (typeof BroadcastChannel !== 'undefined') {
  new BroadcastChannel(C.CHANNEL).onmessage = (e) => changed(e.data);
}

export const outboxItems = () => C.all('outbox');

/** Items of the signed-in account (all items when signed out). */
export async function myOutboxItems() {
  const items = await C.all('outbox');
  return ownerId === null ? items : items.filter((i) => i.ownerId === ownerId);
}

/**
 * Puts a write in the outbox, then tries to send it. The item holds the
 * mutation and its variables, so it can be sent by anyone holding the token
 * (this tab, another one, or the service worker) after a reload.
 *   op:    the mutation field whose answer is the stored record
 *   kind:  checkIn | inPerson | homeVisit | visit | dispute | legalAid
 *   title: a short text to show in the outbox list
 *   ref:   what the write is about (person id, dispute id), for the screens
 */
export async function enqueue({ op, query, variables, kind, title, ref = null }) {
  const clientId = variables.input.clientId;
  const item = {
    clientId,
    op,
    query,
    variables,
    kind,
    title,
    ref,
    ownerId,
    createdAt: new Date().toISOString(),
    attempts: 0,
    nextAttemptAt: 0,
    status: 'pending',
    error: null,
  };
  await C.put('outbox', item);
  C.notify({});
  requestBackgroundSync();
  flushOutbox();
  return item;
}

export async function discard(clientId) {
  await C.del('outbox', clientId);
  C.notify({});
}

/** Puts a failed item back in the queue (e.g. after the user fixed the cause elsewhere). */
export async function retry(clientId) {
  const item = await C.get('outbox', clientId);
  if (!item) return;
  Object.assign(item, { status: 'pending', error: null, nextAttemptAt: 0 });
  await C.put('outbox', item);
  C.notify({});
  flushOutbox();
}

let timer = null;
let onAuthLost = () => {};
const sentListeners = new Set();

export function setAuthLostHandler(fn) {
  onAuthLost = fn;
}

/** fn({clientId, kind, record}) for each item the server stored. */
export function onSent(fn) {
  sentListeners.add(fn);
  return () => sentListeners.delete(fn);
}

/** Sends what is due now and schedules the next try of what is left. */
export async function flushOutbox({ force = false } = {}) {
  if (ownerId === null) return null;
  clearTimeout(timer);
  let stats;
  try {
    stats = await C.flush({ force });
  } catch (e) {
    console.warn('outbox flush failed', e);
    return null;
  }
  // Callers folded into one run share its stats: the first to get here
  // tells the listeners, so each stored record is announced once.
  const records = stats.records || [];
  stats.records = [];
  for (const r of records) for (const fn of sentListeners) fn(r);
  clearTimeout(timer);
  if (stats.auth) onAuthLost();
  else if (stats.waiting > 0) {
    const wait = Math.max(1000, (stats.nextAttemptAt || 0) - Date.now());
    // setTimeout overflows past ~24.8 days; the delays are far below that.
    timer = setTimeout(flushOutbox, Math.min(wait, 30 * 60 * 1000));
    requestBackgroundSync();
  }
  return stats;
}

/** Asks the browser to wake the service worker when the network is back (Chromium). */
export async function requestBackgroundSync() {
  try {
    const reg = await navigator.serviceWorker?.getRegistration();
    if (reg && reg.sync) await reg.sync.register('outbox');
  } catch {
    /* not allowed or not supported: the page's own triggers remain */
  }
}
