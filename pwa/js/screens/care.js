// Care: the person's month (sessions set, hours, 法 Art. 36, 42) and monthly
// report (思想汇报, through the outbox);
// the officer's side: answers needing attention, reports to answer,
// electronic positioning in force, and a person's register (法 Art. 29),
// which records decisions and never a location.
import { gql } from '../api.js';
import { t, tEnum, fmtDate, fmtDateTime, isoWithOffset, loadArea } from '../i18n.js';
import {
  h, mount, title, field, formValues, formMessage, busy, announce, cachedQuery, asOf, errorBox, empty, badge,
  showFormError, errorText,
} from '../ui.js';
import { enqueueAndWait, newClientId, getSession } from '../store.js';
import OPS from '../operations/care.js';

await loadArea('care');

const GROUNDS = [
  'PROHIBITION_ORDER_BREACH',
  'LEFT_AREA_WITHOUT_APPROVAL',
  'REFUSED_TO_REPORT_WARNED',
  'PUBLIC_SECURITY_PENALTY',
  'REVOCATION_PLANNED',
];

const HELP_KINDS = ['EMPLOYMENT', 'HOUSING', 'SUBSISTENCE', 'SCHOOLING'];

const today = () => isoWithOffset(new Date()).slice(0, 10);

// ------------------------------------------------------------------ the person's month

export async function tasks(el, ctx) {
  const monthBox = h('section', { class: 'card' });
  const reportBox = h('section', { class: 'card' });
  mount(el, title(t('care.tasksTitle')), monthBox, h('h2', null, t('care.reportTitle')), reportBox);

  const renderMonth = (data, meta) => {
    const m = data.educationMonth;
    const hours = m.hoursExpected == null
      ? t('care.hours', { done: m.hoursDone })
      : t('care.hoursOf', { done: m.hoursDone, expected: m.hoursExpected });
    mount(monthBox,
      asOf(meta.asOf, meta.stale),
      h('p', { class: 'lead', testid: 'tasks-hours' }, hours),
      m.tasks.length
        ? h('ul', { class: 'list', testid: 'task-list' }, m.tasks.map((task) =>
          h('li', { class: 'row', testid: 'task-item' },
            h('div', { class: 'row-main' },
              h('strong', null, task.activity.title),
              h('span', { class: 'muted' }, `${fmtDate(task.heldOn)} · ${tEnum('ActivityKind', task.activity.kind)} · ${task.activity.hours} h`)),
            task.attended == null ? badge(t('care.notYet'), 'warn')
              : task.attended ? badge(t('care.attended', { hours: task.hours }), 'ok') : badge(t('care.absent'), 'bad'))))
        : empty(t('care.noTasks')));
  };
  await cachedQuery(ctx, 'care.month', () => gql(OPS.educationMonth, {}, { signal: ctx.signal }), renderMonth,
    (err) => mount(monthBox, errorBox(err)));

  const month = today().slice(0, 7);
  const renderReports = (data) => {
    const reports = data.thoughtReports.edges.map((e) => e.node);
    const current = reports.find((r) => r.month === month);
    const earlier = reports.filter((r) => r !== current);
    const sent = (r) => h('div', { class: 'report', testid: 'report-sent' },
      h('p', null, t('care.reportSent', { month: r.month })),
      h('p', { class: 'note' }, r.body),
      h('p', { testid: 'report-reply' }, r.reply ? t('care.reply', { reply: r.reply }) : t('care.noReply')));
    mount(reportBox,
      current ? sent(current) : reportForm(),
      earlier.length ? h('ul', { class: 'list' }, earlier.map((r) => h('li', { class: 'row' }, sent(r)))) : null);
  };

  function reportForm() {
    const status = h('p', { role: 'status', testid: 'report-status' });
    const form = h('form', { class: 'form', novalidate: true, testid: 'report-form' },
      h('p', { class: 'muted' }, t('care.reportIntro')),
      field({ label: t('care.reportBody'), name: 'body', type: 'textarea', rows: 6, required: true, maxlength: 5000, testid: 'report-body' }),
      formMessage(),
      h('button', { class: 'btn primary block', type: 'submit', testid: 'report-submit' }, t('care.reportSubmit')),
      status);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      busy(form.querySelector('button'), async () => {
        const input = { clientId: newClientId(), body: formValues(form).body, capturedAt: isoWithOffset(new Date()) };
        const result = await enqueueAndWait({
          op: 'submitMonthlyThoughtReport', query: OPS.submitMonthlyThoughtReport, variables: { input },
          kind: 'thoughtReport', title: t('care.outboxTitle'),
        });
        if (result.failed || result.refused) {
          showFormError(form, result.error);
          return;
        }
        if (result.sent) {
          announce(t('care.reportSent', { month: result.record.month }), 'ok');
          renderReports({ thoughtReports: { edges: [{ node: result.record }] } });
        } else status.textContent = t('care.reportQueued');
      });
    });
    return form;
  }
  await cachedQuery(ctx, 'care.reports', () => gql(OPS.myThoughtReports, {}, { signal: ctx.signal }), renderReports,
    (err) => mount(reportBox, errorBox(err)));
}

