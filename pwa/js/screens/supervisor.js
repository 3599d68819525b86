// Supervisor (and admin): the dashboard as simple inline SVG charts, the
// offices below (each opens its own figures), and the audit log.
import { gql, OPS } from '../api.js';
import { t, fmtDateTime, fmtNumber, fmtPercent, tEnum } from '../i18n.js';
import { h, mount, title, cachedQuery, asOf, errorBox, empty, busy, announce, errorText, loading } from '../ui.js';
import { svg, barChart } from '../charts.js';

/** A ring for the on-time rate (0..1, or null when nothing was due). */
function ring(caption, rate, testid) {
  const r = 40;
  const c = 2 * Math.PI * r;
  const value = rate === null || rate === undefined ? 0 : Math.max(0, Math.min(1, rate));
  const kind = rate === null || rate === undefined ? 'none' : value >= 0.9 ? 'ok' : value >= 0.7 ? 'warn' : 'bad';
  const chart = svg('svg', { viewBox: '0 0 100 100', class: 'ring', 'aria-hidden': 'true', focusable: 'false' },
    svg('circle', { cx: 50, cy: 50, r, class: 'ring-track' }),
    svg('circle', { cx: 50, cy: 50, r, class: `ring-value bar-${kind}`, 'stroke-dasharray': `${(value * c).toFixed(1)} ${c.toFixed(1)}`, transform: 'rotate(-90 50 50)' }),
    svg('text', { x: 50, y: 56, 'text-anchor': 'middle', class: 'ring-text' }, fmtPercent(rate)));
  return h('figure', { class: 'card chart-card ring-card', testid },
    h('figcaption', null, caption), chart, h('p', { class: 'visually-hidden' }, `${caption}: ${fmtPercent(rate)}`));
}

function kpi(label, value, kind, testid) {
  return h('div', { class: `kpi ${kind || ''}`, testid }, h('span', { class: 'kpi-value' }, fmtNumber(value)), h('span', { class: 'kpi-label' }, label));
}

export async function dashboard(el, ctx) {
  const unitId = ctx.query.get('unit');
  // Loading placeholders until each part arrives (figures take longer than the units).
  const figures = h('div', null, loading());
  const units = h('section', { class: 'units' }, loading());
  mount(el, title(t('dash.title')), figures, h('h2', null, t('dash.units')), units);

  function render(data, meta) {
    const d = data.dashboard;
    mount(
      figures,
      asOf(meta.asOf, meta.stale),
      h('div', { class: 'kpis' },
        kpi(t('dash.overdue'), d.overduePersons, d.overduePersons ? 'bad' : 'ok', 'kpi-overdue'),
        kpi(t('dash.highRisk'), d.highRiskDisputes, d.highRiskDisputes ? 'bad' : 'ok', 'kpi-high-risk'),
        kpi(t('dash.aidOverdue'), d.legalAidDecisionsOverdue, d.legalAidDecisionsOverdue ? 'bad' : 'ok', 'kpi-aid-overdue')),
      h('div', { class: 'charts' },
        barChart(t('dash.corrections'), [
          [t('dash.active'), d.activePersons, 'main'],
          [t('dash.overdue'), d.overduePersons, 'bad'],
          [t('dash.checkIns30'), d.checkInsLast30Days, 'ok'],
        ], 'chart-corrections'),
        ring(t('dash.onTime'), d.onTimeRateLast30Days, 'chart-on-time'),
        barChart(t('dash.mediation'), [
          [t('dash.open'), d.openDisputes, 'main'],
          [t('dash.highRisk'), d.highRiskDisputes, 'bad'],
          [t('dash.resolved30'), d.disputesResolvedLast30Days, 'ok'],
        ], 'chart-mediation'),
        barChart(t('dash.legalAid'), [
          [t('dash.pending'), d.pendingLegalAidRequests, 'main'],
          [t('dash.aidOverdue'), d.legalAidDecisionsOverdue, 'bad'],
        ], 'chart-legal-aid')),
    );
  }
  const key = 'dashboard:' + (unitId || '');
  const load = () => cachedQuery(ctx, key, () => gql(OPS.dashboard, { unit: unitId || null }, { signal: ctx.signal }), render, (err) => mount(figures, errorBox(err, load)));

  const loadUnits = () => cachedQuery(ctx, 'orgUnits:tree', () => gql(OPS.orgUnitTree, {}, { signal: ctx.signal }), (data) => {
    const list = data.orgUnits;
    const ids = new Set(list.map((u) => u.id));
    const depth = new Map();
    const byId = new Map(list.map((u) => [u.id, u]));
    const depthOf = (u) => {
      if (depth.has(u.id)) return depth.get(u.id);
      const p = u.parent && ids.has(u.parent.id) ? byId.get(u.parent.id) : null;
      const d = p ? Math.min(depthOf(p) + 1, 4) : 0;
      depth.set(u.id, d);
      return d;
    };
    mount(units, list.length
      ? h('ul', { class: 'list units-list', testid: 'unit-list' }, list.map((u) =>
          h('li', { class: `depth-${depthOf(u)}` },
            h('a', { class: `row unit-link${u.id === unitId ? ' current' : ''}`, href: `#/dashboard?unit=${encodeURIComponent(u.id)}`, testid: 'unit-item', 'aria-current': u.id === unitId ? 'page' : false },
              h('span', { class: 'row-main' }, h('strong', null, u.name), h('span', { class: 'muted' }, tEnum('OrgUnitKind', u.kind)))))))
      : empty(t('dash.noUnits')),
      unitId ? h('p', null, h('a', { class: 'btn link', href: '#/dashboard', testid: 'unit-all' }, t('dash.allUnits'))) : null);
  }, (err) => mount(units, errorBox(err, loadUnits)));

  await Promise.all([load(), loadUnits()]);
}

