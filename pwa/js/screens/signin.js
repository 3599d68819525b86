// Signed-out screens: sign in, activate an account with the code from
// intake (supervised persons), sign up as a legal-aid applicant.
import { gql, OPS } from '../api.js';
import { t, getLocale } from '../i18n.js';
import { h, field, formMessage, showFieldError } from '../ui.js';
import { startSession } from '../store.js';
import { loadRules } from '../rules.js';
import { shell, submitHandler } from '../auth-form.js';

export function signIn(el) {
  // The second step appears only for an account that has set it up.
  const otp = field({ label: t('auth.otp'), name: 'otp', inputmode: 'numeric', autocomplete: 'one-time-code', hint: t('auth.otpHint'), testid: 'signin-otp' });
  otp.hidden = true;
  const form = h(
    'form',
    { class: 'form', novalidate: true, testid: 'signin-form' },
    field({ label: t('auth.username'), name: 'username', required: true, autocomplete: 'username', autocapitalize: 'none', testid: 'signin-username' }),
    field({ label: t('auth.password'), name: 'password', type: 'password', required: true, autocomplete: 'current-password', testid: 'signin-password' }),
    otp,
    formMessage(),
    h('button', { class: 'btn primary block', type: 'submit', testid: 'signin-submit' }, t('auth.signIn')),
  );
  submitHandler(form, async (v) => {
    if (!v.username) return showFieldError(form, 'username', t('form.required'));
    if (!v.password) return showFieldError(form, 'password', t('form.required'));
    try {
      const data = await gql(
        OPS.login,
        { u: v.username, p: v.password, o: v.otp ? v.otp.replace(/\s+/g, '') : null },
      );
      await startSession(data.login);
    } catch (err) {
      if (err.reason === 'OTP_REQUIRED' || err.reason === 'OTP_INVALID') {
        otp.hidden = false;
        otp.querySelector('input').focus();
      }
      throw err;
    }
  });
  shell(el, t('auth.signInTitle'), t('auth.signInIntro'), form, [
    h('a', { href: '#/activate', class: 'btn link', testid: 'goto-activate' }, t('auth.haveCode')),
    h('a', { href: '#/signup', class: 'btn link', testid: 'goto-signup' }, t('auth.applyForAid')),
  ]);
}

// The password's bounds are the server's (check_password_rules), read from /rules.json.
function passwordFields(prefix, rules) {
  const min = rules.password.minLength;
  return [
    field({ label: t('auth.newPassword'), name: 'password', type: 'password', required: true, autocomplete: 'new-password', hint: t('auth.passwordHint', { min }), testid: `${prefix}-password` }),
    field({ label: t('auth.repeatPassword'), name: 'password2', type: 'password', required: true, autocomplete: 'new-password', testid: `${prefix}-password2` }),
  ];
}

function checkPasswords(form, v, rules) {
  if (!v.password) return showFieldError(form, 'password', t('form.required')) && false;
  const min = rules.password.minLength;
  if ([...v.password].length < min) return showFieldError(form, 'password', t('auth.passwordShort', { min })) && false;
  if (v.password !== v.password2) return showFieldError(form, 'password2', t('auth.passwordsDiffer')) && false;
  return true;
}

export async function activate(el, ctx) {
  const rules = await loadRules();
  // The QR code shown at intake opens #/activate?code=… with the code filled in.
  const form = h(
    'form',
    { class: 'form', novalidate: true, testid: 'activate-form' },
    field({ label: t('auth.code'), name: 'code', required: true, value: ctx.query.get('code') || '', autocomplete: 'one-time-code', autocapitalize: 'characters', hint: t('auth.codeHint'), testid: 'activate-code' }),
    field({ label: t('auth.chooseUsername'), name: 'username', required: true, autocomplete: 'username', autocapitalize: 'none', testid: 'activate-username' }),
    ...passwordFields('activate', rules),
    formMessage(),
    h('button', { class: 'btn primary block', type: 'submit', testid: 'activate-submit' }, t('auth.activate')),
  );
  submitHandler(form, async (v) => {
    if (!v.code) return showFieldError(form, 'code', t('form.required'));
    if (!v.username) return showFieldError(form, 'username', t('form.required'));
    if (!checkPasswords(form, v, rules)) return;
    const data = await gql(
      OPS.activate,
      { c: v.code.replace(/\s+/g, ''), u: v.username, p: v.password },
    );
    await startSession(data.activateAccount);
  });
  shell(el, t('auth.activateTitle'), t('auth.activateIntro'), form, [
    h('a', { href: '#/signin', class: 'btn link', testid: 'goto-signin' }, t('auth.backToSignIn')),
  ]);
}

export async function signUp(el) {
  const rules = await loadRules();
  const form = h(
    'form',
    { class: 'form', novalidate: true, testid: 'signup-form' },
    field({ label: t('auth.displayName'), name: 'displayName', required: true, autocomplete: 'name', testid: 'signup-name' }),
    field({ label: t('auth.phone'), name: 'phone', type: 'tel', required: true, autocomplete: 'tel', inputmode: 'tel', testid: 'signup-phone' }),
    field({ label: t('auth.chooseUsername'), name: 'username', required: true, autocomplete: 'username', autocapitalize: 'none', testid: 'signup-username' }),
    ...passwordFields('signup', rules),
    formMessage(),
    h('button', { class: 'btn primary block', type: 'submit', testid: 'signup-submit' }, t('auth.signUp')),
  );
  submitHandler(form, async (v) => {
    for (const k of ['displayName', 'phone', 'username']) if (!v[k]) return showFieldError(form, k, t('form.required'));
    if (!checkPasswords(form, v, rules)) return;
    const data = await gql(OPS.signUp, {
      input: { username: v.username, displayName: v.displayName, password: v.password, phone: v.phone, locale: getLocale() },
    });
    await startSession(data.signUpApplicant);
  });
  shell(el, t('auth.signUpTitle'), t('auth.signUpIntro'), form, [
    h('a', { href: '#/signin', class: 'btn link', testid: 'goto-signin' }, t('auth.backToSignIn')),
  ]);
}
