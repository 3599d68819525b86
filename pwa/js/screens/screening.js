// Screening campaigns (矛盾纠纷排查): the list with each campaign's figures,
// starting one (a supervisor overseeing mediation), and a campaign's page
// with its units, where a unit files its findings or a zero report (零报告)
// through the outbox.
import { gql } from '../api.js';
import { t, tEnum, fmtDate, fmtDateTime, fmtList, dateInputValue, loadArea } from '../i18n.js';
import {
  h, mount, title, field, formValues, formMessage, showFieldErrors, showProblemCount, showFormError, busy, announce,
  cachedQuery, asOf, errorBox, badge, empty, facts, enumOptions, keepDraft, showRefused,
} from '../ui.js';
import { newClientId, enqueueAndWait, onSent } from '../store.js';
import OPS from '../operations/screening.js';

await loadArea('screening');

const KINDS = ['CONCENTRATED', 'ROUTINE'];
const CATEGORIES = ['FAMILY', 'NEIGHBOR', 'PROPERTY', 'LAND', 'LABOR', 'CONTRACT', 'DAMAGES', 'MEDICAL', 'TRAFFIC', 'OTHER'];
const RISKS = ['LOW', 'MEDIUM', 'HIGH'];
const today = () => dateInputValue();
const addDays = (iso, n) => {
  const d = new Date(iso + 'T12:00:00');
  d.setDate(d.getDate() + n);
  return dateInputValue(d);
};
const names = (text) => text.split(/[\n,，、;；]+/).map((s) => s.trim()).filter(Boolean);

function figuresLine(f) {
  return t('screening.figures', { reported: f.reported, units: f.units, missing: f.missing, found: f.disputesFound, high: f.highRiskFound });
}

function unitState(u) {
  if (u.report) return u.report.zeroReport ? badge(t('screening.zero'), 'ok') : badge(t('screening.reported'), 'ok');
  return u.missing ? badge(t('screening.missing'), 'bad') : badge(t('screening.waiting'), 'warn');
}

// ------------------------------------------------------------------- list

export async function campaigns(el, ctx) {
  const body = h('div');
  const canStart = ctx.viewer.role === 'SUPERVISOR';
  mount(
    el,
    h('div', { class: 'title-row' }, title(t('screening.title')),
      canStart ? h('a', { class: 'btn small primary', href: '#/screening/new', testid: 'screening-new' }, t('screening.start')) : null),
    body,
  );
  function render(data, meta) {
    const nodes = data.screeningCampaigns.edges.map((e) => e.node);
    mount(
      body,
      asOf(meta.asOf, meta.stale),
      nodes.length
        ? h('ul', { class: 'list cards', testid: 'screening-list' }, nodes.map((c) =>
            h('li', null,
              h('a', { class: `card-link${c.figures.missing ? ' overdue' : ''}`, href: `#/screening/${encodeURIComponent(c.id)}`, testid: 'screening-item' },
                h('span', { class: 'row-main' },
                  h('strong', null, c.title),
                  h('span', { class: 'muted' }, `${tEnum('ScreeningKind', c.kind)} · ${fmtDate(c.startsOn)} – ${fmtDate(c.endsOn)}`),
                  h('span', { class: 'muted' }, t('screening.dueOn', { date: fmtDate(c.reportDueOn) })),
                  h('span', { class: c.figures.missing ? 'due-text bad' : 'due-text' }, figuresLine(c.figures))),
                c.figures.missing ? badge(t('screening.missingCount', { n: c.figures.missing }), 'bad') : null))))
        : empty(t('screening.empty')),
    );
  }
  const load = () => cachedQuery(ctx, 'screening', () => gql(OPS.screeningCampaigns, {}, { signal: ctx.signal }), render, (err) => mount(body, errorBox(err, load)));
  await load();
}

// ------------------------------------------------------------------ start

