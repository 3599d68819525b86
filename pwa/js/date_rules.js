// The rule table's dates, checked in a form before it is sent: a term's
// lawful length by its kind (the table's `terms`, made from
// api/domain/corrections/term_rules.py) and a date already past that the
// server takes with a warning. Read from /rules.json, never typed again;
// apart from rules.js so that the first load does not carry it. It imports
// only rules.js, so tests/test_input_rules.py runs it in Node against the server.
import { todayText } from './rules.js';

// A day number (days since 1970-01-01) as 'YYYY-MM-DD'.
const dateOf = (n) => new Date(n * 864e5).toISOString().slice(0, 10);

/** The last day of a term of `months` months from `start`, both counted in (term_rules.last_day_of). */
export function lastDayOf(start, months) {
  const index = Number(start.slice(0, 4)) * 12 + Number(start.slice(5, 7)) - 1 + months;
  const [year, month] = [Math.floor(index / 12), index % 12];
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(Number(start.slice(8, 10)), last);
  if (year > 9999) return '9999-12-31';
  return dateOf(Date.UTC(year, month, day) / 864e5 - 1);
}

/** What is wrong with a term of its kind (api/domain/corrections/term_rules.py), or null. */
export function checkTerm(table, kind, start, end) {
  if (!start || !end) return null;
  if (end <= start) return { key: 'rule.termOrder' };
  const b = table.terms[kind];
  if (!b) return null;
  if (b.minMonths !== null && end < lastDayOf(start, b.minMonths)) return { key: 'rule.termShort', params: { months: b.minMonths } };
  if (end > lastDayOf(start, b.maxMonths)) return { key: 'rule.termLong', params: { months: b.maxMonths } };
  return null;
}

/**
 * {field: {key, params}} for what the server takes but the user should see
 * before sending: a date the table marks `warnBeforeToday` that has passed
 * (the server takes it and flags it, e.g. LegalAidRequest.deadlinePassed).
 */
export function warningsOf(table, form, values) {
  const out = {};
  for (const [name, rule] of Object.entries(table.forms[form] || {})) {
    const v = values[name];
    if (rule.rule === 'date' && rule.warnBeforeToday && v && v < todayText()) out[name] = { key: 'rule.deadlinePassed' };
  }
  return out;
}
