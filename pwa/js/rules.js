// The server's input rules, checked in the form before anything is sent.
//
// The table is /rules.json, made by the server from the very constants it
// validates with (api/input_rules.py, api/domain/validators.py) and
// precached by the service worker, so the rules are the same offline and
// are never typed a second time here. This module only reads the table; it
// imports nothing, so the server's tests run it in Node against the
// validators (tests/test_input_rules.py).

let loaded = null;

/** The rule table, fetched once per page (the service worker answers offline). */
export function loadRules() {
  if (!loaded) {
    loaded = fetch('/rules.json').then((r) => {
      if (!r.ok) throw new Error('rules ' + r.status);
      return r.json();
    });
    loaded.catch(() => (loaded = null));
  }
  return loaded;
}

const codePoints = (s) => [...s].length;
const whole = (pattern) => new RegExp(`^(?:${pattern})$`, 'u');
const INVISIBLE = /\p{Cf}/u;
const CONTROL = /[\p{Cc}\p{Cs}]/u;

function ascii(table, s) {
  return [...s].map((ch) => table.fullWidth[ch] ?? ch).join('');
}

// Python's str.strip() and split() take the same whitespace as JavaScript's
// \s and trim() for everything a keyboard or a paste can bring.
const squeeze = (s) => s.split(/\s+/u).join('');

/** The ID number as the server reads it: full-width digits, spaces and a small x allowed. */
export function idText(table, value) {
  const s = squeeze(ascii(table, value));
  return s.endsWith('x') ? s.slice(0, -1) + 'X' : s;
}

function residentId(table, value) {
  const r = table.residentId;
  const s = idText(table, value);
  if (s.length !== r.length || !whole(r.pattern).test(s)) return { key: 'rule.residentIdShape' };
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  const born = new Date(Date.UTC(y, m - 1, d));
  if (m < 1 || m > 12 || born.getUTCFullYear() !== y || born.getUTCMonth() !== m - 1 || born.getUTCDate() !== d) {
    return { key: 'rule.residentIdDate' };
  }
  if (y < r.minYear || s.slice(6, 14) > todayText().replaceAll('-', '')) return { key: 'rule.residentIdDate' };
  const total = r.weights.reduce((sum, w, i) => sum + w * Number(s[i]), 0);
  if (r.checkChars[total % 11] !== s[17]) return { key: 'rule.residentIdCheck' };
  return null;
}

function mobilePhone(table, value) {
  const s = squeeze(ascii(table, value)).replaceAll('-', '');
  return whole(table.mobilePhone.pattern).test(s) ? null : { key: 'rule.mobilePhone' };
}

function money(table, value) {
  const r = table.money;
  const s = value.trim();
  if (codePoints(s) > r.maxTextLength || !whole(r.pattern).test(s)) return { key: 'rule.money' };
  const n = Number(s);
  if (n < Number(r.min)) return { key: 'rule.moneyMin', params: { min: r.min } };
  if (n > Number(r.max)) return { key: 'rule.moneyMax', params: { max: r.max } };
  const cents = (s.split('.')[1] || '').replace(/0+$/, '');
  if (cents.length > r.places) return { key: 'rule.moneyPlaces', params: { places: r.places } };
  return null;
}

// Symbols a name may not hold.
const symbolsOf = (r) => new RegExp(`[${r.nameSymbolCategories.map((c) => `\\p{${c}}`).join('')}]`, 'u');

function text(table, value, rule, isName) {
  const r = table.text;
  let s = value.replaceAll('\r\n', '\n');
  if (isName) {
    if ([...s].some((ch) => INVISIBLE.test(ch) || r.blankLetters.includes(ch))) return { key: 'rule.invisible' };
  } else s = [...s].filter((ch) => !INVISIBLE.test(ch)).join('');
  s = s.trim();
  if ([...s].some((ch) => CONTROL.test(ch) && !r.allowedControls.includes(ch))) return { key: 'rule.control' };
  if (isName && [...s].some((ch) => r.nameBreaks.includes(ch))) return { key: 'rule.oneLine' };
  if (isName && symbolsOf(r).test(s)) return { key: 'rule.symbol' };
  if (!s) return rule.required ? { key: 'form.required' } : null;
  if (codePoints(s) > rule.max) return { key: 'rule.tooLong', params: { max: rule.max } };
  return null;
}

function integer(value, rule) {
  if (!/^[+-]?[0-9]+$/.test(value.trim())) return { key: 'rule.integer' };
  const n = Number(value);
  if (n < rule.min || n > rule.max) return { key: 'rule.between', params: { min: rule.min, max: rule.max } };
  return null;
}

/** Today on this device as YYYY-MM-DD. */
export function todayText(now = new Date()) {
  const p = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/**
 * What is wrong with one value under one rule of the table, or null:
 * {key, params} for t(). Empty values are only checked for being required.
 */
export function check(table, rule, value) {
  const v = value === undefined || value === null ? '' : String(value);
  if (rule.rule === 'text' || rule.rule === 'name') return text(table, v, rule, rule.rule === 'name');
  if (!v.trim()) return rule.required ? { key: 'form.required' } : null;
  switch (rule.rule) {
    case 'mobilePhone':
      return mobilePhone(table, v);
    case 'residentId':
      return residentId(table, v);
    case 'money':
      return money(table, v);
    case 'int':
      return integer(v, rule);
    default:
      return null;
  }
}

/** {field: {key, params}} for every field of `form` (a name in the table) that `values` gets wrong. */
export function checkForm(table, form, values) {
  const out = {};
  for (const [name, rule] of Object.entries(table.forms[form] || {})) {
    if (!(name in values)) continue;
    const problem = check(table, rule, values[name]);
    if (problem) out[name] = problem;
  }
  return out;
}

/** The input attributes a rule implies (maxlength for the counter, required for the label). */
export function attrsOf(table, form, name) {
  const rule = (table.forms[form] || {})[name];
  if (!rule) return {};
  return { required: !!rule.required, ...(rule.max && (rule.rule === 'text' || rule.rule === 'name') ? { maxlength: rule.max } : {}) };
}

