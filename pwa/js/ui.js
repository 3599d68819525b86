// Small DOM helpers. Text is always set as text (never parsed as HTML), and
// nothing sets a style attribute: the CSP forbids inline styles, so looks
// come from classes and visibility from the `hidden` attribute.
import { t, tEnum, fmtDateTime, fmtRelative, hasMessage } from './i18n.js';
import { cacheGet, cachePut, draftGet, draftPut, draftDel } from './store.js';

/**
 * h('button', {class: 'btn', testid: 'x', onclick: fn}, 'text', child…)
 * Attributes: class, testid (→ data-testid), on<event>, boolean true → empty
 * attribute, false/null/undefined → omitted, anything else → setAttribute.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === false || v === null || v === undefined) continue;
      if (k === 'testid') el.setAttribute('data-testid', v);
      else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (k === 'value') el.value = v;
      else if (k === 'checked') el.checked = !!v;
      else el.setAttribute(k, v === true ? '' : v);
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces the children of el. */
export function mount(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** The screen's title; the router focuses it after navigation (for screen readers). */
export const title = (text) => h('h1', { tabindex: '-1', class: 'title' }, text);

let uid = 0;

/**
 * A labelled form field. opts: label, name, type (text, textarea, select,
 * number, date, datetime-local, password, tel, checkbox), required, value,
 * options [[value, label]], hint, testid, and any input attribute (min,
 * autocomplete, inputmode, maxlength…). The error slot below is filled by
 * showFieldErrors().
 */
export function field(opts) {
  const { label, name, type = 'text', options, hint, testid, value, ...rest } = opts;
  const id = `f${++uid}`;
  const described = [];
  const hintEl = hint ? h('p', { class: 'hint', id: id + 'h' }, hint) : null;
  if (hintEl) described.push(id + 'h');
  const errEl = h('p', { class: 'field-error', id: id + 'e', hidden: true });
  described.push(id + 'e');
  const common = { id, name, testid, 'aria-describedby': described.join(' '), ...rest };
  let input;
  if (type === 'textarea') input = h('textarea', { rows: 3, ...common }, value ?? '');
  else if (type === 'select') {
    input = h(
      'select',
      common,
      (options || []).map(([v, l]) => h('option', { value: v, selected: String(v) === String(value ?? '') }, l)),
    );
  } else if (type === 'checkbox') {
    input = h('input', { type, checked: !!value, ...common });
    return h('div', { class: 'field check' }, input, h('label', { for: id }, label), hintEl, errEl);
  } else input = h('input', { type, value: value ?? '', ...common });
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label, opts.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    hintEl,
    input,
    rest.maxlength ? counter(input, Number(rest.maxlength), testid) : null,
    errEl,
  );
}

// The counter appears from this share of the limit on: below it, it is noise.
const COUNTER_FROM = 0.8;

/** "1,980 / 2,000" under a long text once it nears its limit (code points, as the server counts). */
function counter(input, max, testid) {
  const el = h('p', { class: 'counter', 'aria-live': 'polite', hidden: true, testid: testid ? testid + '-count' : null });
  const update = () => {
    const n = [...input.value].length;
    el.hidden = n < max * COUNTER_FROM;
    el.textContent = t('form.counter', { n, max });
    el.classList.toggle('at-limit', n >= max);
  };
  input.addEventListener('input', update);
  input.addEventListener('draft-restored', update);
  return el;
}

/** Marks the field `name` of form invalid with message (or clears all when name is null). */
export function showFieldError(form, name, message) {
  return showFieldErrors(form, name ? [[name, message]] : []) > 0;
}

/**
 * Marks every field in `problems` ([[name or input element, message]…])
 * invalid at once, clearing earlier marks, and focuses the first. Returns
 * how many were marked.
 */
