// The monthly report (月报): a unit's month as a table (each unit below, the
// total), computed from the records or, once submitted, frozen; the charts
// the dashboard draws (month over month, per unit); the XLSX and CSV exports;
// and the unit head's submission (again, with a reason, for a correction).
import { gql } from '../api.js';
import { t, fmtDateTime, fmtNumber, loadArea } from '../i18n.js';
import { h, mount, title, field, formValues, formMessage, busy, announce, errorBox, empty, showFormError, loading } from '../ui.js';
import { getSession } from '../store.js';
import { barChart } from '../charts.js';
import OPS from '../operations/statistics.js';

await loadArea('statistics');

const pad = (n) => String(n).padStart(2, '0');
function monthOf(d) {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
}
function shift(month, by) {
  const [y, m] = month.split('-').map(Number);
  return monthOf(new Date(y, m - 1 + by, 1));
}

/** The file, fetched with the session's token (a plain link carries none), saved by the browser. */
async function download(path, name) {
  const res = await fetch(path, { headers: { Authorization: `Bearer ${getSession()?.token || ''}` } });
  if (!res.ok) throw new Error(String(res.status));
  const url = URL.createObjectURL(await res.blob());
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export async function report(el, ctx) {
  const viewer = ctx.viewer;
  const units = (await gql(OPS.units, {}, { signal: ctx.signal })).orgUnits;
  if (!ctx.alive) return;
  const unitId = ctx.query.get('unit') || (viewer.orgUnit && units.some((u) => u.id === viewer.orgUnit.id) ? viewer.orgUnit.id : units[0]?.id);
  const month = ctx.query.get('month') || shift(monthOf(new Date()), -1);
  const chosen = ctx.query.get('figure');
  const picker = h('form', { class: 'form inline', testid: 'st-picker' },
    field({ label: t('st.unit'), name: 'unit', type: 'select', value: unitId, options: units.map((u) => [u.id, u.name]), testid: 'st-unit' }),
    field({ label: t('st.month'), name: 'month', type: 'month', value: month, max: monthOf(new Date()), testid: 'st-month' }),
    h('button', { class: 'btn', type: 'submit', testid: 'st-show' }, t('st.show')));
  picker.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = formValues(picker);
    ctx.navigate(`/statistics?unit=${encodeURIComponent(v.unit)}&month=${encodeURIComponent(v.month)}`);
  });
  const body = h('div', null, loading());
  mount(el, title(t('st.title')), picker, body);
  if (!unitId) return mount(body, empty(t('st.empty')));

  let data;
  let series;
  try {
    [data, series] = await Promise.all([
      gql(OPS.monthlyReport, { unitId, month }, { signal: ctx.signal }),
      gql(OPS.monthlyReports, { unitId, fromMonth: shift(month, -5), toMonth: month }, { signal: ctx.signal }),
    ]);
  } catch (err) {
    return ctx.alive && mount(body, errorBox(err, () => ctx.navigate(`/statistics?unit=${unitId}&month=${month}`)));
  }
  if (!ctx.alive) return;
  const r = data.monthlyReport;
  const col = Math.max(0, r.columns.findIndex((c) => c.key === chosen));
  const figure = r.columns[col];
  const figurePicker = field({ label: t('st.figure'), name: 'figure', type: 'select', value: figure?.key, testid: 'st-figure',
    options: r.columns.map((c) => [c.key, `${c.areaLabel} · ${c.label}`]) });
  figurePicker.querySelector('select').addEventListener('change', (e) =>
    ctx.navigate(`/statistics?unit=${encodeURIComponent(unitId)}&month=${month}&figure=${encodeURIComponent(e.target.value)}`));
  const table = h('div', { class: 'table-wrap' }, h('table', { class: 'report', testid: 'st-table' },
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('st.unit')), r.columns.map((c) => h('th', { scope: 'col', title: c.areaLabel }, `${c.areaLabel} · ${c.label}`)))),
    h('tbody', null,
      r.rows.map((row) => h('tr', { testid: 'st-row' }, h('th', { scope: 'row' }, row.unitName + (row.own ? t('st.own') : '')), row.values.map((v) => h('td', null, fmtNumber(v))))),
      h('tr', { class: 'total', testid: 'st-total' }, h('th', { scope: 'row' }, t('st.total')), r.total.map((v) => h('td', null, fmtNumber(v)))))));
  const charts = figure
    ? h('div', { class: 'charts' },
        barChart(t('st.trend', { label: figure.label }), series.monthlyReports.map((m) => [m.month, m.total[m.columns.findIndex((c) => c.key === figure.key)] || 0, m.frozen ? 'ok' : 'main']), 'st-chart-months'),
        barChart(t('st.perUnit', { label: figure.label }), r.rows.map((row) => [row.unitName, row.values[col], 'main']), 'st-chart-units'))
    : null;
  const files = `/reports/monthly/${encodeURIComponent(unitId)}/${month}`;
  const exportButton = (fmt, label) => {
    const b = h('button', { class: 'btn', type: 'button', testid: `st-${fmt}` }, label);
    b.addEventListener('click', () => busy(b, async () => {
      try {
        await download(`${files}.${fmt}`, `${r.orgUnit.name}-${month}.${fmt}`);
      } catch (err) {
        announce(String(err.message), 'error');
      }
    }));
    return b;
  };
  const head = viewer.role === 'SUPERVISOR' && viewer.orgUnit && viewer.orgUnit.id === unitId && month < monthOf(new Date());
  let submit = null;
  if (head) {
    submit = h('form', { class: 'form', novalidate: true, testid: 'st-submit-form' },
      r.frozen ? field({ label: t('st.reason'), name: 'reason', type: 'textarea', required: true, maxlength: 2000, testid: 'st-reason' }) : null,
      formMessage(),
      h('button', { class: 'btn primary', type: 'submit', testid: 'st-submit' }, r.frozen ? t('st.correct') : t('st.submit')));
    submit.addEventListener('submit', (e) => {
      e.preventDefault();
      busy(submit.querySelector('[type=submit]'), async () => {
        try {
          const done = (await gql(OPS.submitMonthlyReport, { unitId, month, reason: formValues(submit).reason || null })).submitMonthlyReport;
          announce(t('st.submitted', { version: done.version }), 'ok');
          ctx.navigate(`/statistics?unit=${encodeURIComponent(unitId)}&month=${month}&v=${done.version}`);
        } catch (err) {
          showFormError(submit, err);
        }
      });
    });
  }
  mount(body,
    h('p', { class: `notice${r.frozen ? ' ok' : ''}`, testid: 'st-state' }, r.frozen ? t('st.frozen', { version: r.version, sha: r.sha256.slice(0, 12) }) : t('st.live')),
    table,
    h('div', { class: 'actions' }, exportButton('xlsx', t('st.xlsx')), exportButton('csv', t('st.csv'))),
    figurePicker,
    charts,
    submit,
    r.versions.length
      ? h('section', null, h('h2', null, t('st.versions')), h('ul', { class: 'list', testid: 'st-versions' }, r.versions.map((v) =>
          h('li', { testid: 'st-version' }, t('st.versionItem', { version: v.version, at: fmtDateTime(v.submittedAt), who: v.submittedBy?.displayName || '' }), v.reason ? h('p', { class: 'muted' }, v.reason) : null))))
      : null);
}
