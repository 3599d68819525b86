// The frame of the signed-out forms (sign in, activate, sign up, the
// two-step set-up): the brand, the heading, the form and the links below, and
// a submit that shows the server's refusal in the form. Shared by the screens
// that draw them, which may not import one another.
import { t } from './i18n.js';
import { h, mount, formValues, showFieldError, showFormError, busy } from './ui.js';

export function shell(el, heading, intro, form, links) {
  mount(
    el,
    h(
      'section',
      { class: 'auth' },
      h('div', { class: 'auth-brand', 'aria-hidden': 'true' }, h('img', { src: '/icons/icon-192.png', alt: '', width: 64, height: 64 })),
      h('h1', { tabindex: '-1', class: 'title' }, heading),
      intro ? h('p', { class: 'lead' }, intro) : null,
      form,
      h('nav', { class: 'auth-links', 'aria-label': t('auth.more') }, links),
    ),
  );
}

export function submitHandler(form, run) {
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    showFieldError(form, null);
    const button = form.querySelector('button[type=submit]');
    busy(button, async () => {
      try {
        await run(formValues(form));
      } catch (err) {
        // A wrong username or password, a code missing or wrong: said in the
        // page's own words for their reason keys (reason.BAD_CREDENTIALS …).
        showFormError(form, err);
      }
    });
  });
}
