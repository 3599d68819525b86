// Intake (入矫): the officer's list of persons the deciding body has notified
// and who have not yet been taken in, nearest deadline first, those past it
// marked 漏管; and the intake form (arrival, checks, the 宣告 of 法 Art. 22),
// sent through the outbox like the other field records.
import { gql, OPS } from '../api.js';
import { t, tEnum, fmtDate, fmtDateTime, localInputValue, fromLocalInput, loadArea } from '../i18n.js';
import {
  h, mount, title, field, formValues, formMessage, busy, announce, cachedQuery, asOf, errorBox, empty, facts,
  enumOptions, showFieldErrors, showProblemCount, problemText, keepDraft, showRefused,
} from '../ui.js';
import { newClientId, myOutboxItems, cacheGet, enqueueAndWait } from '../store.js';
import { loadRules, checkForm, check } from '../rules.js';
import { codeCard } from '../qr.js';

await loadArea('intake');
// The rules' own words (a name's symbols).
await loadArea('input');

const LEVELS = ['STRICT', 'NORMAL', 'LENIENT'];
// 法 Art. 22: what the announcement must tell the person.
const ITEMS = ['CRIMINAL_FACTS', 'TERM', 'RULES'];
// 法 Art. 22: the steps of the intake besides the announcement.
const STEPS = ['identityChecked', 'documentsChecked', 'fileOpened'];
const LIST_KEY = 'intakes';

function dueText(i) {
  return i.missed ? t('intake.missedSince', { date: fmtDate(i.reportDueOn) }) : t('intake.dueBy', { date: fmtDate(i.reportDueOn) });
}

// ------------------------------------------------------------------ the list

export async function intakes(el, ctx) {
  const listBox = h('div', { class: 'list-box' });
  const more = h('button', { class: 'btn block', type: 'button', hidden: true, testid: 'intakes-more' }, t('list.loadMore'));
  mount(el, title(t('intake.listTitle')), h('p', { class: 'muted' }, t('intake.listIntro')), listBox, more);
  // Intakes recorded on this phone and not yet sent: shown as such, not as still to do.
  const queued = new Set((await myOutboxItems()).filter((i) => i.kind === 'intake').map((i) => String(i.ref)));
  if (!ctx.alive) return;
  let cursor = null;
  let list = null;

  const item = (i) =>
    h(
      'li',
      null,
      h(
        'a',
        { class: `card-link${i.missed ? ' overdue' : ''}`, href: `#/intake/${encodeURIComponent(i.id)}`, testid: 'intake-item' },
        h('span', { class: 'row-main' },
          h('strong', null, i.person.fullName),
          h('span', { class: 'muted' }, `${tEnum('CorrectionType', i.person.correctionType)} · ${i.decidingBody} ${i.documentNumber}`),
          queued.has(String(i.id)) ? h('span', { class: 'muted', testid: 'intake-queued' }, t('intake.queued')) : null),
        h('span', { class: `due-chip${i.missed ? ' bad' : ''}`, testid: i.missed ? 'intake-missed' : 'intake-due' }, dueText(i)),
      ),
    );

  const render = (data, meta) => {
    const c = data.pendingIntakes;
    const nodes = c.edges.map((e) => e.node);
    list = nodes.length ? h('ul', { class: 'list cards', testid: 'intake-list' }, nodes.map(item)) : null;
    const missed = nodes.filter((i) => i.missed).length;
    mount(
      listBox,
      asOf(meta.asOf, meta.stale),
      h('p', { class: 'summary', testid: 'intake-summary' }, t('intake.summary', { n: c.totalCount, missed })),
      list || empty(t('intake.none')),
    );
    cursor = c.pageInfo.endCursor;
    more.hidden = !c.pageInfo.hasNextPage || meta.stale;
  };
  more.addEventListener('click', () =>
    busy(more, async () => {
      const c = (await gql(OPS.pendingIntakes, { after: cursor }, { signal: ctx.signal })).pendingIntakes;
      if (!ctx.alive) return;
      list.append(...c.edges.map((e) => item(e.node)));
      cursor = c.pageInfo.endCursor;
      more.hidden = !c.pageInfo.hasNextPage;
    }),
  );
  // The first page is kept on the phone: the form reads an intake from it offline.
  await cachedQuery(ctx, LIST_KEY, () => gql(OPS.pendingIntakes, {}, { signal: ctx.signal }), render, (err) =>
    mount(listBox, errorBox(err, () => ctx.navigate('/intakes'))),
  );
}

async function cachedIntake(id) {
  const cached = await cacheGet(LIST_KEY);
  const edges = cached?.data?.pendingIntakes?.edges || [];
  return edges.map((e) => e.node).find((n) => String(n.id) === String(id)) || null;
}

// ------------------------------------------------------------------ the intake

