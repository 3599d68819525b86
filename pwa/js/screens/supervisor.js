// Supervisor (and admin): the dashboard as simple inline SVG charts, and the
// offices below (each opens its own figures). The audit log is screens/audit.js.
import { gql, OPS } from '../api.js';
import { t, fmtNumber, fmtPercent, tEnum, loadArea } from '../i18n.js';
import { h, mount, title, cachedQuery, asOf, errorBox, empty, loading } from '../ui.js';
import { svg, barChart } from '../charts.js';

await loadArea('caseload');

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

/** A figure; a link to the list it counts (`href`) where the viewer's list holds it. */
function kpi(label, value, kind, testid, href) {
  const parts = [h('span', { class: 'kpi-value' }, fmtNumber(value)), h('span', { class: 'kpi-label' }, label)];
  return href
    ? h('a', { class: `kpi kpi-link ${kind || ''}`, href, testid }, ...parts)
    : h('div', { class: `kpi ${kind || ''}`, testid }, ...parts);
}

// The list each figure counts, filtered to what it counts (the same rule on
// the server: caseload.py, legal_aid/requests.py), for a viewer whose list
// holds these figures (Dashboard.personsListed …).
const PERSONS_ABSCONDED = '#/caseload?status=ABSCONDED';
const PERSONS_OVERDUE = '#/caseload?overdue=1';
const PERSONS_ACTIVE = '#/caseload?status=ACTIVE';
const DISPUTES_HIGH_RISK = '#/disputes?risk=HIGH&open=1';
const AID_PENDING = '#/queue?status=SUBMITTED';
const AID_OVERDUE = '#/queue?overdue=1';

export async function dashboard(el, ctx) {
  const unitId = ctx.query.get('unit');
  // Loading placeholders until each part arrives (figures take longer than the units).
  const figures = h('div', null, loading());
  const units = h('section', { class: 'units' }, loading());
  mount(el, title(t('dash.title')), figures, h('h2', null, t('dash.units')), units);

  function render(data, meta) {
    const d = data.dashboard;
    const persons = (href) => (d.personsListed ? href : null);
    const aid = (href) => (d.legalAidRequestsListed ? href : null);
    const disputes = (href) => (d.disputesListed ? href : null);
    // A figure cached before the absconded were counted has none to show.
    const absconded = d.abscondedPersons ?? 0;
    mount(
      figures,
      asOf(meta.asOf, meta.stale),
      h('div', { class: 'kpis' },
        kpi(t('caseload.absconded'), absconded, absconded ? 'bad' : 'ok', 'kpi-absconded', persons(PERSONS_ABSCONDED)),
        kpi(t('dash.overdue'), d.overduePersons, d.overduePersons ? 'bad' : 'ok', 'kpi-overdue', persons(PERSONS_OVERDUE)),
        kpi(t('dash.active'), d.activePersons, 'main', 'kpi-active', persons(PERSONS_ACTIVE)),
        kpi(t('dash.highRisk'), d.highRiskDisputes, d.highRiskDisputes ? 'bad' : 'ok', 'kpi-high-risk', disputes(DISPUTES_HIGH_RISK)),
        kpi(t('dash.pending'), d.pendingLegalAidRequests, 'main', 'kpi-aid-pending', aid(AID_PENDING)),
        kpi(t('dash.aidOverdue'), d.legalAidDecisionsOverdue, d.legalAidDecisionsOverdue ? 'bad' : 'ok', 'kpi-aid-overdue', aid(AID_OVERDUE))),
      h('div', { class: 'charts' },
        barChart(t('dash.corrections'), [
          [t('dash.active'), d.activePersons, 'main'],
          [t('caseload.absconded'), absconded, 'bad'],
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