// ------------------------------------------------------------------ the officer's side

export async function care(el, ctx) {
  const box = h('div');
  mount(el, title(t('care.title')), h('p', null, h('a', { href: '#/sessions', testid: 'goto-sessions' }, t('care.sessionsLink'))), box);
  const load = () => cachedQuery(ctx, null, () => gql(OPS.careOverview, {}, { signal: ctx.signal }), render,
    (err) => mount(box, errorBox(err, load)));

  function render(data) {
    const triage = data.wellbeingTriage;
    const reports = data.thoughtReports;
    const monitoring = data.electronicMonitoring;
    mount(box,
      h('h2', null, t('care.triage', { n: triage.totalCount })),
      triage.edges.length
        ? h('ul', { class: 'list cards', testid: 'care-triage' }, triage.edges.map(({ node: a }) => triageItem(a)))
        : empty(t('care.noTriage')),
      h('h2', null, t('care.reports', { n: reports.totalCount })),
      reports.edges.length
        ? h('ul', { class: 'list cards', testid: 'care-reports' }, reports.edges.map(({ node: r }) => reportItem(r)))
        : empty(t('care.noReports')),
      h('h2', null, t('care.monitoring', { n: monitoring.totalCount })),
      monitoring.edges.length
        ? h('ul', { class: 'list', testid: 'care-monitoring' }, monitoring.edges.map(({ node: m }) =>
          h('li', { class: 'row' },
            h('a', { href: `#/person/${encodeURIComponent(m.person.id)}/monitoring` }, m.person.fullName),
            h('span', { class: 'muted' }, t('care.endsOn', { date: fmtDate(m.endsOn) })))))
        : empty(t('care.noMonitoring')));
  }

  function triageItem(a) {
    const ack = h('button', { class: 'btn small', type: 'button', testid: 'triage-ack' }, t('care.acknowledge'));
    ack.addEventListener('click', () => busy(ack, async () => {
      try {
        await gql(OPS.acknowledgeWellbeing, { id: a.id });
        announce(t('care.acknowledged'), 'ok');
        await load();
      } catch (err) {
        announce(errorText(err), 'error');
      }
    }));
    return h('li', { class: 'card', testid: 'triage-item' },
      h('p', null, h('a', { href: `#/person/${encodeURIComponent(a.person.id)}` }, h('strong', null, a.person.fullName)),
        ' ', h('span', { class: 'muted' }, fmtDateTime(a.capturedAt))),
      a.mood != null ? h('p', { testid: 'triage-mood' }, t('care.moodIs', { mood: t(`care.mood${a.mood}`) })) : null,
      a.changes.length
        ? h('p', { testid: 'triage-changes' }, t('care.changes', { changes: a.changes.map((c) => tEnum('CircumstanceChange', c)).join('、') }))
        : null,
      a.changeDetails ? h('p', { class: 'note' }, a.changeDetails) : null,
      a.message ? h('p', { class: 'note', testid: 'triage-message' }, a.message) : null,
      ack);
  }

  function reportItem(r) {
    const form = h('form', { class: 'form', novalidate: true, testid: 'reply-form' },
      field({ label: t('care.replyText'), name: 'reply', type: 'textarea', rows: 2, required: true, maxlength: 2000, testid: 'reply-text' }),
      formMessage(),
      h('button', { class: 'btn', type: 'submit', testid: 'reply-submit' }, t('care.replySubmit')));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      busy(form.querySelector('button'), async () => {
        try {
          await gql(OPS.replyToThoughtReport, { id: r.id, reply: formValues(form).reply });
          announce(t('care.replied'), 'ok');
          await load();
        } catch (err) {
          showFormError(form, err);
        }
      });
    });
    return h('li', { class: 'card', testid: 'report-item' },
      h('p', null, h('strong', null, r.person.fullName), ' ', h('span', { class: 'muted' }, r.month)),
      h('p', { class: 'note' }, r.body),
      form);
  }

  await load();
}

