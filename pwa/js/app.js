// The shell: session, header (pending count, network state), bottom
// navigation, hash router, service worker, outbox triggers. Role screens are
// loaded with import() when first visited, so the first load is the shell
// and the sign-in screen only.
import { gql, OPS } from './api.js';
import { t, setLocale, storedLocale, getLocale, loadArea, hasMessage } from './i18n.js';
import {
  getSession,
  onSessionChange,
  restoreSession,
  updateViewer,
  sessionLost,
  onOutboxChange,
  myOutboxItems,
  flushOutbox,
} from './store.js';
import { h, mount, announce, loading, errorBox } from './ui.js';

// ------------------------------------------------------------------ routes

const screens = {
  signin: () => import('./screens/signin.js'),
  twostep: () => import('./screens/twostep.js'),
  person: () => import('./screens/person.js'),
  officer: () => import('./screens/officer.js'),
  intake: () => import('./screens/intake.js'),
  leave: () => import('./screens/leave.js'),
  mediator: () => import('./screens/mediator.js'),
  agreements: () => import('./screens/agreements.js'),
  legalaid: () => import('./screens/legalaid.js'),
  aidprocedure: () => import('./screens/aidprocedure.js'),
  supervisor: () => import('./screens/supervisor.js'),
  audit: () => import('./screens/audit.js'),
  admin: () => import('./screens/admin.js'),
  referaid: () => import('./screens/referaid.js'),
  settings: () => import('./screens/settings.js'),
  consult: () => import('./screens/consult.js'),
  closing: () => import('./screens/closing.js'),
  care: () => import('./screens/care.js'),
  screening: () => import('./screens/screening.js'),
  handoffs: () => import('./screens/handoffs.js'),
  resettlement: () => import('./screens/resettlement.js'),
  statistics: () => import('./screens/statistics.js'),
};

const ALL = null; // any signed-in role
const FIELD_STAFF = ['OFFICER', 'SUPERVISOR', 'ADMIN'];
const LEGAL = ['APPLICANT', 'LEGAL_AID_STAFF', 'LAWYER', 'SUPERVISOR', 'ADMIN'];
const ASKERS = ['APPLICANT', 'SUPERVISED_PERSON'];
const CLOSERS = ['LEGAL_AID_STAFF', 'LAWYER', 'SUPERVISOR'];
const AGREEMENT_STAFF = ['MEDIATOR', 'OFFICER', 'SUPERVISOR'];

