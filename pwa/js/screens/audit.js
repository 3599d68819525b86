// The audit log for supervisors and admins, in words: each action, its target
// and its details in the viewer's language (i18n/audit.*.js), with filters by
// action, day, actor and target kept in the route (#/audit?action=…&since=…),
// so a tap on an entry's actor or target narrows the list to them.
import { gql } from '../api.js';
import { t, tEnum, loadArea, hasMessage, enumWord, fmtDate, fmtDateTime, fmtList, fmtNumber } from '../i18n.js';
import { h, mount, title, cachedQuery, asOf, errorBox, empty, busy, announce, errorText, field, badge } from '../ui.js';
import ops from '../operations/audit.js';

const table = await loadArea('audit');
const ACTIONS = Object.keys(table)
  .filter((k) => k.startsWith('audit.action.'))
  .map((k) => k.slice('audit.action.'.length));
const FILTERS = ['action', 'since', 'until', 'actorId', 'targetType', 'targetId'];
// Where each kind of target opens, for those who may open it.
const OPENS = { SupervisedPerson: '#/person/', Dispute: '#/dispute/', LegalAidRequest: '#/request/', PendingIntake: '#/intake/' };
// Technical details that say nothing to a reader (the refused request's field names).
const HIDDEN = new Set(['fields']);

const link = (filter) => '#/audit?' + new URLSearchParams(filter).toString();

function actionText(e) {
  if (e.action.startsWith('refused.')) {
    // The outcome is the refusal's code, lower case (audit.record_refusal).
    const key = 'error.' + String(e.outcome).toUpperCase();
    const code = hasMessage(key) ? t(key) : t('audit.outcome.refused');
    return t('audit.refused', { code });
  }
  return hasMessage('audit.action.' + e.action) ? t('audit.action.' + e.action) : t('audit.unknownAction');
}

function valueText(v) {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return t(v ? 'audit.yes' : 'audit.no');
  if (typeof v === 'number') return fmtNumber(v);
  if (Array.isArray(v)) return fmtList(v.map(valueText));
  if (typeof v === 'object') return details(v).join(t('list.sep'));
  const s = String(v);
  if (/^[A-Z][A-Z0-9_]+$/.test(s)) return enumWord(s) || s;
  if (/^\d{4}-\d{2}-\d{2}T/.test(s)) return fmtDateTime(s);
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return fmtDate(s);
  return s;
}

/** "原为：在矫" ("From: active") for each detail; a key with no words shows its value alone. */
function details(summary) {
  if (summary === null || summary === undefined) return [];
  if (typeof summary !== 'object') return [valueText(summary)];
  return Object.entries(summary)
    .filter(([k]) => !HIDDEN.has(k))
    .map(([k, v]) => (hasMessage('audit.key.' + k) ? t('audit.detail', { key: t('audit.key.' + k), value: valueText(v) }) : valueText(v)));
}

function targetText(e) {
  const type = hasMessage('audit.targetType.' + e.targetType) ? t('audit.targetType.' + e.targetType) : t('audit.unknownAction');
  return t('audit.ofTarget', { type, id: e.targetId ?? '' });
}

function row(e) {
  const target = e.targetType
    ? h('p', null,
        h('a', { href: link({ targetType: e.targetType, targetId: e.targetId ?? '' }), testid: 'audit-target' }, t('audit.target', { target: targetText(e) })),
        OPENS[e.targetType] && e.targetId ? [' · ', h('a', { href: OPENS[e.targetType] + e.targetId }, t('audit.open'))] : null)
    : null;
  const actor = e.actorName || t('audit.system');
  return h('li', { class: 'audit-entry', testid: 'audit-entry', 'data-action': e.action },
    h('p', null, h('strong', { testid: 'audit-action' }, actionText(e)), ' ',
      e.outcome !== 'ok' && !e.action.startsWith('refused.') ? [badge(t('audit.outcome.refused'), 'bad'), ' '] : null,
      h('span', { class: 'muted' }, fmtDateTime(e.at))),
    h('p', { class: 'muted' },
      e.actorId ? h('a', { href: link({ actorId: e.actorId }), testid: 'audit-actor', title: t('audit.byActor', { name: actor }) }, t('audit.actor', { name: actor })) : t('audit.actor', { name: actor }),
      e.role ? ` · ${tEnum('Role', e.role)}` : null),
    target,
    details(e.summary).length ? h('p', { class: 'audit-summary', testid: 'audit-details' }, details(e.summary).join(' · ')) : null);
}

function filterForm(current) {
  const apply = h('button', { class: 'btn primary', type: 'submit', testid: 'audit-apply' }, t('audit.apply'));
  const form = h('form', { novalidate: true, testid: 'audit-filters' },
    field({
      label: t('audit.action'), name: 'action', type: 'select', value: current.action || '', testid: 'audit-filter-action',
      options: [['', t('audit.anyAction')], ...ACTIONS.map((a) => [a, t('audit.action.' + a)]).sort((x, y) => x[1].localeCompare(y[1]))],
    }),
    field({ label: t('audit.since'), name: 'since', type: 'date', value: current.since || '', testid: 'audit-filter-since' }),
    field({ label: t('audit.until'), name: 'until', type: 'date', value: current.until || '', testid: 'audit-filter-until' }),
    h('div', { class: 'actions' }, apply,
      Object.keys(current).length ? h('a', { class: 'btn', href: '#/audit', testid: 'audit-clear' }, t('audit.clear')) : null));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const next = { ...current };
    for (const name of ['action', 'since', 'until']) {
      const value = form.elements[name].value;
      if (value) next[name] = value;
      else delete next[name];
    }
    location.hash = link(next);
  });
  return h('details', { class: 'card', open: true }, h('summary', null, t('audit.filters')), form);
}

export async function audit(el, ctx) {
  const current = {};
  for (const name of FILTERS) if (ctx.query.get(name)) current[name] = ctx.query.get(name);
  const list = h('ol', { class: 'list audit', testid: 'audit-list' });
  const more = h('button', { class: 'btn block', type: 'button', hidden: true, testid: 'audit-more' }, t('list.loadMore'));
  const head = h('div');
  mount(el, title(t('audit.title')), h('p', { class: 'muted' }, t('audit.intro')), filterForm(current), head, list, more);
  const filter = Object.keys(current).length ? current : null;
  let cursor = null;

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
        const c = (await gql(ops.auditLog, { after: cursor, filter })).auditLog;
        list.append(...c.edges.map((e) => row(e.node)));
        cursor = c.pageInfo.endCursor;
        more.hidden = !c.pageInfo.hasNextPage;
      } catch (err) {
        announce(errorText(err), 'error');
      }
    }),
  );
  // Only the unfiltered first page is kept for offline reading.
  const key = filter ? null : 'audit';
  const load = () =>
    cachedQuery(ctx, key, () => gql(ops.auditLog, { after: null, filter }, { signal: ctx.signal }), render, (err) => mount(head, errorBox(err, load)));
  await load();
}