// ------------------------------------------------------------------ a person's register (法 Art. 29)

export async function monitoring(el, ctx) {
  const id = ctx.params.id;
  const box = h('div');
  mount(el, title(t('care.monitoringTitle')), h('p', { class: 'muted' }, t('care.monitoringIntro')), box);
  const load = () => cachedQuery(ctx, null, () => gql(OPS.personMonitoring, { id }, { signal: ctx.signal }), render,
    (err) => mount(box, errorBox(err, load)));

  let approversNow = [];
  function render(data) {
    approversNow = data.electronicMonitoringApprovers;
    const rows = data.electronicMonitoring.edges.map((e) => e.node);
    const inForce = rows.some((m) => m.state === 'IN_FORCE');
    mount(box,
      h('p', { class: 'lead' }, h('a', { href: `#/person/${encodeURIComponent(id)}` }, data.supervisedPerson.fullName)),
      rows.length ? h('ul', { class: 'list cards', testid: 'monitoring-list' }, rows.map(item)) : empty(t('care.monitoringNone')),
      inForce ? null : startForm(data.electronicMonitoringApprovers));
  }

  function item(m) {
    const end = m.state === 'IN_FORCE' ? [renewForm(m), endForm(m)] : null;
    return h('li', { class: 'card', testid: 'monitoring-item' },
      h('p', null, h('strong', null, tEnum('MonitoringGround', m.ground))),
      h('p', { testid: 'monitoring-state' }, t('care.state', { state: tEnum('MonitoringState', m.state) })),
      h('p', null, t('care.period', { from: fmtDate(m.startsOn), to: fmtDate(m.endsOn) })),
      h('p', { class: 'muted' }, t('care.approvedBy', { name: m.approvedBy.displayName, document: m.approvalDocument })),
      h('p', { class: 'note' }, m.facts),
      m.endReason ? h('p', { class: 'note' }, m.endReason) : null,
      end);
  }

  function endForm(m) {
    const form = h('form', { class: 'form', novalidate: true, testid: 'em-end-form' },
      field({ label: t('care.endReason'), name: 'reason', required: true, maxlength: 2000, testid: 'em-end-reason' }),
      formMessage(),
      h('button', { class: 'btn', type: 'submit', testid: 'em-end' }, t('care.end')));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      busy(form.querySelector('button'), async () => {
        try {
          await gql(OPS.endElectronicMonitoring, { id: m.id, endedOn: today(), reason: formValues(form).reason });
          announce(t('care.ended'), 'ok');
          await load();
        } catch (err) {
          showFormError(form, err);
        }
      });
    });
    return form;
  }

  // The approver, the day and the number of an approval (法 Art. 29: 经…负责人批准).
  const approvalFields = (approvers) => [
    approvers.length
      ? field({ label: t('care.approver'), name: 'approverId', type: 'select', required: true,
        options: approvers.map((u) => [u.id, u.displayName]), testid: 'em-approver' })
      : h('p', { class: 'notice error' }, t('care.noApprover')),
    field({ label: t('care.approvedOn'), name: 'approvedOn', type: 'date', required: true, value: today(), max: today(), testid: 'em-approved-on' }),
    field({ label: t('care.document'), name: 'approvalDocument', required: true, maxlength: 64, testid: 'em-document' }),
  ];
  const approvalOf = (v) => ({ approverId: v.approverId || null, approvedOn: v.approvedOn || null, approvalDocument: v.approvalDocument || null });

  function renewForm(m) {
    const form = h('form', { class: 'form', novalidate: true, testid: 'em-renew-form' },
      h('h3', null, t('care.renew')),
      field({ label: t('care.renewEndsOn', { latest: fmtDate(m.latestRenewalEnd) }), name: 'endsOn', type: 'date', required: true,
        max: m.latestRenewalEnd, testid: 'em-renew-ends' }),
      field({ label: t('care.assessment'), name: 'assessment', type: 'textarea', rows: 2, required: true, maxlength: 2000, testid: 'em-assessment' }),
      ...approvalFields(approversNow),
      formMessage(),
      h('button', { class: 'btn', type: 'submit', testid: 'em-renew' }, t('care.renew')));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      busy(form.querySelector('button[type=submit]'), async () => {
        const v = formValues(form);
        try {
          await gql(OPS.renewElectronicMonitoring, { input: { id: m.id, endsOn: v.endsOn, assessment: v.assessment, approval: approvalOf(v) } });
          announce(t('care.renewed'), 'ok');
          await load();
        } catch (err) {
          showFormError(form, err);
        }
      });
    });
    return form;
  }

  function startForm(approvers) {
    const form = h('form', { class: 'form card', novalidate: true, testid: 'em-form' },
      h('h2', null, t('care.start')),
      field({ label: t('care.ground'), name: 'ground', type: 'select', required: true,
        options: GROUNDS.map((g) => [g, tEnum('MonitoringGround', g)]), testid: 'em-ground' }),
      field({ label: t('care.facts'), name: 'facts', type: 'textarea', required: true, maxlength: 2000, testid: 'em-facts' }),
      field({ label: t('care.startsOn'), name: 'startsOn', type: 'date', required: true, value: today(), testid: 'em-starts' }),
      field({ label: t('care.endsOnLabel'), name: 'endsOn', type: 'date', required: true, testid: 'em-ends' }),
      ...approvalFields(approvers),
      formMessage(),
      h('button', { class: 'btn primary block', type: 'submit', testid: 'em-submit' }, t('care.submitStart')));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      busy(form.querySelector('button[type=submit]'), async () => {
        const v = formValues(form);
        const input = {
          personId: id, ground: v.ground, facts: v.facts, startsOn: v.startsOn, endsOn: v.endsOn,
          approval: approvalOf(v),
        };
        try {
          await gql(OPS.startElectronicMonitoring, { input });
          announce(t('care.started'), 'ok');
          await load();
        } catch (err) {
          showFormError(form, err);
        }
      });
    });
    return form;
  }

  await load();
}