export async function startCampaign(el, ctx) {
  const start = today();
  const form = h(
    'form',
    { class: 'form', novalidate: true, testid: 'campaign-form' },
    field({ label: t('screening.titleField'), name: 'title', required: true, maxlength: 100, testid: 'campaign-title' }),
    field({ label: t('screening.kind'), name: 'kind', type: 'select', options: enumOptions('ScreeningKind', KINDS, tEnum), value: 'CONCENTRATED', testid: 'campaign-kind' }),
    field({ label: t('screening.focus'), name: 'focus', type: 'textarea', required: true, maxlength: 2000, hint: t('screening.focusHint'), testid: 'campaign-focus' }),
    field({ label: t('screening.startsOn'), name: 'startsOn', type: 'date', required: true, value: start, testid: 'campaign-starts' }),
    field({ label: t('screening.endsOn'), name: 'endsOn', type: 'date', required: true, value: addDays(start, 14), testid: 'campaign-ends' }),
    field({ label: t('screening.reportDueOn'), name: 'reportDueOn', type: 'date', required: true, value: addDays(start, 10), hint: t('screening.reportDueHint'), testid: 'campaign-due' }),
    h('p', { class: 'hint' }, t('screening.allUnits')),
    formMessage(),
    h('button', { class: 'btn primary block', type: 'submit', testid: 'campaign-submit' }, t('screening.startSubmit')),
  );
  mount(el, h('p', { class: 'back' }, h('a', { href: '#/screening' }, '‹ ' + t('screening.title'))), title(t('screening.startTitle')), form);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = formValues(form);
    const problems = [];
    for (const name of ['title', 'focus', 'startsOn', 'endsOn', 'reportDueOn']) if (!v[name]) problems.push([name, t('screening.required')]);
    if (v.endsOn && v.startsOn && v.endsOn < v.startsOn) problems.push(['endsOn', t('screening.endsBeforeStart')]);
    if (showFieldErrors(form, problems)) return showProblemCount(form, problems.length);
    busy(form.querySelector('[type=submit]'), async () => {
      try {
        const data = await gql(OPS.startScreeningCampaign, { input: v });
        announce(t('screening.started'), 'ok');
        if (ctx.alive) ctx.navigate(`/screening/${encodeURIComponent(data.startScreeningCampaign.id)}`);
      } catch (err) {
        showFormError(form, err);
      }
    });
  });
}

// ------------------------------------------------------------ a campaign

export async function campaignPage(el, ctx) {
  const id = ctx.params.id;
  const body = h('div');
  mount(el, body);

  function render(data, meta) {
    const c = data.screeningCampaign;
    mount(
      body,
      h('p', { class: 'back' }, h('a', { href: '#/screening' }, '‹ ' + t('screening.title'))),
      title(c.title),
      asOf(meta.asOf, meta.stale),
      facts([
        [t('screening.kind'), tEnum('ScreeningKind', c.kind)],
        [t('screening.period'), `${fmtDate(c.startsOn)} – ${fmtDate(c.endsOn)}`],
        [t('screening.reportDueOn'), fmtDate(c.reportDueOn)],
        [t('screening.startedBy'), `${c.orgUnit.name} · ${c.startedBy ? c.startedBy.displayName : ''}`],
        [t('screening.focus'), c.focus],
      ]),
      h('p', { class: 'notice', testid: 'screening-figures' }, figuresLine(c.figures)),
      h('h2', null, t('screening.units')),
      h('ul', { class: 'list', testid: 'screening-units' }, c.units.map((u) =>
        h('li', { class: 'row', testid: 'screening-unit' },
          h('span', { class: 'row-main' },
            h('strong', null, u.orgUnit.name),
            u.report
              ? h('span', { class: 'muted' }, t('screening.villages', { list: fmtList(u.report.villagesCovered) }))
              : null,
            u.report
              ? h('span', { class: 'muted' }, t('screening.filed', { time: fmtDateTime(u.report.filedAt), by: u.report.filedBy ? u.report.filedBy.displayName : '' }) + (u.report.late ? ' · ' + t('screening.late') : ''))
              : null,
            u.report && u.report.disputes.length
              ? h('span', null, u.report.disputes.map((d) => h('a', { href: `#/dispute/${encodeURIComponent(d.id)}`, class: 'btn small', testid: 'screening-dispute' }, d.title + (d.riskLevel === 'HIGH' ? ` (${tEnum('RiskLevel', 'HIGH')})` : ''))))
              : null),
          h('span', null, unitState(u), ' ', h('span', { class: 'muted' }, t('screening.foundCount', { n: u.disputesFound })))))),
      reportForm(c, ctx, load),
    );
  }
  const load = () => cachedQuery(ctx, 'screening:' + id, () => gql(OPS.screeningCampaign, { id }, { signal: ctx.signal }), render, (err) => mount(body, title(t('screening.title')), errorBox(err, load)));
  ctx.onCleanup(onSent((r) => r.kind === 'visit' && load()));
  await load();
}

function foundRow(index) {
  const row = h('fieldset', { class: 'party', testid: 'found-row' },
    h('legend', null, t('screening.foundN', { n: index + 1 })),
    field({ label: t('screening.foundTitle'), name: 'foundTitle', maxlength: 100, testid: 'found-title' }),
    field({ label: t('screening.foundCategory'), name: 'foundCategory', type: 'select', options: enumOptions('DisputeCategory', CATEGORIES, tEnum), value: 'NEIGHBOR', testid: 'found-category' }),
    field({ label: t('screening.foundRisk'), name: 'foundRisk', type: 'select', options: enumOptions('RiskLevel', RISKS, tEnum), value: 'LOW', testid: 'found-risk' }),
    field({ label: t('screening.foundDescription'), name: 'foundDescription', type: 'textarea', rows: 2, maxlength: 5000, testid: 'found-description' }),
    field({ label: t('screening.foundParties'), name: 'foundParties', hint: t('screening.partiesHint'), testid: 'found-parties' }),
  );
  return row;
}