export async function confirmIntake(el, ctx) {
  const id = ctx.params.id;
  const it = await cachedIntake(id);
  const rules = await loadRules();
  if (!ctx.alive) return;
  const name = it ? it.person.fullName : '';
  const now = localInputValue();
  const form = h(
    'form',
    { class: 'form', novalidate: true, testid: 'intake-form' },
    field({ label: t('intake.arrivedAt'), name: 'arrivedAt', type: 'datetime-local', required: true, value: now, max: now, testid: 'intake-arrived' }),
    h('fieldset', { class: 'field' },
      h('legend', null, t('intake.steps')),
      STEPS.map((s) => field({ label: t(`intake.${s}`), name: s, type: 'checkbox', value: true, testid: `intake-${s}` }))),
    it && !it.documentsReceivedAt
      ? field({ label: t('intake.documentsReceivedAt'), name: 'documentsReceivedAt', type: 'datetime-local', required: true, max: now, testid: 'intake-documents' })
      : null,
    h('fieldset', { class: 'field' },
      h('legend', null, t('intake.announcement')),
      field({ label: t('intake.announcedAt'), name: 'announcedAt', type: 'datetime-local', required: true, value: now, max: now, testid: 'intake-announced' }),
      field({ label: t('intake.attendees'), name: 'attendees', type: 'textarea', rows: 2, hint: t('intake.attendeesHint'), testid: 'intake-attendees' }),
      h('fieldset', { class: 'field' },
        h('legend', null, t('intake.items')),
        ITEMS.map((k, n) =>
          h('div', { class: 'field check' },
            h('input', { type: 'checkbox', id: `item-${k}`, name: 'items', value: k, 'data-group': '1', testid: `intake-item-${k}` }),
            h('label', { for: `item-${k}` }, tEnum('AnnouncementItem', k)))))),
    field({ label: t('intake.level'), name: 'supervisionLevel', type: 'select', options: enumOptions('SupervisionLevel', LEVELS, tEnum), value: 'NORMAL', testid: 'intake-level' }),
    formMessage(),
    h('button', { class: 'btn primary block', type: 'submit', testid: 'intake-submit' }, t('intake.submit')),
  );
  const result = h('div', { testid: 'intake-result' });
  mount(
    el,
    h('p', { class: 'back' }, h('a', { href: '#/intakes' }, '‹ ' + t('intake.listTitle'))),
    title(t('intake.title')),
    it
      ? facts([
          [t('intake.person'), name],
          [t('intake.decidingBody'), `${tEnum('DecidingBodyType', it.decidingBodyType)} · ${it.decidingBody}`],
          [t('intake.documentNumber'), it.documentNumber],
          [t('intake.reportDueOn'), dueText(it)],
        ])
      : null,
    form,
    result,
  );
  const draftKey = 'intake:' + id;
  const draft = await keepDraft(form, draftKey);
  if (draft.draft && draft.draft.error) showRefused(form, draft.draft.error, { 'announcement.attendees': 'attendees', 'announcement.items': 'items', 'announcement.announcedAt': 'announcedAt' });

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = formValues(form);
    const attendees = v.attendees.split(/[\n,，、;；]+/).map((s) => s.trim()).filter(Boolean);
    const problems = Object.entries(checkForm(rules, 'intake', { arrivedAt: v.arrivedAt, announcedAt: v.announcedAt })).map(([k, p]) => [k, problemText(p)]);
    for (const s of STEPS) if (!v[s]) problems.push([s, t('intake.stepRequired')]);
    const items = v.items || [];
    if (items.length !== ITEMS.length) problems.push(['items', t('intake.itemsRequired')]);
    const badName = attendees.map((n) => check(rules, rules.forms.intake.attendee, n)).find(Boolean);
    if (badName) problems.push(['attendees', problemText(badName)]);
    else if (!attendees.length || attendees.length > rules.forms.intake.attendees.max) {
      problems.push(['attendees', t('rule.between', { min: 1, max: rules.forms.intake.attendees.max })]);
    }
    if (v.arrivedAt && v.announcedAt && v.announcedAt < v.arrivedAt) problems.push(['announcedAt', t('intake.announcedAfter')]);
    if (form.elements.documentsReceivedAt && !v.documentsReceivedAt) problems.push(['documentsReceivedAt', t('intake.documentsRequired')]);
    if (showFieldErrors(form, problems)) return showProblemCount(form, problems.length);
    busy(form.querySelector('[type=submit]'), async () => {
      const input = {
        clientId: newClientId(),
        intakeId: id,
        arrivedAt: fromLocalInput(v.arrivedAt),
        identityChecked: true,
        documentsChecked: true,
        fileOpened: true,
        announcement: { announcedAt: fromLocalInput(v.announcedAt), attendees, items },
        supervisionLevel: v.supervisionLevel,
        ...(v.documentsReceivedAt ? { documentsReceivedAt: fromLocalInput(v.documentsReceivedAt) } : {}),
      };
      const sent = await enqueueAndWait({
        op: 'confirmIntake', query: OPS.confirmIntake, variables: { input }, kind: 'intake',
        title: name ? `${t('outbox.kind.intake')} · ${name}` : t('outbox.kind.intake'), ref: id,
        draft: { key: draftKey, route: `/intake/${id}`, values: draft.values() },
      });
      if (sent.refused || sent.failed) return ctx.alive && showRefused(form, sent.error);
      await draft.clear();
      if (!ctx.alive) return;
      if (!sent.sent) {
        announce(t('intake.savedOffline'), 'ok');
        return ctx.navigate('/intakes');
      }
      const { person, activationCode, intake } = sent.record;
      form.hidden = true;
      mount(
        result,
        h('div', { class: 'notice ok', role: 'status', tabindex: '-1', testid: 'intake-done' },
          t(intake.confirmation.late ? 'intake.doneLate' : 'intake.done', { name: person.fullName })),
        person.nextCheckInDue ? h('p', null, t('intake.firstReport', { at: fmtDateTime(person.nextCheckInDue) })) : null,
        activationCode ? codeCard(activationCode, person.fullName) : h('p', { class: 'hint' }, t('intake.codeAgain')),
        h('div', { class: 'actions' },
          h('a', { class: 'btn primary', href: `#/person/${encodeURIComponent(person.id)}`, testid: 'intake-open-person' }, t('enrol.openPerson')),
          h('a', { class: 'btn', href: '#/intakes' }, t('intake.listTitle'))),
      );
      result.querySelector('.notice').focus();
    });
  });
}