// [pattern, module, export, roles]; "public" routes are for signed-out users.
const ROUTES = [
  ['/signin', 'signin', 'signIn', 'public'],
  ['/activate', 'signin', 'activate', 'public'],
  ['/signup', 'signin', 'signUp', 'public'],
  ['/two-step', 'twostep', 'twoStep', ALL],
  ['/me', 'person', 'home', ['SUPERVISED_PERSON']],
  ['/caseload', 'officer', 'caseload', FIELD_STAFF],
  ['/review', 'officer', 'review', FIELD_STAFF],
  ['/enrol', 'officer', 'enrol', FIELD_STAFF],
  ['/intakes', 'intake', 'intakes', FIELD_STAFF],
  ['/intake/:id', 'intake', 'confirmIntake', FIELD_STAFF],
  ['/leave', 'leave', 'myLeave', ['SUPERVISED_PERSON']],
  ['/leaves', 'leave', 'decisions', FIELD_STAFF],
  ['/person/:id', 'officer', 'personPage', FIELD_STAFF],
  ['/person/:id/record', 'officer', 'recordVisit', FIELD_STAFF],
  ['/person/:id/monitoring', 'care', 'monitoring', ['OFFICER', 'SUPERVISOR']],
  ['/person/:id/help', 'care', 'help', ['OFFICER', 'SUPERVISOR']],
  ['/care', 'care', 'care', ['OFFICER', 'SUPERVISOR']],
  ['/sessions', 'care', 'sessions', ['OFFICER', 'SUPERVISOR']],
  ['/tasks', 'care', 'tasks', ['SUPERVISED_PERSON']],
  ['/disputes', 'mediator', 'disputes', ['MEDIATOR', 'SUPERVISOR', 'ADMIN']],
  ['/disputes/new', 'mediator', 'register', ['MEDIATOR', 'SUPERVISOR', 'ADMIN']],
  ['/dispute/:id', 'mediator', 'disputePage', ['MEDIATOR', 'SUPERVISOR', 'ADMIN']],
  ['/dispute/:id/visit', 'mediator', 'logVisit', ['MEDIATOR', 'SUPERVISOR', 'ADMIN']],
  ['/dispute/:id/agreement', 'agreements', 'recordAgreement', AGREEMENT_STAFF],
  ['/agreements', 'agreements', 'agreementsList', AGREEMENT_STAFF],
  ['/agreement/:id', 'agreements', 'agreementPage', AGREEMENT_STAFF],
  ['/dispute/:id/handoff', 'handoffs', 'disputeHandoff', ['MEDIATOR', 'SUPERVISOR']],
  ['/overdue', 'handoffs', 'overdue', ['MEDIATOR', 'SUPERVISOR']],
  ['/screening', 'screening', 'campaigns', ['MEDIATOR', 'OFFICER', 'SUPERVISOR']],
  ['/screening/new', 'screening', 'startCampaign', ['SUPERVISOR']],
  ['/screening/:id', 'screening', 'campaignPage', ['MEDIATOR', 'OFFICER', 'SUPERVISOR']],
  ['/requests', 'legalaid', 'myRequests', ['APPLICANT']],
  ['/apply', 'legalaid', 'apply', ['APPLICANT']],
  ['/queue', 'legalaid', 'queue', ['LEGAL_AID_STAFF', 'SUPERVISOR', 'ADMIN']],
  ['/cases', 'legalaid', 'cases', ['LAWYER']],
  ['/request/:id', 'legalaid', 'requestPage', LEGAL],
  ['/questions', 'consult', 'questions', ASKERS],
  ['/ask', 'consult', 'ask', ASKERS],
  ['/consultations', 'consult', 'register', ['OFFICER', ...CLOSERS]],
  ['/consultation/:id', 'consult', 'consultationPage', ALL],
  ['/referral/:id', 'consult', 'referralPage', ALL],
  ['/closings', 'closing', 'closings', CLOSERS],
  ['/closing/:id', 'closing', 'closingPage', CLOSERS],
  ['/request/:id/procedure', 'aidprocedure', 'procedure', LEGAL],
  ['/objections', 'aidprocedure', 'objections', ['SUPERVISOR']],
  ['/dashboard', 'supervisor', 'dashboard', ['SUPERVISOR', 'ADMIN']],
  ['/audit', 'audit', 'audit', ['SUPERVISOR', 'ADMIN']],
  ['/accounts', 'admin', 'accounts', ['ADMIN']],
  ['/refer-aid/:source/:id', 'referaid', 'referAid', ['OFFICER', 'MEDIATOR', 'SUPERVISOR']],
  ['/resettlement', 'resettlement', 'records', ['OFFICER', 'SUPERVISOR']],
  ['/resettlement/new', 'resettlement', 'notice', ['OFFICER', 'SUPERVISOR']],
  ['/resettlement/:id', 'resettlement', 'recordPage', ['OFFICER', 'SUPERVISOR']],
  ['/resettlement/from/:id', 'resettlement', 'fromSupervision', ['OFFICER', 'SUPERVISOR']],
  ['/my-help', 'resettlement', 'myHelp', ['RELEASED_PERSON']],
  ['/statistics', 'statistics', 'report', FIELD_STAFF],
  ['/settings', 'settings', 'settings', ALL],
  ['/outbox', 'settings', 'outbox', 'any'],
];

const HOME = {
  SUPERVISED_PERSON: '/me',
  OFFICER: '/caseload',
  SUPERVISOR: '/dashboard',
  ADMIN: '/dashboard',
  MEDIATOR: '/disputes',
  LEGAL_AID_STAFF: '/queue',
  LAWYER: '/cases',
  APPLICANT: '/requests',
  RELEASED_PERSON: '/my-help',
};

