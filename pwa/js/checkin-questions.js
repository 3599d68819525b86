// The optional questions of a self check-in (how are you, has anything
// changed, a message to the officer), shown under the person's check-in
// button (screens/person.js) with a link to the month's tasks (screens/care.js).
import { t, tEnum, loadArea } from './i18n.js';
import { h, field, formValues } from './ui.js';

await loadArea('care');

const MOODS = [1, 2, 3, 4, 5];
const CHANGES = ['ADDRESS', 'JOB', 'PHONE', 'HEALTH'];

/**
 * The optional questions shown under the person's check-in button, and a
 * link to the month's tasks. `answers()` is what the check-in carries as
 * `wellbeing` (null when nothing was answered); `clear()` after it was sent.
 */
export function checkInQuestions() {
  const moods = MOODS.map((m) =>
    h('label', { class: 'check-inline' },
      h('input', { type: 'radio', name: 'mood', value: String(m), testid: `q-mood-${m}` }), t(`care.mood${m}`)));
  const changes = CHANGES.map((c) =>
    h('label', { class: 'check-inline' },
      h('input', { type: 'checkbox', name: 'changes', value: c, 'data-group': '1', testid: `q-change-${c}` }),
      tEnum('CircumstanceChange', c)));
  const form = h('form', { class: 'form card', novalidate: true, testid: 'checkin-questions' },
    h('details', null,
      h('summary', null, t('care.questions')),
      h('fieldset', { class: 'field' }, h('legend', null, t('care.mood')), moods),
      h('fieldset', { class: 'field' }, h('legend', null, t('care.changed')), changes),
      field({ label: t('care.changeDetails'), name: 'changeDetails', maxlength: 500, testid: 'q-details' }),
      field({ label: t('care.message'), name: 'message', type: 'textarea', rows: 2, maxlength: 1000, testid: 'q-message' })),
    h('p', null, h('a', { href: '#/tasks', testid: 'goto-tasks' }, t('care.tasksLink'))));
  form.addEventListener('submit', (e) => e.preventDefault());
  return {
    el: form,
    answers() {
      const v = formValues(form);
      const out = {};
      if (v.mood) out.mood = Number(v.mood);
      if (v.changes.length) out.changes = v.changes;
      if (v.changeDetails) out.changeDetails = v.changeDetails;
      if (v.message) out.message = v.message;
      return Object.keys(out).length ? out : null;
    },
    clear: () => form.reset(),
  };
}