// ------------------------------------------------------------------ a person's help (帮扶, 法 Art. 37-43)

export async function help(el, ctx) {
  const id = ctx.params.id;
  const box = h('div');
  mount(el, title(t('care.helpTitle')), box);
  const load = () => cachedQuery(ctx, null, () => gql(OPS.personHelp, { id }, { signal: ctx.signal }), render,
    (err) => mount(box, errorBox(err, load)));

  function render(data) {
    const p = data.supervisedPerson;
    mount(box,
      h('p', { class: 'lead' }, h('a', { href: `#/person/${encodeURIComponent(id)}` }, p.fullName)),
      p.helpRecords.length
        ? h('ul', { class: 'list cards', testid: 'help-list' }, p.helpRecords.map((r) =>
          h('li', { class: 'card', testid: 'help-item' },
            h('p', null, h('strong', null, tEnum('HelpKind', r.kind)), ' ', h('span', { class: 'muted' }, fmtDate(r.helpedOn))),
            h('p', null, t('care.helper', { helper: r.helper })),
            h('p', { class: 'note' }, r.description),
            h('p', { testid: 'help-outcome' }, t('care.outcome', { outcome: r.outcome })))))
        : empty(t('care.noHelp')),
      helpForm());
  }

  function helpForm() {
    const form = h('form', { class: 'form card', novalidate: true, testid: 'help-form' },
      h('h2', null, t('care.recordHelp')),
      field({ label: t('care.helpKind'), name: 'kind', type: 'select', required: true,
        options: HELP_KINDS.map((k) => [k, tEnum('HelpKind', k)]), testid: 'help-kind' }),
      field({ label: t('care.helpedOn'), name: 'helpedOn', type: 'date', required: true, value: today(), max: today(), testid: 'help-on' }),
      field({ label: t('care.helperLabel'), name: 'helper', required: true, maxlength: 100, testid: 'help-helper' }),
      field({ label: t('care.description'), name: 'description', type: 'textarea', rows: 2, required: true, maxlength: 2000, testid: 'help-description' }),
      field({ label: t('care.outcomeLabel'), name: 'outcome', type: 'textarea', rows: 2, required: true, maxlength: 2000, testid: 'help-outcome-input' }),
      formMessage(),
      h('button', { class: 'btn primary block', type: 'submit', testid: 'help-submit' }, t('care.recordHelp')));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      busy(form.querySelector('button[type=submit]'), async () => {
        try {
          await gql(OPS.recordHelp, { input: { personId: id, ...formValues(form) } });
          announce(t('care.helpRecorded'), 'ok');
          await load();
        } catch (err) {
          showFormError(form, err);
        }
      });
    });
    return form;
  }

  await load();
}