function reportForm(c, ctx, reload) {
  // The units the viewer sees that have not reported: a mediator its own.
  const open = c.units.filter((u) => !u.report);
  if (!open.length || !['MEDIATOR', 'OFFICER', 'SUPERVISOR'].includes(ctx.viewer.role)) return null;
  const rows = h('div', { class: 'parties' });
  const addRow = () => rows.append(foundRow(rows.children.length));
  const form = h(
    'form',
    { class: 'form card', novalidate: true, testid: 'report-form' },
    h('h2', null, t('screening.reportTitle')),
    open.length > 1 || ctx.viewer.role !== 'MEDIATOR'
      ? field({ label: t('screening.unit'), name: 'orgUnitId', type: 'select', options: open.map((u) => [u.orgUnit.id, u.orgUnit.name]), testid: 'report-unit' })
      : null,
    field({ label: t('screening.villagesField'), name: 'villages', type: 'textarea', rows: 2, required: true, hint: t('screening.villagesHint'), testid: 'report-villages' }),
    field({ label: t('screening.zeroField'), name: 'zeroReport', type: 'checkbox', hint: t('screening.zeroHint'), testid: 'report-zero' }),
    rows,
    h('button', { class: 'btn', type: 'button', testid: 'found-add', onclick: addRow }, t('screening.addFound')),
    formMessage(),
    h('button', { class: 'btn primary block', type: 'submit', testid: 'report-submit' }, t('screening.submit')),
  );
  const zero = form.elements.zeroReport;
  const sync = () => {
    rows.hidden = zero.checked;
    form.querySelector('[data-testid=found-add]').hidden = zero.checked;
  };
  zero.addEventListener('change', sync);
  addRow();
  const draftKey = 'screening:' + c.id;
  const aliases = {
    disputes: (tail) => ({ title: 'foundTitle', description: 'foundDescription', parties: 'foundParties' }[tail] || 'foundTitle'),
    villagesCovered: 'villages',
  };
  keepDraft(form, draftKey, {
    prepare: (values) => {
      const n = values.filter(([name]) => name === 'foundTitle').length;
      while (rows.children.length < n) addRow();
    },
  }).then((draft) => {
    sync();
    if (draft.draft && draft.draft.error) showRefused(form, draft.draft.error, aliases);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const v = formValues(form);
      const problems = [];
      const villages = names(v.villages);
      if (!villages.length) problems.push(['villages', t('screening.required')]);
      const disputes = [];
      if (!v.zeroReport) {
        for (const row of rows.querySelectorAll('fieldset')) {
          const get = (n) => row.querySelector(`[name=${n}]`);
          const title = get('foundTitle').value.trim();
          const parties = names(get('foundParties').value);
          if (!title && !parties.length && disputes.length) continue; // an empty extra row
          if (!title) problems.push([get('foundTitle'), t('screening.required')]);
          if (!parties.length) problems.push([get('foundParties'), t('screening.required')]);
          disputes.push({
            clientId: newClientId(),
            title,
            category: get('foundCategory').value,
            riskLevel: get('foundRisk').value,
            description: get('foundDescription').value.trim() || title,
            parties: parties.map((name) => ({ name, role: 'OTHER' })),
          });
        }
      }
      if (showFieldErrors(form, problems)) return showProblemCount(form, problems.length);
      const input = {
        clientId: newClientId(),
        campaignId: c.id,
        villagesCovered: villages,
        zeroReport: !!v.zeroReport,
        disputes,
        ...(v.orgUnitId ? { orgUnitId: v.orgUnitId } : {}),
      };
      busy(form.querySelector('[type=submit]'), async () => {
        const result = await enqueueAndWait({
          op: 'fileScreeningReport', query: OPS.fileScreeningReport, variables: { input }, kind: 'visit',
          title: `${t('screening.reportTitle')} · ${c.title}`, ref: 'screening:' + c.id,
          draft: { key: draftKey, route: `/screening/${c.id}`, values: draft.values() },
        });
        if (result.refused || result.failed) return ctx.alive && showRefused(form, result.error, aliases);
        await draft.clear();
        announce(result.sent ? t('screening.saved') : t('screening.savedOffline'), 'ok');
        if (ctx.alive && result.sent) reload();
      });
    });
  });
  return form;
}
