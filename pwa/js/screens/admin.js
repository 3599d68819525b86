// Accounts on an administrator's phone: the staff of its units, searchable;
// for each, end every session (a lost phone), reset the second factor, turn
// the account off or on (two taps each); and a form for a new account whose
// unit list follows the role (the server's roleUnitKinds in /rules.json).
import { gql } from '../api.js';
import { t, tEnum, loadArea } from '../i18n.js';
import { h, mount, title, errorBox, empty, busy, announce, errorText, field, badge, loading, showFieldError, formValues } from '../ui.js';
import { loadRules } from '../rules.js';
import ops from '../operations/admin.js';

await loadArea('admin');

const STAFF_ROLES = ['OFFICER', 'MEDIATOR', 'LEGAL_AID_STAFF', 'LAWYER', 'SUPERVISOR', 'ADMIN'];

/** A button that asks once ("confirm: …") and acts on the second tap. */
function twoTap(label, confirmLabel, testid, act, kind = '') {
  const b = h('button', { class: `btn small ${kind}`, type: 'button', testid }, label);
  b.addEventListener('click', () => {
    if (!b.dataset.armed) {
      b.dataset.armed = '1';
      b.textContent = confirmLabel;
      return;
    }
    busy(b, act);
  });
  return b;
}

export async function accounts(el, ctx) {
  const search = h('form', { class: 'card', novalidate: true, role: 'search', testid: 'accounts-search' },
    field({ label: t('admin.search'), name: 'search', type: 'search', value: ctx.query.get('q') || '', testid: 'accounts-q' }),
    field({
      label: t('admin.role'), name: 'role', type: 'select', value: ctx.query.get('role') || '', testid: 'accounts-role',
      options: [['', t('admin.anyRole')], ...STAFF_ROLES.map((r) => [r, tEnum('Role', r)])],
    }),
    h('button', { class: 'btn', type: 'submit' }, t('admin.find')));
  search.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = formValues(search);
    location.hash = '#/accounts?' + new URLSearchParams(Object.entries({ q: v.search, role: v.role }).filter(([, x]) => x)).toString();
  });
  const list = h('ul', { class: 'list', testid: 'accounts-list' });
  const more = h('button', { class: 'btn block', type: 'button', hidden: true, testid: 'accounts-more' }, t('list.loadMore'));
  const create = h('details', { class: 'card', testid: 'account-new' }, h('summary', null, t('admin.new')));
  mount(el, title(t('admin.title')), h('p', { class: 'muted' }, t('admin.intro')), create, search, list, more);

  const filter = {};
  if (ctx.query.get('q')) filter.search = ctx.query.get('q');
  if (ctx.query.get('role')) filter.role = ctx.query.get('role');
  let cursor = null;

  async function load(append) {
    if (!append) mount(list, loading());
    try {
      const c = (await gql(ops.accounts, { after: append ? cursor : null, filter }, { signal: ctx.signal })).accounts;
      const rows = c.edges.map((e) => row(e.node));
      if (append) list.append(...rows);
      else mount(list, rows.length ? rows : h('li', null, empty(t('admin.empty'))));
      cursor = c.pageInfo.endCursor;
      more.hidden = !c.pageInfo.hasNextPage;
    } catch (err) {
      if (err.name !== 'AbortError') mount(list, h('li', null, errorBox(err, () => load(false))));
    }
  }

  function row(a) {
    const actions = h('div', { class: 'actions' });
    const redo = async (fn, message) => {
      try {
        await fn();
        announce(message, 'ok');
      } catch (err) {
        announce(errorText(err), 'error');
      }
      await load(false);
    };
    if (a.openSessions) {
      actions.append(twoTap(t('admin.endSessions'), t('admin.endSessionsConfirm'), 'account-end-sessions', () =>
        redo(async () => {
          const n = (await gql(ops.endSessions, { u: a.id })).endAccountSessions;
          announce(t('admin.ended', { n }), 'ok');
        }, t('admin.changed'))));
    }
    if (a.twoStepEnabled) {
      actions.append(twoTap(t('admin.resetTwoStep'), t('admin.resetConfirm'), 'account-reset-two-step', () =>
        redo(() => gql(ops.resetTwoStep, { u: a.id }), t('admin.resetDone'))));
    }
    actions.append(a.active
      ? twoTap(t('admin.deactivate'), t('admin.deactivateConfirm'), 'account-deactivate', () =>
          redo(() => gql(ops.setActive, { u: a.id, a: false }), t('admin.changed')), 'bad')
      : h('button', { class: 'btn small', type: 'button', testid: 'account-activate',
          onclick: (e) => busy(e.currentTarget, () => redo(() => gql(ops.setActive, { u: a.id, a: true }), t('admin.changed'))) },
        t('admin.activate')));
    return h('li', { class: 'row wrap', testid: 'account-item', 'data-username': a.username },
      h('div', { class: 'row-main' },
        h('strong', null, a.displayName),
        h('span', { class: 'muted' }, `${a.username} · ${tEnum('Role', a.role)}${a.orgUnit ? ' · ' + a.orgUnit.name : ''}`),
        h('span', { class: 'muted' }, t('admin.sessions', { n: a.openSessions }))),
      a.active ? null : badge(t('admin.inactive'), 'bad'),
      a.twoStepEnabled ? badge(t('admin.twoStep'), 'ok') : null,
      actions);
  }

  more.addEventListener('click', () => busy(more, () => load(true)));
  create.addEventListener('toggle', () => create.open && !create.dataset.ready && newAccountForm(create, () => load(false)), { once: false });
  await load(false);
}

