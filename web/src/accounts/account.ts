import { api, ApiError, type Token } from '../api';
import { session } from '../app_state';
import { h } from '../dom';
import { formatTime, t } from '../i18n';
import { navigate, resolve } from '../router';
import { describeMembership, loadNames } from '../shell/names';
import { calendarFeed } from '../schedules/feed';

export async function accountView(): Promise<HTMLElement> {
  const [user, names, tokens] = await Promise.all([api.me(), loadNames(), api.tokens()]);
  return h(
    'section',
    {},
    h('h1', {}, t('account.title')),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, t('account.username')),
      h('dd', {}, user.username),
      h('dt', {}, t('account.displayName')),
      h('dd', {}, user.display_name),
      h('dt', {}, t('account.roles')),
      h('dd', {}, h('ul', {}, ...user.memberships.map((m) => h('li', {}, describeMembership(m, names))))),
    ),
    passwordForm(user.id),
    calendarFeed(),
    tokenList(tokens.items),
  );
}

// One's own password is changed with the current one; every session and token ends with it.
function passwordForm(userId: number): HTMLElement {
  const current = h('input', { id: 'password-current', type: 'password', autocomplete: 'current-password', required: true });
  const next = h('input', { id: 'password-new', type: 'password', autocomplete: 'new-password', required: true, minlength: 12 });
  const message = h('p', { role: 'status' });
  const form = h(
    'form',
    { class: 'card' },
    h('h2', {}, t('account.password')),
    h('div', { class: 'field' }, h('label', { for: 'password-current' }, t('account.currentPassword')), current),
    h('div', { class: 'field' }, h('label', { for: 'password-new' }, t('account.newPassword')), next),
    h('p', { class: 'meta' }, t('account.passwordEnds')),
    h('button', { type: 'submit' }, t('account.changePassword')),
    message,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api.changePassword(userId, current.value, next.value);
      session.user = null;
      await navigate('/signin');
    } catch (error) {
      message.textContent = error instanceof ApiError ? error.detail : String(error);
    }
  });
  return form;
}

// The bearer tokens the account holds: when each expires and was last used, and revoking one.
function tokenList(tokens: Token[]): HTMLElement {
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, t('account.tokens')),
    tokens.length
      ? h(
          'div',
          { class: 'table-wrap', tabindex: 0 },
          h(
            'table',
            {},
            h('caption', {}, t('account.tokens')),
            h('thead', {}, h('tr', {}, ...['account.tokenName', 'account.tokenCreated', 'account.tokenExpires', 'account.tokenUsed', 'access.action'].map((k) => h('th', { scope: 'col' }, t(k as 'account.tokens'))))),
            h(
              'tbody',
              {},
              ...tokens.map((token) => {
                const revoke = h('button', { type: 'button', class: 'secondary', 'aria-label': t('account.revokeNamed', { name: token.name }) }, t('access.revoke'));
                revoke.addEventListener('click', async () => {
                  await api.revokeToken(token.id);
                  await resolve();
                });
                return h(
                  'tr',
                  {},
                  h('th', { scope: 'row' }, token.name),
                  h('td', {}, formatTime(token.created_ms)),
                  h('td', {}, formatTime(token.expires_ms)),
                  h('td', {}, token.last_used_ms ? formatTime(token.last_used_ms) : t('account.neverUsed')),
                  h('td', {}, revoke),
                );
              }),
            ),
          ),
        )
      : h('p', {}, t('account.noTokens')),
  );
}
