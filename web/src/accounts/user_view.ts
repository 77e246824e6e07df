import { api, ApiError, type SiteGrant, type User } from '../api';
import { session } from '../app_state';
import { h } from '../dom';
import { formatTime, t } from '../i18n';
import { resolve } from '../router';
import { describeMembership, loadNames } from '../shell/names';
import { field, onSubmit } from '../components/form';
import { loadPlaces, roleChoice } from './grant_form';

// One account, for those who administer it: its name, a new password (every session and token
// of the account ends with it), deactivating and reactivating it, and its roles with who granted
// each, revoked where the reader may, and a role more.
export async function userView(params: Record<string, string>): Promise<HTMLElement> {
  const user = await api.user(Number(params.id));
  const [names, places, grants] = await Promise.all([loadNames(), loadPlaces(), grantsOf(user)]);
  const own = user.id === session.user?.id;
  return h(
    'section',
    {},
    h('p', {}, h('a', { href: '/admin/users' }, t('common.back'))),
    h('h1', {}, `${user.display_name} (${user.username})`),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, t('admin.accountId')),
      h('dd', {}, String(user.id)),
      h('dt', {}, t('users.status')),
      h('dd', {}, user.active ? t('users.active') : t('users.inactiveSince', { when: user.deactivated_ms ? formatTime(user.deactivated_ms) : '–' })),
    ),
    nameForm(user),
    own ? h('p', {}, h('a', { href: '/account' }, t('admin.ownPassword'))) : passwordForm(user),
    own ? null : activeButton(user),
    h('h2', {}, t('account.roles')),
    user.memberships.length
      ? h(
          'ul',
          { class: 'roles' },
          ...user.memberships.map((m) => {
            const grant = grants.find((g) => g.role === m.role && g.site_id === m.site_id && g.team_id === m.team_id);
            return h('li', {}, describeMembership(m, names), grant ? grantNote(grant) : null, grant?.revocable ? revokeButton(grant, describeMembership(m, names)) : null);
          }),
        )
      : h('p', {}, t('admin.noRoles')),
    grantForm(user, places),
  );
}

// The grants (with their ids, who granted them and whether the reader may revoke them) from the
// access lists of the sites where the account holds a role; community-wide roles are in every
// site's list.
async function grantsOf(user: User): Promise<SiteGrant[]> {
  const sites = new Set(user.memberships.map((m) => m.site_id).filter((s): s is number => s !== null));
  if (user.memberships.some((m) => m.site_id === null)) {
    const first = (await api.sites()).items[0];
    if (first) sites.add(first.id);
  }
  const lists = await Promise.all([...sites].map((s) => api.siteAccess(s).then((page) => page.items).catch(() => [])));
  return lists.flat().filter((g) => g.user_id === user.id);
}

function grantNote(grant: SiteGrant): HTMLElement {
  return h('span', { class: 'meta' }, ` · ${t('admin.grantedBy', { who: grant.granted_by_username || t('access.operator'), when: grant.granted_ms ? formatTime(grant.granted_ms) : '–' })} `);
}

function revokeButton(grant: SiteGrant, label: string): HTMLElement {
  const button = h('button', { type: 'button', class: 'secondary', 'aria-label': t('admin.revokeNamed', { role: label }) }, t('access.revoke'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await api.revokeMembership(grant.id);
      await resolve();
    } catch (error) {
      button.disabled = false;
      button.after(h('span', { role: 'alert' }, error instanceof ApiError ? error.detail : String(error)));
    }
  });
  return button;
}

function nameForm(user: User): HTMLElement {
  const name = h('input', { id: 'display-name', name: 'display_name', required: true, maxlength: 200, autocomplete: 'off' });
  name.value = user.display_name;
  const form = h('form', {}, field(t('users.name'), name), h('button', { type: 'submit' }, t('admin.save')));
  onSubmit(form, async () => {
    await api.changeUser(user.id, { display_name: name.value.trim() });
    await resolve();
  });
  return h('details', { class: 'card' }, h('summary', {}, t('admin.changeName')), form);
}

function passwordForm(user: User): HTMLElement {
  const password = h('input', { id: 'reset-password', name: 'password', type: 'password', required: true, minlength: 12, autocomplete: 'new-password' });
  const done = h('p', { role: 'status' });
  const form = h(
    'form',
    { novalidate: true },
    field(t('admin.newPassword'), password, t('admin.resetEnds')),
    h('button', { type: 'submit' }, t('admin.resetPassword')),
    done,
  );
  onSubmit(form, async () => {
    await api.changeUser(user.id, { password: password.value });
    password.value = '';
    done.textContent = t('admin.passwordReset');
  });
  return h('details', { class: 'card' }, h('summary', {}, t('admin.resetPassword')), form);
}

function activeButton(user: User): HTMLElement {
  const button = h('button', { type: 'button', class: 'secondary' }, user.active ? t('admin.deactivate') : t('admin.reactivate'));
  const status = h('span', { role: 'alert' });
  button.addEventListener('click', async () => {
    if (user.active && !confirm(t('admin.deactivateConfirm', { user: user.username }))) return;
    button.disabled = true;
    try {
      await api.changeUser(user.id, { active: !user.active });
      await resolve();
    } catch (error) {
      button.disabled = false;
      status.textContent = error instanceof ApiError ? error.detail : String(error);
    }
  });
  return h('p', {}, button, ' ', user.active ? h('span', { class: 'meta' }, t('admin.deactivateNote')) : null, status);
}

function grantForm(user: User, places: Awaited<ReturnType<typeof loadPlaces>>): HTMLElement {
  const role = roleChoice('grant', places);
  const form = h('form', { class: 'card', 'aria-labelledby': 'grant-heading' }, h('h2', { id: 'grant-heading' }, t('admin.grantRole')), role.controls, h('button', { type: 'submit' }, t('admin.grant')));
  onSubmit(form, async () => {
    await api.grantMembership(user.id, role.value());
    await resolve();
  });
  return form;
}
