// Inline SVG charts (the dashboard's, and the monthly report's): colours come
// from CSS classes (bar-ok, bar-bad…), so a chart follows the stylesheet and
// the CSP; the numbers are also in a visually hidden table for screen readers.
import { fmtNumber } from './i18n.js';
import { h } from './ui.js';

const NS = 'http://www.w3.org/2000/svg';
export function svg(tag, attrs, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
  for (const c of children) if (c) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

/** Horizontal bars: rows [[label, value, kind]], labels above each bar (phones are narrow). */
export function barChart(caption, rows, testid) {
  const max = Math.max(1, ...rows.map((r) => r[1]));
  const rowH = 46;
  const chart = svg('svg', { viewBox: `0 0 300 ${rows.length * rowH + 4}`, class: 'chart', 'aria-hidden': 'true', focusable: 'false' },
    ...rows.map(([label, value, kind], i) => {
      const y = i * rowH;
      const w = Math.max(2, Math.round((value / max) * 250));
      return svg('g', null,
        svg('text', { x: 0, y: y + 15, class: 'chart-label' }, label),
        svg('rect', { x: 0, y: y + 22, width: w, height: 16, rx: 3, class: `bar bar-${kind || 'main'}` }),
        svg('text', { x: w + 6, y: y + 36, class: 'chart-value' }, fmtNumber(value)));
    }));
  return h('figure', { class: 'card chart-card', testid },
    h('figcaption', null, caption),
    chart,
    h('table', { class: 'visually-hidden' }, h('tbody', null, rows.map(([l, v]) => h('tr', null, h('th', { scope: 'row' }, l), h('td', null, fmtNumber(v)))))));
}