// ------------------------------------------------------------------ sessions (法 Art. 36, 42)

export async function sessions(el, ctx) {
  const box = h('div');
  mount(el, title(t('care.sessionsTitle')), box);
  const load = () => cachedQuery(ctx, null, () => gql(OPS.sessions, {}, { signal: ctx.signal }), render,
    (err) => mount(box, errorBox(err, load)));

  function render(data) {
    const rows = data.activities.edges.map((e) => e.node);
    const persons = data.supervisedPersons.edges.map((e) => e.node);
    mount(box,
      rows.length ? h('ul', { class: 'list cards', testid: 'session-list' }, rows.map(session)) : empty(t('care.noSessions')),
      sessionForm(persons));
  }

  function session(a) {
    const past = a.heldOn <= today();
    return h('li', { class: 'card', testid: 'session-item' },
      h('p', null, h('strong', null, a.title), ' ',
        h('span', { class: 'muted' }, `${fmtDate(a.heldOn)} · ${tEnum('ActivityKind', a.kind)} · ${a.hours} h`)),
      h('ul', { class: 'list' }, a.attendance.map((row) => {
        const mark = (attended) => {
          const b = h('button', { class: 'btn small', type: 'button', testid: attended ? 'attend-yes' : 'attend-no', disabled: !past },
            attended ? t('care.markAttended') : t('care.markAbsent'));
          b.addEventListener('click', () => busy(b, async () => {
            try {
              await gql(OPS.recordAttendance, { activityId: a.id, personId: row.person.id, attended });
              await load();
            } catch (err) {
              announce(errorText(err), 'error');
            }
          }));
          return b;
        };
        return h('li', { class: 'row', testid: 'attendance-row' },
          h('span', { class: 'row-main' }, row.person.fullName),
          row.attended == null ? badge(t('care.notYet'), 'warn')
            : row.attended ? badge(t('care.attended', { hours: row.hours }), 'ok') : badge(t('care.absent'), 'bad'),
          mark(true), mark(false));
      })));
  }

  function sessionForm(persons) {
    const choices = persons.map((p) =>
      h('label', { class: 'check-inline' },
        h('input', { type: 'checkbox', name: 'personIds', value: p.id, 'data-group': '1', testid: 'session-person' }), p.fullName));
    const form = h('form', { class: 'form card', novalidate: true, testid: 'session-form' },
      h('h2', null, t('care.recordSession')),
      field({ label: t('care.sessionKind'), name: 'kind', type: 'select', required: true,
        options: ['EDUCATION', 'PUBLIC_SERVICE'].map((k) => [k, tEnum('ActivityKind', k)]), testid: 'session-kind' }),
      field({ label: t('care.sessionTitle'), name: 'title', required: true, maxlength: 100, testid: 'session-title' }),
      field({ label: t('care.heldOn'), name: 'heldOn', type: 'date', required: true, value: today(), testid: 'session-on' }),
      field({ label: t('care.sessionHours'), name: 'hours', type: 'number', required: true, min: 0.5, max: 12, step: 0.5, value: 2, testid: 'session-hours' }),
      field({ label: t('care.forMinors'), name: 'forMinors', type: 'checkbox', hint: t('care.forMinorsHint'), testid: 'session-minors' }),
      h('fieldset', { class: 'field' }, h('legend', null, t('care.sessionPersons')), choices),
      formMessage(),
      h('button', { class: 'btn primary block', type: 'submit', testid: 'session-submit' }, t('care.recordSession')));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      busy(form.querySelector('button[type=submit]'), async () => {
        const v = formValues(form);
        const unit = persons.find((p) => v.personIds.includes(p.id))?.orgUnit.id || getSession()?.viewer?.orgUnit?.id;
        const input = {
          clientId: newClientId(), orgUnitId: unit, kind: v.kind, title: v.title, heldOn: v.heldOn,
          hours: Number(v.hours), forMinors: v.forMinors, personIds: v.personIds,
        };
        const result = await enqueueAndWait({ op: 'recordActivity', query: OPS.recordActivity, variables: { input }, kind: 'activity', title: t('care.recordSession') });
        if (result.failed || result.refused) {
          showFormError(form, result.error);
          return;
        }
        announce(result.sent ? t('care.sessionRecorded') : t('care.sessionQueued'), 'ok');
        await load();
      });
    });
    return form;
  }

  await load();
}