async function newAccountForm(box, done) {
  box.dataset.ready = '1';
  const [rules, units] = await Promise.all([loadRules(), gql(ops.units).then((d) => d.orgUnits)]);
  const unitSelect = () => form.querySelector('[name="orgUnitId"]');
  const fillUnits = (role) => {
    const kinds = rules.roleUnitKinds[role] || [];
    const fits = units.filter((u) => kinds.includes(u.kind));
    unitSelect().replaceChildren(
      h('option', { value: '' }, t('admin.chooseUnit')),
      ...fits.map((u) => h('option', { value: u.id }, `${u.name}（${tEnum('OrgUnitKind', u.kind)}）`)));
  };
  const submit = h('button', { class: 'btn primary', type: 'submit', testid: 'account-create' }, t('admin.create'));
  const form = h('form', { novalidate: true, testid: 'account-form' },
    field({ label: t('admin.username'), name: 'username', required: true, autocapitalize: 'none', autocomplete: 'off', testid: 'account-username' }),
    field({ label: t('admin.displayName'), name: 'displayName', required: true, testid: 'account-name' }),
    field({ label: t('admin.role'), name: 'role', type: 'select', value: 'OFFICER', testid: 'account-role', options: STAFF_ROLES.map((r) => [r, tEnum('Role', r)]) }),
    field({ label: t('admin.unit'), name: 'orgUnitId', type: 'select', required: true, testid: 'account-unit', options: [] }),
    field({ label: t('admin.password'), name: 'password', type: 'password', autocomplete: 'new-password', required: true,
      hint: t('auth.passwordHint', { min: rules.password.minLength }), testid: 'account-password' }),
    h('p', { class: 'form-msg', hidden: true }),
    submit);
  box.append(form);
  fillUnits('OFFICER');
  form.elements.role.addEventListener('change', () => fillUnits(form.elements.role.value));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    busy(submit, async () => {
      const v = formValues(form);
      const missing = ['username', 'displayName', 'orgUnitId', 'password'].filter((n) => !v[n]);
      if (missing.length) return showFieldError(form, missing[0], t('form.required'));
      try {
        await gql(ops.createUser, { input: { username: v.username, displayName: v.displayName, role: v.role, orgUnitId: v.orgUnitId, password: v.password } });
        announce(t('admin.created', { name: v.displayName }), 'ok');
        form.reset();
        fillUnits('OFFICER');
        await done();
      } catch (err) {
        if (!showFieldError(form, err.field || null, errorText(err))) announce(errorText(err), 'error');
      }
    });
  });
}
