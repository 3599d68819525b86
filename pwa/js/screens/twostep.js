// Setting up two-step sign-in, once, after the first sign-in with the
// password of a role that needs it: its own module, so the first load (the
// sign-in screen) does not carry it.
import { gql, OPS } from '../api.js';
import { t, loadArea } from '../i18n.js';
import { h, mount, field, formMessage, showFieldError, announce } from '../ui.js';
import { finishTwoStep, getSession } from '../store.js';
import { drawQr } from '../qr.js';
import { shell, submitHandler } from '../auth-form.js';

/** The secret in groups of four, as authenticator apps show and accept it. */
export const groupsOfFour = (secret) => secret.replace(/(.{4})(?=.)/g, '$1 ');

/**
 * Setting up two-step sign-in (required for administrators and supervisors),
 * most often on the phone that will hold the authenticator: the otpauth: link
 * opens the app there, the QR code serves another phone. Its strings are not
 * part of the first load (i18n/twostep.*.js).
 */
export async function twoStep(el, ctx) {
  const [{ beginTotpEnrolment: enrolment }] = await Promise.all([gql(OPS.beginTotp, {}, { signal: ctx.signal }), loadArea('twostep')]);
  if (!ctx.alive) return;
  const qrBox = h('div', { class: 'qr', testid: 'twostep-qr' });
  const form = h(
    'form',
    { class: 'form', novalidate: true, testid: 'twostep-form' },
    field({ label: t('auth.otp'), name: 'code', inputmode: 'numeric', required: true, autocomplete: 'one-time-code', testid: 'twostep-code' }),
    formMessage(),
    h('button', { class: 'btn primary block', type: 'submit', testid: 'twostep-submit' }, t('auth.twoStepConfirm')),
  );
  submitHandler(form, async (v) => {
    if (!v.code) return showFieldError(form, 'code', t('form.required'));
    const codes = (await gql(OPS.confirmTotp, { c: v.code.replace(/\s+/g, '') }))
      .confirmTotpEnrolment;
    recoveryCodes(el, codes);
  });
  shell(el, t('auth.twoStepTitle'), t('auth.twoStepIntro'), h('div', {},
    h('p', null, h('a', { class: 'btn primary block', href: enrolment.otpauthUri, testid: 'twostep-open' }, t('twostep.open'))),
    h('p', { class: 'hint' }, t('twostep.openHint')),
    qrBox,
    h('p', { class: 'muted' }, t('twostep.secret')),
    h('p', { class: 'secret', testid: 'twostep-secret' }, groupsOfFour(enrolment.secret)),
    form), [
    h('a', { href: '#/settings', class: 'btn link' }, t('nav.settings')),
  ]);
  drawQr(qrBox, enrolment.otpauthUri, t('auth.twoStepQr'));
}

/** The recovery codes, shown once and never stored on the device: copy, download, or write them down. */
function recoveryCodes(el, codes) {
  const user = getSession()?.viewer?.username || '';
  const text = [t('twostep.fileTitle', { app: t('app.name'), user }), t('twostep.fileNote'), '', ...codes, ''].join('\n');
  const copy = h('button', { class: 'btn block', type: 'button', testid: 'recovery-copy' }, t('twostep.copy'));
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text);
      announce(t('twostep.copied'), 'ok');
    } catch {
      announce(t('twostep.copyFailed'), 'error');
    }
  });
  // A data: URL, not a blob: one, so nothing needs revoking once the screen is gone.
  const download = h('a', {
    class: 'btn block', testid: 'recovery-download', download: `recovery-codes-${user || 'sifasuo'}.txt`,
    href: 'data:text/plain;charset=utf-8,' + encodeURIComponent(text),
  }, t('twostep.download'));
  mount(
    el,
    h(
      'section',
      { class: 'auth' },
      h('h1', { tabindex: '-1', class: 'title' }, t('auth.recoveryTitle')),
      h('p', { class: 'lead' }, t('auth.recoveryIntro')),
      h('ol', { class: 'recovery-codes', testid: 'recovery-codes' }, codes.map((c) => h('li', {}, c))),
      h('div', { class: 'actions' }, copy, download),
      h('button', { class: 'btn primary block', type: 'button', testid: 'twostep-done', onclick: () => finishTwoStep() }, t('auth.twoStepDone')),
    ),
  );
}
