/*
 * Service worker: precaches the versioned shell, serves navigations from the
 * cache (the app works offline), sends the outbox on Background Sync, shows
 * push reminders and keeps the push subscription registered.
 *
 * The server serves this file after one line it writes itself (api/pwa.py):
 *   const BUILD = {"version": "<hash of every served file>", "shell": [<every served file>]};
 * so the precache list is the app's files and any change to any of them is a
 * new worker with a new cache: no release can leave a phone on stale modules.
 * The new worker precaches into its own cache and removes the old ones on
 * activate.
 */
importScripts('/js/core.js', '/js/operations.js');

const CACHE = `sifasuo-shell-${BUILD.version}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // cache: 'reload' so the precache never takes a stale HTTP-cached copy.
      await cache.addAll(BUILD.shell.map((u) => new Request(u, { cache: 'reload' })));
    })(),
  );
  // No skipWaiting here: the page offers "reload for the new version", so a
  // running page never mixes modules of two versions.
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith('sifasuo-') && n !== CACHE).map((n) => caches.delete(n)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return; // GraphQL is POST: never cached here
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/graphql') || url.pathname === '/healthz') return;

  if (req.mode === 'navigate') {
    // The app is one page with hash routes: any navigation gets the shell.
    event.respondWith(
      (async () => {
        const cached = await caches.match('/', { cacheName: CACHE });
        if (cached) return cached;
        try {
          return await fetch(req);
        } catch {
          return new Response('offline', { status: 503, headers: { 'Content-Type': 'text/plain' } });
        }
      })(),
    );
    return;
  }

  event.respondWith(
    (async () => {
      const cached = await caches.match(req, { cacheName: CACHE, ignoreSearch: true });
      return cached || fetch(req);
    })(),
  );
});

// ------------------------------------------------------------ outbox sync

self.addEventListener('sync', (event) => {
  if (event.tag !== 'outbox') return;
  event.waitUntil(
    (async () => {
      // Send ourselves (the token is in IndexedDB): the tab may be closed.
      const stats = await SifasuoCore.flush({ force: true });
      const clients = await self.clients.matchAll({ type: 'window' });
      for (const c of clients) c.postMessage({ type: 'outbox-changed' });
      // Rejecting asks the browser to fire sync again later (with its own backoff).
      if (stats && stats.waiting > 0 && !stats.auth) throw new Error('outbox: items left to retry');
    })(),
  );
});

// ------------------------------------------------------------------ push

self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { body: event.data ? event.data.text() : '' };
  }
  const title = data.title || '司法所';
  // The server sends screen paths such as /#/person/5, /#/dispute/5,
  // /#/request/5, /#/me; one notification per screen and kind (a newer one replaces it).
  const url = typeof data.url === 'string' && data.url ? data.url : '/#/home';
  event.waitUntil(
    self.registration.showNotification(title, {
      body: data.body || '',
      icon: '/icons/icon-192.png',
      badge: '/icons/icon-192.png',
      tag: data.kind ? `${data.kind}:${url}` : undefined,
      renotify: !!data.kind,
      data: { url },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  let target;
  try {
    target = new URL(event.notification.data?.url || '/#/home', self.location.origin);
  } catch {
    target = new URL('/#/home', self.location.origin);
  }
  if (target.origin !== self.location.origin) return; // only our own pages
  // The app is one page: every screen is "/" plus a hash route.
  const href = new URL('/' + (target.hash || '#/home'), self.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const ours = windows.filter((w) => new URL(w.url).origin === self.location.origin);
      const w = ours.find((c) => c.focused) || ours[0];
      if (w) {
        // Same page, new hash: the page routes without a reload.
        w.postMessage({ type: 'navigate', url: href });
        await w.focus().catch(() => {});
        return;
      }
      await self.clients.openWindow(href);
    })(),
  );
});

async function graphql(token, query, variables) {
  const { res, body } = await SifasuoCore.graphql(query, variables, { token });
  if (!body || (body.errors && body.errors.length)) throw new Error(body ? body.errors[0].message : `HTTP ${res.status}`);
  return body.data;
}

function keyBytes(base64url) {
  const s = (base64url + '='.repeat((4 - (base64url.length % 4)) % 4)).replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
}

// The push service replaced or expired the subscription: subscribe again
// and tell the server, with the token the page left in IndexedDB.
self.addEventListener('pushsubscriptionchange', (event) => {
  event.waitUntil(
    (async () => {
      const session = await SifasuoCore.get('kv', 'session');
      if (!session || !session.token) return; // signed out: no reminders wanted
      let sub = event.newSubscription;
      if (!sub) {
        let key = event.oldSubscription && event.oldSubscription.options.applicationServerKey;
        if (!key) key = keyBytes((await graphql(session.token, SifasuoOps.vapidKey)).vapidPublicKey);
        sub = await self.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
      }
      const j = sub.toJSON();
      await graphql(session.token, SifasuoOps.registerPush, {
        input: {
          endpoint: j.endpoint,
          p256dh: j.keys.p256dh,
          auth: j.keys.auth,
          expirationTime: sub.expirationTime ? new Date(sub.expirationTime).toISOString() : null,
        },
      });
      if (event.oldSubscription && event.oldSubscription.endpoint !== j.endpoint) {
        await graphql(session.token, SifasuoOps.unregisterPush, { endpoint: event.oldSubscription.endpoint }).catch(() => {});
      }
    })(),
  );
});