// The bottom navigation of each role: [route, message key, testid].
const NAV = {
  SUPERVISED_PERSON: [['/me', 'nav.me', 'nav-me'], ['/questions', 'consult.nav.questions', 'nav-questions']],
  RELEASED_PERSON: [['/my-help', 'nav.myHelp', 'nav-my-help']],
  OFFICER: [
    ['/caseload', 'nav.caseload', 'nav-caseload'],
    ['/review', 'nav.review', 'nav-review'],
    ['/intakes', 'nav.intakes', 'nav-intakes'],
    ['/enrol', 'nav.enrol', 'nav-enrol'],
    ['/consultations', 'consult.nav.register', 'nav-consultations'],
    ['/resettlement', 'nav.resettlement', 'nav-resettlement'],
    ['/statistics', 'nav.statistics', 'nav-statistics'],
  ],
  MEDIATOR: [
    ['/disputes', 'nav.disputes', 'nav-disputes'],
    ['/disputes/new', 'nav.newDispute', 'nav-new-dispute'],
  ],
  APPLICANT: [
    ['/requests', 'nav.myRequests', 'nav-requests'],
    ['/apply', 'nav.apply', 'nav-apply'],
    ['/questions', 'consult.nav.questions', 'nav-questions'],
  ],
  LEGAL_AID_STAFF: [
    ['/queue', 'nav.queue', 'nav-queue'],
    ['/consultations', 'consult.nav.register', 'nav-consultations'],
    ['/closings', 'closing.nav', 'nav-closings'],
  ],
  LAWYER: [
    ['/cases', 'nav.cases', 'nav-cases'],
    ['/consultations', 'consult.nav.register', 'nav-consultations'],
    ['/closings', 'closing.nav', 'nav-closings'],
  ],
  SUPERVISOR: [
    ['/dashboard', 'nav.dashboard', 'nav-dashboard'],
    ['/caseload', 'nav.caseload', 'nav-caseload'],
    ['/resettlement', 'nav.resettlement', 'nav-resettlement'],
    ['/statistics', 'nav.statistics', 'nav-statistics'],
    ['/audit', 'nav.audit', 'nav-audit'],
  ],
  ADMIN: [
    ['/dashboard', 'nav.dashboard', 'nav-dashboard'],
    ['/accounts', 'nav.accounts', 'nav-accounts'],
    ['/statistics', 'nav.statistics', 'nav-statistics'],
    ['/audit', 'nav.audit', 'nav-audit'],
  ],
};

// A supervisor of a bureau oversees mediation (its disputes, the overdue
// list, screening campaigns) and legal aid (its requests);
// a correction centre's does not.
const bureauTabs = (viewer) =>
  viewer.role === 'SUPERVISOR' && viewer.orgUnit && viewer.orgUnit.kind !== 'CORRECTION_CENTER'
    ? [
        ['/disputes', 'nav.disputes', 'nav-disputes'],
        ['/queue', 'nav.legalAid', 'nav-queue'],
      ]
    : [];

// The tabs' icons (icons.js), fetched once signed in: until they come, and
// if they never do, the labels stand alone.
let tabIcon = () => null;
let iconsAsked = false;

function match(path) {
  const parts = path.split('/');
  for (const [pattern, mod, fn, roles] of ROUTES) {
    const p = pattern.split('/');
    if (p.length !== parts.length) continue;
    const params = {};
    if (p.every((seg, i) => (seg.startsWith(':') ? (params[seg.slice(1)] = decodeURIComponent(parts[i])) : seg === parts[i]))) {
      return { mod, fn, roles, params };
    }
  }
  return null;
}

// ----------------------------------------------------------------- session

// The session lives in store.js; the shell follows its changes.
async function sessionChanged(session, change) {
  if (change === 'start') {
    // The account's language, unless this device already chose one.
    const locale = session.viewer.locale;
    if (!storedLocale() && locale && locale !== getLocale()) {
      await setLocale(locale, { remember: false });
      translateShell();
    }
    renderNav();
    refreshCount();
    flushOutbox();
    navigate(session.mfaPending ? '/two-step' : homeOf(session));
  } else if (change === 'two-step') {
    renderNav();
    navigate(homeOf(session));
  } else {
    renderNav();
    refreshCount();
    if (change === 'expired') announce(t('auth.expired'), 'error');
    navigate('/signin');
  }
}

