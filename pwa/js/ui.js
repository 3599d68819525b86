// Small DOM helpers. Text is always set as text (never parsed as HTML), and
// nothing sets a style attribute: the CSP forbids inline styles, so looks
// come from classes and visibility from the `hidden` attribute.
import { t, tEnum, fmtDateTime, fmtRelative } from './i18n.js';
import { cacheGet, cachePut } from './store.js';

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
    errEl,
  );
}

/** Marks the field `name` of form invalid with message (or clears all when name is null). */
export function showFieldError(form, name, message) {
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  for (const el of form.querySelectorAll('.field-error')) {
    el.hidden = true;
    el.textContent = '';
  }
  if (!name) return false;
  const input = form.querySelector(`[name="${CSS.escape(name)}"]`);
  if (!input) return false;
  input.setAttribute('aria-invalid', 'true');
  const err = document.getElementById(input.id + 'e');
  if (err) {
    err.textContent = message;
    err.hidden = false;
  }
  input.focus();
  return true;
}

/** A human message for an error from the API (or anything thrown). */
export function errorText(err) {
  const code = err && err.code;
  if (code === 'RATE_LIMITED') return t('error.RATE_LIMITED', { s: err.retryAfter || 60 });
  if (code && code !== 'BAD_USER_INPUT' && code !== 'CONFLICT') return t('error.' + code);
  // BAD_USER_INPUT / CONFLICT carry the server's explanation.
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

/** A submit button that shows it is working and can't be pressed twice. */
export async function busy(button, fn) {
  if (button.disabled) return;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await fn();
  } finally {
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

/** An error box for a screen that could not load. */
export function errorBox(err, retry) {
  return h(
    'div',
    { class: 'notice error', role: 'alert' },
    h('p', null, errorText(err)),
    retry ? h('button', { class: 'btn', type: 'button', onclick: retry }, t('action.retry')) : null,
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

/** "39.90420, 116.40740 (±20 m)" as a geo: link that opens the phone's map app. */
export function place(loc) {
  if (!loc) return h('span', { class: 'muted' }, t('checkin.noLocation'));
  const text = `${loc.latitude.toFixed(5)}, ${loc.longitude.toFixed(5)}` +
    (loc.accuracyMeters ? ` (±${Math.round(loc.accuracyMeters)} m)` : '');
  return h('a', { href: `geo:${loc.latitude},${loc.longitude}`, class: 'geo' }, text);
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