// -------------------------------------------------------------- audit log

/** The summary may be a string or a JSON object (key: value pairs). */
function summaryText(s) {
  if (s === null || s === undefined) return '';
  if (typeof s === 'string') return s;
  if (typeof s === 'object') return Object.entries(s).map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`).join(' · ');
  return String(s);
}

export async function audit(el, ctx) {
  const list = h('ol', { class: 'list audit', testid: 'audit-list' });
  const more = h('button', { class: 'btn block', type: 'button', hidden: true, testid: 'audit-more' }, t('list.loadMore'));
  const head = h('div');
  mount(el, title(t('audit.title')), h('p', { class: 'muted' }, t('audit.intro')), head, list, more);
  let cursor = null;

  const row = (e) =>
    h('li', { class: 'audit-entry', testid: 'audit-entry' },
      h('p', null, h('strong', null, e.action), ' ', h('span', { class: 'muted' }, fmtDateTime(e.at))),
      h('p', { class: 'muted' }, [e.actorName || t('audit.system'), e.role ? tEnum('Role', e.role) : null, e.targetType ? `${e.targetType} ${e.targetId ?? ''}` : null].filter(Boolean).join(' · ')),
      summaryText(e.summary) ? h('p', { class: 'audit-summary' }, summaryText(e.summary)) : null);

  function render(data, meta) {
    const c = data.auditLog;
    mount(head, asOf(meta.asOf, meta.stale));
    mount(list, c.edges.length ? c.edges.map((e) => row(e.node)) : h('li', null, empty(t('audit.empty'))));
    cursor = c.pageInfo.endCursor;
    more.hidden = !c.pageInfo.hasNextPage || meta.stale;
  }
  more.addEventListener('click', () =>
    busy(more, async () => {
      try {
        const data = await gql(OPS.auditLog, { after: cursor });
        const c = data.auditLog;
        list.append(...c.edges.map((e) => row(e.node)));
        cursor = c.pageInfo.endCursor;
        more.hidden = !c.pageInfo.hasNextPage;
      } catch (err) {
        announce(errorText(err), 'error');
      }
    }),
  );
  const load = () => cachedQuery(ctx, 'audit', () => gql(OPS.auditLog, { after: null }, { signal: ctx.signal }), render, (err) => mount(head, errorBox(err, load)));
  await load();
}