const homeOf = (session) => HOME[session.viewer.role] || '/settings';

// ------------------------------------------------------------------ router

export function navigate(path) {
  if (location.hash === '#' + path) route();
  else location.hash = path;
}

let current = null; // {ctrl, cleanups}
const main = () => document.getElementById('main');

async function route() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, qs] = raw.split('?');
  if (current) {
    current.ctrl.abort();
    current.cleanups.forEach((fn) => fn());
  }
  const ctrl = new AbortController();
  const cleanups = [];
  current = { ctrl, cleanups };

  const r = match(path);
  const session = getSession();
  if (!session && (!r || (r.roles !== 'public' && r.roles !== 'any'))) return navigate('/signin');
  if (session && (!r || r.roles === 'public')) return navigate(homeOf(session));
  if (session && session.mfaPending && path !== '/two-step' && r.mod !== 'settings') {
    return navigate('/two-step');
  }
  if (session && Array.isArray(r.roles) && !r.roles.includes(session.viewer.role)) {
    return navigate(homeOf(session));
  }
  markNav(path);
  const el = main();
  mount(el, loading());
  const ctx = {
    params: r.params,
    query: new URLSearchParams(qs || ''),
    viewer: session && session.viewer,
    signal: ctrl.signal,
    get alive() {
      return !ctrl.signal.aborted;
    },
    onCleanup: (fn) => cleanups.push(fn),
    navigate,
    changeLocale,
  };
  try {
    const mod = await screens[r.mod]();
    if (!ctx.alive) return;
    await mod[r.fn](el, ctx);
  } catch (err) {
    if (!ctx.alive || err.name === 'AbortError') return;
    console.error(err);
    // A screen module that is neither cached nor reachable (offline, first visit).
    mount(el, errorBox(err.code ? err : { code: 'NETWORK' }, () => route()));
    return;
  }
  if (ctx.alive) {
    const heading = el.querySelector('h1');
    if (heading && document.activeElement === document.body) heading.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }
}

// ------------------------------------------------------------------ header

function translateShell() {
  document.title = t('app.name');
  document.getElementById('brand').textContent = t('app.name');
  document.getElementById('outbox-label').textContent = t('outbox.pending');
  document.getElementById('nav').setAttribute('aria-label', t('nav.label'));
  document.getElementById('status').textContent = '';
  updateNet();
  renderNav();
}

const navAreas = new Set();