export function showFieldErrors(form, problems) {
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  for (const el of form.querySelectorAll('.field-error')) {
    el.hidden = true;
    el.textContent = '';
  }
  let first = null;
  for (const [name, message] of problems) {
    const input = typeof name === 'string' ? form.querySelector(`[name="${CSS.escape(name)}"]`) : name;
    if (!input) continue;
    input.setAttribute('aria-invalid', 'true');
    const err = document.getElementById(input.id + 'e');
    if (err) {
      err.textContent = message;
      err.hidden = false;
    }
    first = first || input;
  }
  if (first) first.focus();
  return first ? problems.length : 0;
}

/** A rule problem from rules.js ({key, params}) in words. */
export const problemText = (p) => t(p.key, p.params || {});

/** After showFieldErrors: says in the form's message slot how many fields need a look. */
export function showProblemCount(form, n) {
  const slot = form.querySelector('.form-msg');
  if (!slot) return;
  slot.textContent = t('form.fixFields', { n });
  slot.className = 'form-msg error';
  slot.hidden = false;
}

/**
 * The page's own words for a server reason key ('reason.PHONE_FORMAT' in the
 * catalogue), with the figures the server sent, or null where it has none.
 */
export function reasonText(err) {
  const key = err && err.reason ? 'reason.' + err.reason : null;
  return key && hasMessage(key) ? t(key, err.params || {}) : null;
}

/** A human message for an error from the API (or anything thrown). */
export function errorText(err) {
  const own = reasonText(err);
  if (own) return own;
  const code = err && err.code;
  if (code === 'RATE_LIMITED') return t('error.RATE_LIMITED', { s: err.retryAfter || 60 });
  if (code && code !== 'BAD_USER_INPUT' && code !== 'CONFLICT') return t('error.' + code);
  // BAD_USER_INPUT / CONFLICT carry the server's explanation, in the user's language.
  return (err && err.message) || t('error.INTERNAL_SERVER_ERROR');
}

/** A form's submit error: under the field at fault when there is one, else in the form's message slot. */
export function showFormError(form, err) {
  const msg = errorText(err);
  const shown = err && err.field && showFieldError(form, err.field.split('.').pop(), msg);
  const slot = form.querySelector('.form-msg');
  if (slot) {
    slot.textContent = shown ? t('form.fixField') : msg;
    slot.className = 'form-msg error';
    slot.hidden = false;
  }
  if (!slot && !shown) announce(msg, 'error');
}

/** An aria-live message slot for a form. */
export const formMessage = () => h('p', { class: 'form-msg', role: 'alert', hidden: true, testid: 'form-msg' });

let toastTimer;
/** A short status message, read out by screen readers (the #status region is aria-live). */
export function announce(msg, kind = 'info') {
  const el = document.getElementById('status');
  // The region stays in the page (a live region that appears with its text
  // is often not read out); it is hidden by CSS while empty.
  el.className = `toast ${kind}`;
  el.textContent = msg;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (el.textContent = ''), kind === 'error' ? 8000 : 4000);
}

const working = new WeakSet();

/** Whether busy() is running for this button (a re-render must not enable it meanwhile). */
export const isBusy = (button) => working.has(button);

/**
 * Every submit button goes through here: disabled from the first tap until
 * fn's promise settles, which for a write is the server's answer (or the
 * network failing), so a second tap cannot store the write twice.
 */
