// Who is a minor case, for the enrol form (only the officer's screens load it).
import { check, idText } from './rules.js';

/**
 * Whether the person is a minor case: under the table's adult age on the day
 * the term starts, by the ID number's birth date. The server's rule
 * (api/domain/corrections/minors.py, minor_at_start): on the 18th birthday
 * itself the person is still under 18, and one born on 29 February has it on
 * the 28th in a common year. null while the ID number or the date is not valid.
 */
export function minorAtStart(table, idNumber, termStart) {
  if (!idNumber || check(table, { rule: 'residentId' }, idNumber) || !/^\d{4}-\d{2}-\d{2}$/.test(termStart || '')) return null;
  const s = idText(table, idNumber);
  const year = Number(s.slice(6, 10)) + table.minor.adultAge;
  const month = Number(s.slice(10, 12));
  const day = Math.min(Number(s.slice(12, 14)), new Date(Date.UTC(year, month, 0)).getUTCDate());
  const p = (n) => String(n).padStart(2, '0');
  return termStart <= `${year}-${p(month)}-${p(day)}`;
}
