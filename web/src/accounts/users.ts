import { api, type User } from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import { navigate } from '../router';
import { describeMembership, loadNames, type Names } from '../shell/names';
import { pagedTable } from '../components/paged_table';
import { field, onSubmit } from '../components/form';
import { loadPlaces, roleChoice, type Places } from './grant_form';

// The accounts an admin administers (the community's admins: every account; a site's: those
// with a role at their sites), each linking to its page, and the form that adds one.
export async function usersView(): Promise<HTMLElement> {
  const [names, places] = await Promise.all([loadNames(), loadPlaces()]);
  return h(
    'section',
    {},
    h('h1', {}, t('users.title')),
    addUserForm(places),
    pagedTable<User>(
      t('users.title'),
      [t('users.username'), t('users.name'), t('users.roles'), t('users.status')],
      (cursor) => api.users(cursor),
      (user) => userRow(user, names),
    ),
  );
}

function userRow(user: User, names: Names): HTMLTableRowElement {
  return h(
    'tr',
    {},
    h('th', { scope: 'row' }, h('a', { href: `/admin/users/${user.id}` }, user.username)),
    h('td', {}, user.display_name),
    h('td', {}, user.memberships.map((m) => describeMembership(m, names)).join('; ')),
    h('td', {}, user.active ? t('users.active') : t('users.inactive')),
  );
}

function addUserForm(places: Places): HTMLElement {
  const username = h('input', { id: 'new-username', name: 'username', required: true, maxlength: 64, autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false' });
  const name = h('input', { id: 'new-display-name', name: 'display_name', required: true, maxlength: 200, autocomplete: 'off' });
  const password = h('input', { id: 'new-password', name: 'password', type: 'password', required: true, minlength: 12, autocomplete: 'new-password' });
  const role = roleChoice('new', places);
  const form = h(
    'form',
    { class: 'card', novalidate: true },
    field(t('users.username'), username),
    field(t('users.name'), name),
    field(t('admin.firstPassword'), password, t('admin.firstPasswordHint')),
    role.controls,
    h('button', { type: 'submit' }, t('admin.addAccount')),
  );
  onSubmit(form, async () => {
    const user = await api.addUser({
      username: username.value.trim(),
      display_name: name.value.trim(),
      password: password.value,
      memberships: [role.value()],
    });
    await navigate(`/admin/users/${user.id}`);
  });
  return h('details', { class: 'card' }, h('summary', {}, t('admin.addAccount')), form);
}
