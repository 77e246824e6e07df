import { api, ApiError } from '../api';
import { session } from '../app_state';
import { h } from '../dom';
import { t } from '../i18n';
import { navigate } from '../router';

export function signInView(): HTMLElement {
  const message = h('p', { id: 'sign-in-message', class: 'error', role: 'alert' });
  const username = h('input', {
    id: 'username',
    name: 'username',
    autocomplete: 'username',
    autocapitalize: 'none',
    spellcheck: 'false',
    required: true,
  });
  const password = h('input', {
    id: 'password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const submit = h('button', { type: 'submit' }, t('signIn.submit'));
  const form = h(
    'form',
    { class: 'card sign-in', novalidate: true, 'aria-describedby': 'sign-in-message' },
    h('div', { class: 'field' }, h('label', { for: 'username' }, t('signIn.username')), username),
    h('div', { class: 'field' }, h('label', { for: 'password' }, t('signIn.password')), password),
    message,
    submit,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = '';
    if (!username.value || !password.value) {
      message.textContent = t('signIn.missing');
      (username.value ? password : username).focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = t('signIn.busy');
    try {
      const result = await api.login(username.value.trim(), password.value);
      session.user = result.user;
      await navigate('/', true);
    } catch (error) {
      const status = error instanceof ApiError ? error.status : 0;
      message.textContent =
        status === 429 ? t('signIn.throttled') : status === 0 ? t('common.network') : t('signIn.failed');
      password.value = '';
      password.focus();
    } finally {
      submit.disabled = false;
      submit.textContent = t('signIn.submit');
    }
  });
  return h(
    'section',
    { class: 'narrow' },
    h('h1', {}, t('signIn.title')),
    h('p', {}, t('signIn.intro')),
    form,
  );
}
