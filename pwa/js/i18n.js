// Messages and formatting. Every visible string comes from a catalogue in
// /i18n/; dates, times and numbers go through Intl in the user's locale and
// the device's time zone. zh-CN is the default, en the second language.

export const LOCALES = ['zh-CN', 'en'];
const STORAGE_KEY = 'sifasuo.lang';

let locale = 'zh-CN';
let messages = {};
let fmtCache = new Map();

/** The language chosen on this device, or null if none was chosen yet. */
export function storedLocale() {
  const l = localStorage.getItem(STORAGE_KEY);
  return LOCALES.includes(l) ? l : null;
}

// Areas whose catalogues a screen asked for (loadArea), kept across a change of language.
const areas = new Set();
const areaMessages = async (area, l) => (await import(`../i18n/${area}.${l}.js`)).default;

export async function setLocale(l, { remember = true } = {}) {
  if (!LOCALES.includes(l)) l = 'zh-CN';
  // Only the chosen catalogue is fetched (each is its own module).
  const mod = l === 'en' ? await import('../i18n/en.js') : await import('../i18n/zh-CN.js');
  const extra = await Promise.all([...areas].map((a) => areaMessages(a, l)));
  messages = Object.assign({}, mod.default, ...extra);
  locale = l;
  fmtCache = new Map();
  document.documentElement.lang = l;
  if (remember) localStorage.setItem(STORAGE_KEY, l);
}

export const getLocale = () => locale;

/**
 * Adds an area's messages (i18n/<area>.<locale>.js) to the catalogue. The
 * first load carries the shell's catalogue only; a role screen that needs its
 * own strings awaits this at the top of its module, so they come with the
 * screen and not before (the service worker precaches them for offline use).
 */
export async function loadArea(area) {
  areas.add(area);
  // The language may change while the catalogue is fetched: fetch again in
  // the one now chosen, so an old language never overwrites the new one.
  let l;
  let table;
  do {
    l = locale;
    table = await areaMessages(area, l);
  } while (l !== locale);
  Object.assign(messages, table);
  return table;
}

/** Whether the catalogue has its own text for `key`. */
export const hasMessage = (key) => Object.prototype.hasOwnProperty.call(messages, key);

/** t('key', {name: 'x'}) → the message with {name} replaced. */
export function t(key, vars) {
  let s = messages[key];
  if (s === undefined) {
    console.warn('missing message', key);
    s = key;
  }
  if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (vars[k] === undefined ? m : String(vars[k])));
  return s;
}

/** The label of an enum value of whichever type has it (the audit log's details name none). */
export function enumWord(value) {
  const suffix = `.${value}`;
  for (const k in messages) if (k.startsWith('enum.') && k.endsWith(suffix)) return messages[k];
  return null;
}

/** Label of an enum value: tEnum('RiskLevel', 'HIGH'). */
export const tEnum = (type, value) => (value ? t(`enum.${type}.${value}`) : '');

function fmt(kind, opts) {
  const key = kind + JSON.stringify(opts);
  let f = fmtCache.get(key);
  if (!f) {
    f = new Intl[kind](locale, opts);
    fmtCache.set(key, f);
  }
  return f;
}

/** A DateTime (ISO with offset) in the user's zone, e.g. "2025年11月25日 10:32". */
export function fmtDateTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return isNaN(d) ? String(iso) : fmt('DateTimeFormat', { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

export function fmtTime(iso) {
  const d = new Date(iso);
  return isNaN(d) ? '' : fmt('DateTimeFormat', { timeStyle: 'short' }).format(d);
}

/** A Date ("2025-11-25"): a calendar day, formatted without a zone shift. */
export function fmtDate(ymd) {
  if (!ymd) return '';
  const d = new Date(String(ymd).slice(0, 10) + 'T00:00:00Z');
  return isNaN(d) ? String(ymd) : fmt('DateTimeFormat', { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

/** Items joined the way the language lists them (、 in Chinese, a comma in English). */
export const fmtList = (items) => items.join(t('list.sep'));

export const fmtNumber = (n, opts) => fmt('NumberFormat', opts || {}).format(n);

export const fmtMoney = (s) =>
  s === null || s === undefined || s === '' ? '' : fmtNumber(Number(s), { style: 'currency', currency: 'CNY' });

export const fmtPercent = (x) => (x === null || x === undefined ? '—' : fmtNumber(x, { style: 'percent', maximumFractionDigits: 0 }));

/** A span of time as "2 days 3 hours" (largest two units, at least minutes). */
export function fmtDuration(ms) {
  ms = Math.abs(ms);
  const units = [
    ['day', 86400000],
    ['hour', 3600000],
    ['minute', 60000],
  ];
  const parts = [];
  for (const [unit, size] of units) {
    const n = Math.floor(ms / size);
    if (n > 0 || (unit === 'minute' && !parts.length)) {
      parts.push(fmtNumber(n, { style: 'unit', unit, unitDisplay: 'long' }));
      ms -= n * size;
    }
    if (parts.length === 2) break;
  }
  return fmt('ListFormat', { style: 'narrow', type: 'unit' }).format(parts);
}

/** "3 minutes ago", "in 2 days". */
export function fmtRelative(iso) {
  const diff = new Date(iso).getTime() - Date.now();
  const abs = Math.abs(diff);
  const rtf = fmt('RelativeTimeFormat', { numeric: 'auto' });
  if (abs < 3600000) return rtf.format(Math.round(diff / 60000), 'minute');
  if (abs < 86400000) return rtf.format(Math.round(diff / 3600000), 'hour');
  return rtf.format(Math.round(diff / 86400000), 'day');
}

// ------------------------------------------------------- values for the API

const pad = (n) => String(n).padStart(2, '0');

/**
 * ISO 8601 with the device's offset: "2025-11-25T10:32:00.123+08:00". The
 * milliseconds matter: the server orders a person's check-ins and compares
 * them with the enrolment time by capturedAt, and two moments within one
 * second must not look equal (or earlier) to it.
 */
export function isoWithOffset(d = new Date()) {
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const a = Math.abs(off);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
    `T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` +
    `.${String(d.getMilliseconds()).padStart(3, '0')}` +
    `${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`
  );
}

/** Value for <input type="datetime-local">. */
export const localInputValue = (d = new Date()) =>
  `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;

/** Value for <input type="date">. */
export const dateInputValue = (d = new Date()) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** A datetime-local input's value (local wall time) as ISO with offset. */
export const fromLocalInput = (v) => (v ? isoWithOffset(new Date(v)) : null);
