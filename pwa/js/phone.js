// The settings card for text messages: verify a number with a texted code,
// see where texts go, stop them. Loaded by the settings screen, with its own
// strings and operations, so none of it weighs on the first load.
import { gql } from './api.js';
import { t, loadArea, fmtDate, fmtTime } from './i18n.js';
import { h, mount, field, busy, announce, errorText, showFieldError, problemText } from './ui.js';
import { loadRules, check } from './rules.js';
import ops from './operations/phone.js';

await loadArea('phone');

export async function renderTextMessages(box) {
  let state;
  try {
    state = (await gql(ops.textMessages)).textMessages;
  } catch (err) {
    mount(box, h('p', { class: 'muted' }, errorText(err)));
    return;
  }
  const why = h('p', { class: 'muted' }, t('phone.why'));
  if (!state.available) return mount(box, why, h('p', { testid: 'phone-state' }, t('phone.off')));
  if (state.phone) {
    const change = h('button', { class: 'btn', type: 'button', testid: 'phone-change' }, t('phone.change'));
    const stop = h('button', { class: 'btn', type: 'button', testid: 'phone-stop' }, t('phone.stop'));
    change.addEventListener('click', () => askNumber(box, why));
    stop.addEventListener('click', () => busy(stop, async () => {
      try {
        await gql(ops.stopTextMessages);
        announce(t('phone.stopped'), 'ok');
        await renderTextMessages(box);
      } catch (err) {
        announce(errorText(err), 'error');
      }
    }));
    return mount(box, why,
      h('p', { testid: 'phone-state' }, t('phone.verified', { phone: state.phone, date: fmtDate(state.verifiedAt) })),
      h('div', { class: 'actions' }, change, stop));
  }
  mount(box, why, h('p', { testid: 'phone-state' }, t('phone.none')));
  askNumber(box, why, true);
}

function askNumber(box, why, keepState = false) {
  const state = keepState ? box.querySelector('[data-testid="phone-state"]') : null;
  const send = h('button', { class: 'btn primary', type: 'submit', testid: 'phone-send' }, t('phone.send'));
  const form = h('form', { novalidate: true, testid: 'phone-form' },
    field({ label: t('phone.number'), name: 'phone', type: 'tel', inputmode: 'tel', autocomplete: 'tel', required: true, testid: 'phone-number' }),
    send);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    busy(send, async () => {
      // The server's own rule first: a mistyped number costs no text.
      const rules = await loadRules();
      const problem = check(rules, rules.forms.phoneCheck.phone, form.elements.phone.value);
      if (problem) return showFieldError(form, 'phone', problemText(problem));
      try {
        const sent = (await gql(ops.requestPhoneCheck, { phone: form.elements.phone.value })).requestPhoneCheck;
        askCode(box, why, sent);
      } catch (err) {
        if (err.field === 'phone') showFieldError(form, 'phone', errorText(err));
        else announce(errorText(err), 'error');
      }
    });
  });
  mount(box, why, state, form);
}

function askCode(box, why, sent) {
  const confirm = h('button', { class: 'btn primary', type: 'submit', testid: 'phone-confirm' }, t('phone.confirm'));
  const form = h('form', { novalidate: true, testid: 'phone-code-form' },
    h('p', { role: 'status', testid: 'phone-sent' }, t('phone.sent', { phone: sent.phone, time: fmtTime(sent.expiresAt) })),
    field({ label: t('phone.code'), name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: 6, required: true, testid: 'phone-code' }),
    confirm);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    busy(confirm, async () => {
      try {
        await gql(ops.confirmPhoneCheck, { code: form.elements.code.value });
        announce(t('phone.done'), 'ok');
        await renderTextMessages(box);
      } catch (err) {
        showFieldError(form, 'code', errorText(err));
      }
    });
  });
  mount(box, why, form);
  form.elements.code.focus();
}