let navigationLoaded = false;
function renderNav() {
  const nav = document.getElementById('nav');
  const session = getSession();
  // Until two-step sign-in is set up the role's screens are closed (route()):
  // their tabs would lead only back to the set-up screen.
  if (!session || session.mfaPending) {
    nav.hidden = true;
    nav.replaceChildren();
    document.body.classList.remove('has-nav');
    return;
  }
  // The tabs added after the first load's catalogue was full have their
  // labels in a small catalogue of their own, fetched once signed in.
  if (!navigationLoaded) {
    navigationLoaded = true;
    loadArea('navigation').then(renderNav);
  }
  if (!iconsAsked) {
    iconsAsked = true;
    import('./icons.js').then((m) => ((tabIcon = m.tabIcon), renderNav()), () => (iconsAsked = false));
  }
  const items = [...(NAV[session.viewer.role] || []), ...bureauTabs(session.viewer), ['/settings', 'nav.settings', 'nav-settings']];
  // An area's tab: its label comes with the area's catalogue.
  const areas = items.map((i) => i[1].split('.')[0]).filter((a) => a !== 'nav' && !navAreas.has(a));
  areas.forEach((a) => navAreas.add(a));
  if (areas.length) Promise.all(areas.map(loadArea)).then(renderNav);
  mount(
    nav,
    items.map(([path, key, testid]) =>
      h('a', { href: '#' + path, testid, 'data-path': path }, tabIcon(path), h('span', null, hasMessage(key) ? t(key) : '')),
    ),
  );
  nav.hidden = false;
  document.body.classList.add('has-nav');
  markNav((location.hash.replace(/^#/, '') || '/').split('?')[0]);
}

// A detail page belongs to the tab of its list.
const SECTION = [
  ['/person/', ['/caseload']],
  ['/dispute/', ['/disputes']],
  ['/screening', ['/disputes']],
  ['/overdue', ['/disputes']],
  ['/request/', ['/requests', '/queue', '/cases']],
  ['/resettlement/', ['/resettlement']],
];

function markNav(path) {
  const section = (SECTION.find(([prefix]) => path.startsWith(prefix)) || [null, []])[1];
  for (const a of document.querySelectorAll('#nav a')) {
    const p = a.dataset.path;
    const on = path === p || section.includes(p);
    if (on) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

async function refreshCount() {
  const items = await myOutboxItems();
  const failed = items.filter((i) => i.status === 'failed').length;
  const count = document.getElementById('outbox-count');
  count.textContent = String(items.length);
  const link = document.getElementById('outbox-link');
  link.classList.toggle('has-items', items.length > 0);
  link.classList.toggle('has-failed', failed > 0);
  // Screen readers hear "To send 3" plus, when some failed, how many.
  document.getElementById('outbox-failed').textContent = failed ? t('outbox.countFailed', { failed }) : '';
}

function updateNet() {
  const net = document.getElementById('net');
  net.textContent = t('net.offline');
  net.hidden = navigator.onLine;
}

// ---------------------------------------------------------- service worker

async function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  try {
    const reg = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
    const offerUpdate = (worker) => {
      if (!navigator.serviceWorker.controller) return; // first install: nothing to replace
      const banner = document.getElementById('banner');
      mount(
        banner,
        h('span', null, t('update.ready')),
        h(
          'button',
          {
            class: 'btn small',
            type: 'button',
            testid: 'update-reload',
            onclick: () => worker.postMessage({ type: 'skip-waiting' }),
          },
          t('update.reload'),
        ),
      );
      banner.hidden = false;
    };
    if (reg.waiting) offerUpdate(reg.waiting);
    reg.addEventListener('updatefound', () => {
      const w = reg.installing;
      w?.addEventListener('statechange', () => w.state === 'installed' && offerUpdate(w));
    });
    let reloading = false;
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      // Only after the user asked for the new version (a first install also changes controller).
      if (!reloading && !document.getElementById('banner').hidden) {
        reloading = true;
        location.reload();
      }
    });
    navigator.serviceWorker.addEventListener('message', (e) => {
      if (e.data?.type === 'flush-outbox') flushOutbox({ force: true });
      if (e.data?.type === 'navigate' && e.data.url) {
        const u = new URL(e.data.url, location.origin);
        if (u.origin === location.origin) navigate((u.hash || '#/home').slice(1));
      }
    });
  } catch (e) {
    console.warn('service worker registration failed', e);
  }
}

// ------------------------------------------------------------------- start

async function start() {
  await setLocale(storedLocale() || 'zh-CN', { remember: false });
  translateShell();
  const session = await restoreSession();
  onSessionChange(sessionChanged);
  renderNav();
  onOutboxChange(refreshCount);
  refreshCount();

  window.addEventListener('hashchange', route);
  window.addEventListener('online', () => {
    updateNet();
    flushOutbox({ force: true });
  });
  window.addEventListener('offline', updateNet);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') flushOutbox();
  });

  await route();
  registerServiceWorker();
  if (session) flushOutbox({ force: true });
  // Ask the browser not to evict the outbox under storage pressure.
  navigator.storage?.persist?.().catch(() => {});

  if (session) refreshViewer();
}

/** Re-reads the account (name, role, unit) when online; an expired token signs out. */
async function refreshViewer() {
  try {
    const data = await gql(OPS.viewer);
    if (!getSession()) return;
    if (!data.viewer) return sessionLost();
    await updateViewer(data.viewer);
  } catch {
    /* offline: the stored viewer serves */
  }
}

start().catch((err) => {
  console.error(err);
  mount(main(), errorBox({ code: 'INTERNAL_SERVER_ERROR' }, () => location.reload()));
});

/** Language switch from the settings screen (ctx.changeLocale). */
async function changeLocale(l) {
  await setLocale(l);
  translateShell();
  await route();
}
