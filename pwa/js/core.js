/*
 * Storage and outbox sending shared by the page and the service worker.
 *
 * This file has no import/export on purpose: the page loads it as a module
 * (`import './core.js'`) and the service worker with importScripts(), so the
 * outbox is sent by exactly the same code whether a tab is open or the
 * browser wakes the worker for Background Sync. It publishes one global,
 * SifasuoCore.
 *
 * IndexedDB "sifasuo":
 *   kv      session (token, expiry, viewer) — the SW needs the token to send
 *           and to re-register a push subscription. Cleared at sign-out.
 *   cache   lists and records the user has seen, {data, asOf}. Cleared at
 *           sign-out.
 *   outbox  writes waiting for the server, keyed by clientId. NEVER cleared
 *           by sign-out: an item leaves only when the server has stored it,
 *           the user discards it, or the server refuses its input (then it
 *           goes back to drafts, below).
 *   drafts  forms as they are being typed, keyed "<account id>:<form key>"
 *           ({values, savedAt, error?}); a write the server refused with
 *           BAD_USER_INPUT comes back here with the refused field, so it is
 *           opened again as an editable form and never sits in the outbox.
 *           NEVER cleared by sign-out either: it is work not yet sent.
 */
(() => {
  const DB_NAME = 'sifasuo';
  const DB_VERSION = 2;
  const CHANNEL = 'sifasuo';
  // Backoff for retryable failures: 5 s, 10 s, 20 s … capped at 30 min.
  const BACKOFF_BASE_MS = 5000;
  const BACKOFF_MAX_MS = 30 * 60 * 1000;
  const SEND_TIMEOUT_MS = 30 * 1000;
  // Answers that will not change by sending again: the item is kept, marked
  // failed, and shown to the user, who may discard it.
  const PERMANENT = new Set(['BAD_USER_INPUT', 'CONFLICT', 'NOT_FOUND', 'FORBIDDEN']);

  let dbPromise = null;

  function promised(request) {
    return new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  function open() {
    if (!dbPromise) {
      dbPromise = new Promise((resolve, reject) => {
        const req = indexedDB.open(DB_NAME, DB_VERSION);
        req.onupgradeneeded = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains('kv')) db.createObjectStore('kv');
          if (!db.objectStoreNames.contains('cache')) db.createObjectStore('cache');
          if (!db.objectStoreNames.contains('outbox')) {
            db.createObjectStore('outbox', { keyPath: 'clientId' });
          }
          if (!db.objectStoreNames.contains('drafts')) db.createObjectStore('drafts');
        };
        req.onsuccess = () => {
          const db = req.result;
          // Another tab upgrading the schema: let it, reopen on next use.
          db.onversionchange = () => {
            db.close();
            dbPromise = null;
          };
          resolve(db);
        };
        req.onerror = () => {
          dbPromise = null;
          reject(req.error);
        };
      });
    }
    return dbPromise;
  }

  /** Runs fn(store) in one transaction; resolves with fn's result once committed. */
  async function withStore(name, mode, fn) {
    const db = await open();
    return new Promise((resolve, reject) => {
      const tx = db.transaction(name, mode);
      let result;
      Promise.resolve(fn(tx.objectStore(name))).then((r) => {
        result = r;
      }, reject);
      tx.oncomplete = () => resolve(result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  }

  const get = (store, key) => withStore(store, 'readonly', (s) => promised(s.get(key)));
  const put = (store, value, key) =>
    withStore(store, 'readwrite', (s) => promised(key === undefined ? s.put(value) : s.put(value, key)));
  const del = (store, key) => withStore(store, 'readwrite', (s) => promised(s.delete(key)));
  const all = (store) => withStore(store, 'readonly', (s) => promised(s.getAll()));
  const clear = (store) => withStore(store, 'readwrite', (s) => promised(s.clear()));

  /** Tells every tab (and the worker) that the outbox changed. */
  function notify(detail) {
    if (typeof BroadcastChannel === 'undefined') return;
    // A fresh channel object, so that listeners in this same context hear it too.
    const ch = new BroadcastChannel(CHANNEL);
    ch.postMessage({ type: 'outbox', ...detail });
    ch.close();
  }

  /**
   * The one request to /graphql, made by the page (api.js), the outbox sender
   * and the service worker alike. Resolves {res, body}; body is null when the
   * answer is not JSON (a proxy's error page). Rejects only when the server
   * could not be reached or the request was aborted. `lang` is the page's
   * language: the server words its refusals in it for a caller not signed in
   * (a signed-in one is answered in the account's language).
   */
  async function graphql(query, variables, { token = null, signal, lang = null } = {}) {
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: 'Bearer ' + token } : {}),
        ...(lang ? { 'Accept-Language': lang } : {}),
      },
      body: JSON.stringify({ query, variables }),
      cache: 'no-store',
      signal,
    });
    let body = null;
    try {
      body = await res.json();
    } catch {
      /* decided by the status */
    }
    return { res, body };
  }

  function backoff(attempts) {
    const ms = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempts, 20));
    return Math.round(ms * (0.75 + Math.random() * 0.5)); // jitter: phones reconnect together
  }

  /**
   * Sends one item. Result kinds:
   *   {ok, record}             the server stored it (answered with the record)
   *   {retry, delayMs?}        network, 5xx, RATE_LIMITED, INTERNAL_SERVER_ERROR
   *   {failed, error}          permanent: BAD_USER_INPUT, CONFLICT, NOT_FOUND, FORBIDDEN
   *   {auth}                   UNAUTHENTICATED: stop, keep the item, sign in again
   */
  async function sendItem(item, token) {
    let res, body;
    try {
      // A request stalled on a weak signal must not hold the outbox lock
      // for ever; giving up is safe, the retry carries the same clientId.
      ({ res, body } = await graphql(item.query, item.variables, { token, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) }));
    } catch {
      return { retry: true };
    }
    const err = body && Array.isArray(body.errors) && body.errors[0];
    if (err) {
      const ext = err.extensions || {};
      const code = ext.code || 'INTERNAL_SERVER_ERROR';
      if (code === 'UNAUTHENTICATED') return { auth: true };
      if (code === 'RATE_LIMITED') {
        const s = Number(ext.retryAfterSeconds);
        return { retry: true, delayMs: s > 0 ? s * 1000 : undefined };
      }
      if (PERMANENT.has(code)) {
        // The message is already in the account's language; the reason key and
        // its figures let the page word it itself where it has its own text.
        return {
          failed: true,
          error: { code, message: String(err.message || code), field: ext.field || null, reason: ext.reason || null, params: ext.params || null },
        };
      }
      return { retry: true };
    }
    const record = body && body.data && body.data[item.op];
    // Removed only when the server answered with the stored record.
    if (res.ok && record && record.id) return { ok: true, record };
    if (res.status === 429) {
      const s = Number(res.headers.get('Retry-After'));
      return { retry: true, delayMs: s > 0 ? s * 1000 : undefined };
    }
    return { retry: true };
  }

  let queued = null;

  /**
   * Sends every due item of the signed-in account. Items made by another
   * account on this device wait for that account (they need its token).
   * Resolves with counts; `waiting` > 0 means something is left to retry.
   *
   * One sender at a time across tabs and the worker (sending twice would be
   * harmless, the server stores each clientId once, but wasteful). A run
   * asked for while another holds the lock waits for it instead of giving
   * up: an item stored just as that run was finishing would otherwise sit
   * until some later trigger. Waiting runs of this context are folded into
   * one, so a burst of triggers costs one extra pass.
   */
  function flush(opts = {}) {
    if (queued) {
      queued.force = queued.force || !!opts.force;
      return queued.promise;
    }
    const run = { force: !!opts.force, promise: null };
    const start = () => {
      if (queued === run) queued = null;
      return flushNow({ force: run.force });
    };
    const locks = typeof navigator !== 'undefined' && navigator.locks;
    // The lock callback runs in a later task, so `queued` is set before it starts.
    run.promise = locks && locks.request ? locks.request('sifasuo-outbox', start) : Promise.resolve().then(start);
    queued = run;
    return run.promise;
  }

  /** Sends every due item of the signed-in account; see flush. */
  async function flushNow(opts) {
    const stats = { sent: 0, failed: 0, returned: 0, waiting: 0, auth: false, records: [] };
    const session = await get('kv', 'session');
    if (!session || !session.token) return stats;
    const ownerId = session.viewer && session.viewer.id;
    const tried = new Set();
    // Loop: items added while sending are picked up in the same run.
    for (let round = 0; round < 10; round++) {
      const now = Date.now();
      const due = (await all('outbox'))
        .filter((i) => i.ownerId === ownerId && i.status !== 'failed' && !tried.has(i.clientId))
        .filter((i) => opts.force || !i.nextAttemptAt || i.nextAttemptAt <= now)
        .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
      if (!due.length) break;
      for (const item of due) {
        tried.add(item.clientId);
        const result = await sendItem(item, session.token);
        // Re-read: the user may have discarded it meanwhile.
        const current = await get('outbox', item.clientId);
        if (result.ok) {
          await del('outbox', item.clientId);
          stats.sent++;
          stats.records.push({ clientId: item.clientId, kind: item.kind, record: result.record });
          notify({ sent: { clientId: item.clientId, kind: item.kind, record: result.record } });
          continue;
        }
        if (current && result.failed && result.error.code === 'BAD_USER_INPUT' && current.draft) {
          // Sending again cannot help and the outbox is no place to fix it:
          // the form opens again with what was typed and the field refused.
          await returnToDraft(current, result.error);
          stats.returned++;
          notify({ returned: { clientId: item.clientId, kind: item.kind, error: result.error } });
          continue;
        }
        if (result.auth) {
          stats.auth = true;
          notify({ auth: true });
          return finish(stats, ownerId);
        } else if (current) {
          current.attempts = (current.attempts || 0) + 1;
          current.lastTriedAt = new Date().toISOString();
          if (result.failed) {
            current.status = 'failed';
            current.error = result.error;
            // A photo (identity at check-in) is never kept on the phone once
            // the server has answered: a refused write keeps the rest to show why.
            if (current.variables.input && current.variables.input.photo) {
              delete current.variables.input.photo;
              current.photoDropped = true;
            }
            stats.failed++;
          } else {
            current.status = 'pending';
            current.nextAttemptAt = Date.now() + (result.delayMs || backoff(current.attempts - 1));
          }
          await put('outbox', current);
        }
        notify({});
      }
    }
    return finish(stats, ownerId);
  }

  /** The draft key of an outbox item's form (see store.js draftKey). */
  const draftId = (ownerId, key) => `${ownerId}:${key}`;

  async function returnToDraft(item, error) {
    const key = draftId(item.ownerId, item.draft.key);
    await put('drafts', { values: item.draft.values, savedAt: new Date().toISOString(), route: item.draft.route,
      title: item.title, kind: item.kind, clientId: item.clientId, error }, key);
    await del('outbox', item.clientId);
  }

  async function finish(stats, ownerId) {
    const left = (await all('outbox')).filter((i) => i.ownerId === ownerId && i.status !== 'failed');
    stats.waiting = left.length;
    stats.nextAttemptAt = left.reduce((m, i) => Math.min(m, i.nextAttemptAt || 0), Infinity);
    return stats;
  }

  globalThis.SifasuoCore = { open, get, put, del, all, clear, notify, graphql, flush, sendItem, draftId, CHANNEL };
})();