export async function busy(button, fn) {
  if (working.has(button) || button.disabled) return;
  working.add(button);
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await fn();
  } finally {
    working.delete(button);
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

/** Values of a form's named fields (checkbox groups with the same name → arrays). */
export function formValues(form) {
  const out = {};
  for (const el of form.elements) {
    if (!el.name) continue;
    if (el.type === 'checkbox') {
      if (el.dataset.group) {
        out[el.name] = out[el.name] || [];
        if (el.checked) out[el.name].push(el.value);
      } else out[el.name] = el.checked;
    } else if (el.type === 'radio') {
      if (el.checked) out[el.name] = el.value;
    } else out[el.name] = el.value.trim();
  }
  return out;
}

/** "As of 10:32 (5 minutes ago)" for data from the cache or the network. */
export function asOf(iso, stale) {
  return h(
    'p',
    { class: stale ? 'as-of stale' : 'as-of', testid: 'as-of' },
    t(stale ? 'asOf.offline' : 'asOf.fresh', { time: fmtDateTime(iso), rel: fmtRelative(iso) }),
  );
}

export const loading = () => h('p', { class: 'loading', role: 'status' }, t('loading'));

export const empty = (text) => h('p', { class: 'empty' }, text);

export const badge = (text, kind = '') => h('span', { class: `badge ${kind}` }, text);

/**
 * Shows cached data at once, then fresh data from the network, caching it.
 * render(data, {asOf, stale}) may be called twice. When the network fails
 * and nothing is cached, renderError(err) is called.
 */
export async function cachedQuery(ctx, key, fetcher, render, renderError) {
  const cached = key ? await cacheGet(key) : null;
  if (cached && ctx.alive) render(cached.data, { asOf: cached.asOf, stale: true, fromCache: true });
  try {
    const data = await fetcher();
    if (!ctx.alive) return;
    const now = new Date().toISOString();
    if (key) await cachePut(key, data);
    render(data, { asOf: now, stale: false });
  } catch (err) {
    if (!ctx.alive || err.name === 'AbortError') return;
    if (cached && err.offline) return; // the cached view stays, marked as offline
    renderError(err, cached);
  }
}

/** A check-in's review status as a badge (the person's history and the officer's lists). */
export const statusBadge = (status) =>
  badge(tEnum('CheckInStatus', status), { VERIFIED: 'ok', REJECTED: 'bad', PENDING_REVIEW: 'warn' }[status] || '');

/** An error box for a screen that could not load; no retry for a refusal (it would be refused again). */
export function errorBox(err, retry) {
  const refused = err && err.code === 'BAD_USER_INPUT';
  return h(
    'div',
    { class: 'notice error', role: 'alert' },
    h('p', null, errorText(err)),
    retry && !refused ? h('button', { class: 'btn', type: 'button', onclick: retry }, t('action.retry')) : null,
  );
}

/** A definition list from [[label, value], …], skipping empty values. */
export function facts(rows) {
  return h(
    'dl',
    { class: 'facts' },
    rows
      .filter(([, v]) => v !== null && v !== undefined && v !== '')
      .map(([k, v]) => h('div', null, h('dt', null, k), h('dd', null, v))),
  );
}

/** Geolocation as a promise; resolves null (never rejects) when unavailable or refused. */
export function locate(timeout = 15000) {
  return new Promise((resolve) => {
    if (!navigator.geolocation) return resolve(null);
    navigator.geolocation.getCurrentPosition(
      (p) =>
        resolve({
          latitude: p.coords.latitude,
          longitude: p.coords.longitude,
          accuracyMeters: Math.round(p.coords.accuracy),
        }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout, maximumAge: 60000 },
    );
  });
}

/** "39.90420, 116.40740 (±20 m)" as a geo: link that opens the phone's map app, a whole tap target (.geo). */
export function place(loc) {
  if (!loc) return h('span', { class: 'muted' }, t('checkin.noLocation'));
  const text = `${loc.latitude.toFixed(5)}, ${loc.longitude.toFixed(5)}` +
    (loc.accuracyMeters ? ` (±${Math.round(loc.accuracyMeters)} m)` : '');
  return h('a', { href: `geo:${loc.latitude},${loc.longitude}`, class: 'geo', testid: 'geo-link' }, text);
}

/** Options for a select of enum values: [[value, label]…], with an optional leading "any". */
export const enumOptions = (type, values, tEnum, anyLabel) => [
  ...(anyLabel ? [['', anyLabel]] : []),
  ...values.map((v) => [v, tEnum(type, v)]),
];

/** Calls fn at most once per `ms` after the last call (for search boxes). */
export function debounce(fn, ms = 300) {
  let id;
  return (...a) => {
    clearTimeout(id);
    id = setTimeout(() => fn(...a), ms);
  };
}

// ----------------------------------------------------------------- drafts

/** Every named control's value in order (repeated names, like party rows, included). */
function snapshot(form) {
  return [...form.elements]
    .filter((el) => el.name && !el.hasAttribute('data-nodraft') && el.type !== 'submit' && el.type !== 'button')
    .map((el) => [el.name, el.type === 'checkbox' || el.type === 'radio' ? el.checked : el.value]);
}

function restore(form, values) {
  const seen = {};
  for (const [name, value] of values) {
    const i = (seen[name] = (seen[name] ?? -1) + 1);
    const el = [...form.elements].filter((e) => e.name === name)[i];
    if (!el || el.hasAttribute('data-nodraft')) continue;
    if (el.type === 'checkbox' || el.type === 'radio') el.checked = !!value;
    else el.value = value;
    el.dispatchEvent(new Event('draft-restored'));
  }
}

/**
 * Keeps `form` as a draft in IndexedDB while it is typed (back, swipe-back,
 * a reload or a crash lose nothing), and restores it when the form opens
 * again. opts.prepare(values) runs before restoring (e.g. to add the rows
 * the draft has). Resolves {draft, clear}: the draft found (with the
 * server's refusal, if it came back from the outbox), and clear() for after
 * a submit or a discard. Fields marked data-nodraft (an ID number) are
 * never kept.
 */
export async function keepDraft(form, key, opts = {}) {
  const found = await draftGet(key).catch(() => null);
  if (found && found.values) {
    if (opts.prepare) opts.prepare(found.values);
    restore(form, found.values);
  }
  let cleared = false;
  const route = location.hash.slice(1);
  const save = debounce(() => !cleared && draftPut(key, { values: snapshot(form), route }), 250);
  form.addEventListener('input', save);
  form.addEventListener('change', save);
  // Back, a swipe-back or a tab switch may come before the debounce fires.
  let typed = false;
  form.addEventListener('input', () => (typed = true));
  const flushNow = () => !cleared && typed && draftPut(key, { values: snapshot(form), route });
  window.addEventListener('pagehide', flushNow);
  window.addEventListener('hashchange', flushNow, { once: true });
  return {
    draft: found || null,
    /** Form values as kept, for a write's outbox item (so a refusal can reopen it). */
    values: () => snapshot(form),
    clear: async () => {
      cleared = true;
      window.removeEventListener('pagehide', flushNow);
      window.removeEventListener('hashchange', flushNow);
      await draftDel(key);
    },
    /** Keep drafting after a refused submit. */
    resume: () => {
      cleared = false;
    },
  };
}

/** The field a server refusal names ("parties.1.phone" → the second party's phone), or null. */
export function refusedInput(form, fieldPath, aliases = {}) {
  if (!fieldPath) return null;
  const parts = fieldPath.replace(/^input\./, '').split('.');
  const [head, index, tail] = parts;
  if (index !== undefined && /^\d+$/.test(index) && aliases[head]) {
    const name = typeof aliases[head] === 'function' ? aliases[head](tail) : aliases[head];
    return [...form.elements].filter((e) => e.name === name)[Number(index)] || null;
  }
  const name = aliases[head] && typeof aliases[head] === 'string' ? aliases[head] : head;
  return form.querySelector(`[name="${CSS.escape(name)}"]`);
}

/** The server's refusal under the field it names, and why in the form's message slot. */
export function showRefused(form, error, aliases) {
  const input = refusedInput(form, error && error.field, aliases);
  const message = reasonText(error) || (error && error.message) || t('error.BAD_USER_INPUT');
  showFieldErrors(form, input ? [[input, message]] : []);
  const slot = form.querySelector('.form-msg');
  slot.textContent = input ? t('form.refused') : t('form.refused') + ' ' + message;
  slot.className = 'form-msg error';
  slot.hidden = false;
}

/** A write the server sent back: it waits in its form, not in the outbox. */
export const returnedNotice = (d) =>
  h('p', { class: 'notice error', testid: 'draft-returned' },
    t('draft.returned', { title: d.title || '' }), ' ',
    h('a', { href: '#' + d.route, class: 'btn small' }, t('draft.fix')));

