// The page's side of storage: the session, the cache of what the user has
// seen (shown offline with its "as of" time) and the outbox of writes.
// Screens start and end the session here; the shell (app.js) listens with
// onSessionChange, so no screen imports the shell.
import './core.js';

const C = globalThis.SifasuoCore;

// ---------------------------------------------------------------- session

/** The signed-in session: {token, expiresAt, viewer, mfaPending} or null. */
let session = null;
const sessionListeners = new Set();

export const getSession = () => session;

/** fn(session, change) after each change: 'start' | 'two-step' | 'end' | 'expired'. */
export function onSessionChange(fn) {
  sessionListeners.add(fn);
  return () => sessionListeners.delete(fn);
}

async function changedSession(change) {
  for (const fn of sessionListeners) await fn(session, change);
}

const saveSession = () => C.put('kv', session, 'session');

/** The stored session at start, unless it has expired (then it is cleared). */
export async function restoreSession() {
  session = (await C.get('kv', 'session').catch(() => null)) || null;
  if (session && session.expiresAt && new Date(session.expiresAt) < new Date()) {
    session = null;
    await clearStored();
  }
  ownerId = session ? session.viewer.id : null;
  return session;
}

/** Signed in: login, activation and sign-up answer {token, expiresAt, viewer, mfaEnrolmentRequired}. */
export async function startSession(payload) {
  session = {
    token: payload.token,
    expiresAt: payload.expiresAt,
    viewer: payload.viewer,
    // A role that must use two-step sign-in and has not set it up yet gets a
    // token good only for setting it up.
    mfaPending: Boolean(payload.mfaEnrolmentRequired),
  };
  await saveSession();
  ownerId = session.viewer.id;
  await changedSession('start');
}

/** Two-step sign-in is set up: the same token now works in full. */
export async function finishTwoStep() {
  if (!session) return;
  session.mfaPending = false;
  await saveSession();
  await changedSession('two-step');
}

/** The account as the server now has it (name, role, unit). */
export async function updateViewer(viewer) {
  if (!session) return;
  session.viewer = viewer;
  await saveSession();
}

/** Sign-out and token expiry: token and cached data go, the outbox stays. */
export async function endSession({ expired = false } = {}) {
  session = null;
  ownerId = null;
  await clearStored();
  await changedSession(expired ? 'expired' : 'end');
}

let ending = false;
/** A signed-in request was answered UNAUTHENTICATED: the token expired or was revoked. */
export async function sessionLost() {
  if (ending || !session) return;
  ending = true;
  try {
    await endSession({ expired: true });
  } finally {
    ending = false;
  }
}

async function clearStored() {
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

let ownerId = null; // the signed-in account's id: its outbox items are "mine"
const listeners = new Set();

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
 *   kind:  checkIn | inPerson | homeVisit | intake | visit | dispute | legalAid
 *   title: a short text to show in the outbox list
 *   ref:   what the write is about (person id, dispute id), for the screens
 *   draft: {key, route, values} of the form it came from: a refusal of its
 *          input (BAD_USER_INPUT) puts it back there as a draft
 */
export async function enqueue({ op, query, variables, kind, title, ref = null, draft = null }) {
  const clientId = variables.input.clientId;
  const item = {
    clientId,
    op,
    query,
    variables,
    kind,
    title,
    ref,
    draft,
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
const sentListeners = new Set();

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
  if (stats.auth) sessionLost();
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

/**
 * Puts a write in the outbox and waits for what became of it, so a form can
 * tell the truth: {sent, record} stored; {refused, error} the server refused
 * the input (the item is a draft again); {failed, error} refused otherwise
 * (it stays in the outbox); {queued} not reached (network, server down, or
 * no answer within `waitMs`): only then is it "saved on this phone".
 */
export function enqueueAndWait(spec, waitMs = 15000) {
  const clientId = spec.variables.input.clientId;
  return new Promise((resolve) => {
    let settled = false;
    const done = (r) => {
      if (settled) return;
      settled = true;
      off();
      clearTimeout(timer);
      resolve(r);
    };
    const off = onOutboxChange((items, detail = {}) => {
      if (detail.sent && detail.sent.clientId === clientId) return done({ sent: true, record: detail.sent.record });
      if (detail.returned && detail.returned.clientId === clientId) return done({ refused: true, error: detail.returned.error });
      const item = items.find((i) => i.clientId === clientId);
      if (item && item.status === 'failed') done({ failed: true, error: item.error });
      else if (item && item.attempts > 0) done({ queued: true });
    });
    const timer = setTimeout(() => done({ queued: true }), waitMs);
    enqueue(spec).then(() => !navigator.onLine && done({ queued: true }));
  });
}

// ----------------------------------------------------------------- drafts

const draftKey = (key) => C.draftId(ownerId, key);

/** The draft of form `key` of the signed-in account: {values, savedAt, error?} or undefined. */
export const draftGet = (key) => C.get('drafts', draftKey(key));
export const draftPut = (key, draft) => C.put('drafts', { ...draft, savedAt: new Date().toISOString() }, draftKey(key));
export async function draftDel(key) {
  await C.del('drafts', draftKey(key));
  C.notify({});
}

/** Drafts of the signed-in account that the server sent back: [{key, route, title, error…}]. */
export async function returnedDrafts() {
  const db = await C.open();
  return new Promise((resolve, reject) => {
    const out = [];
    const req = db.transaction('drafts').objectStore('drafts').openCursor();
    req.onsuccess = () => {
      const c = req.result;
      if (!c) return resolve(out);
      const [owner, ...rest] = String(c.key).split(':');
      if (owner === String(ownerId) && c.value.error) out.push({ key: rest.join(':'), ...c.value });
      c.continue();
    };
    req.onerror = () => reject(req.error);
  });
}
