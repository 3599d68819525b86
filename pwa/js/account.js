// The settings cards for one's own account: change the password (every other
// sign-in ends), and the list of one's sessions with a way to end each. Loaded
// by the settings screen with its own strings and operations.
import { gql } from './api.js';
import { t, loadArea, fmtDateTime, fmtRelative } from './i18n.js';
import { h, mount, field, busy, announce, errorText, showFieldError, loading, badge } from './ui.js';
import { loadRules } from './rules.js';
import ops from './operations/account.js';

await loadArea('account');

export async function renderPassword(box) {
  const rules = await loadRules();
  const submit = h('button', { class: 'btn primary', type: 'submit', testid: 'password-change' }, t('account.change'));
  const form = h('form', { novalidate: true, testid: 'password-form' },
    field({ label: t('account.current'), name: 'current', type: 'password', autocomplete: 'current-password', required: true, testid: 'password-current' }),
    field({ label: t('account.new'), name: 'next', type: 'password', autocomplete: 'new-password', required: true,
      hint: t('auth.passwordHint', { min: rules.password.minLength }), testid: 'password-new' }),
    submit);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    busy(submit, async () => {
      const current = form.elements.current.value;
      const next = form.elements.next.value;
      if (!current) return showFieldError(form, 'current', t('form.required'));
      if ([...next].length < rules.password.minLength) return showFieldError(form, 'next', t('auth.passwordShort', { min: rules.password.minLength }));
      try {
        const n = (await gql(ops.changePassword, { c: current, n: next })).changePassword;
        form.reset();
        showFieldError(form, null);
        announce(t('account.changed', { n }), 'ok');
      } catch (err) {
        const name = { currentPassword: 'current', newPassword: 'next' }[err.field];
        if (name) showFieldError(form, name, errorText(err));
        else announce(errorText(err), 'error');
      }
    });
  });
  mount(box, form);
}

export async function renderSessions(box) {
  mount(box, loading());
  let rows;
  try {
    rows = (await gql(ops.mySessions)).mySessions;
  } catch (err) {
    return mount(box, h('p', { class: 'muted' }, errorText(err)));
  }
  const item = (s) => {
    const end = s.current
      ? badge(t('account.thisDevice'), 'ok')
      : h('button', { class: 'btn small', type: 'button', testid: 'session-end',
          onclick: (e) => busy(e.currentTarget, async () => {
            try {
              await gql(ops.revokeSession, { id: s.id });
              announce(t('account.endedOne'), 'ok');
            } catch (err) {
              announce(errorText(err), 'error');
            }
            await renderSessions(box);
          }) }, t('account.end'));
    return h('li', { class: 'row wrap', testid: 'session-item' },
      h('div', { class: 'row-main' },
        h('span', null, s.userAgent || '—'),
        h('span', { class: 'muted' }, t('account.since', { time: fmtDateTime(s.createdAt), last: fmtRelative(s.lastSeenAt) }))),
      end);
  };
  mount(box, rows.length > 1 || rows.some((s) => !s.current)
    ? h('ul', { class: 'list', testid: 'sessions-list' }, rows.map(item))
    : [h('ul', { class: 'list', testid: 'sessions-list' }, rows.map(item)), h('p', { class: 'muted' }, t('account.noSessions'))]);
}
