import { api, type User } from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import { describeMembership, loadNames, type Names } from '../shell/names';
import { pagedTable } from '../components/paged_table';

export async function usersView(): Promise<HTMLElement> {
  const names: Names = await loadNames();
  return h(
    'section',
    {},
    h('h1', {}, t('users.title')),
    pagedTable<User>(
      t('users.title'),
      [t('users.username'), t('users.name'), t('users.roles')],
      (cursor) => api.users(cursor),
      (user) =>
        h(
          'tr',
          {},
          h('td', {}, user.username),
          h('td', {}, user.display_name),
          h('td', {}, user.memberships.map((m) => describeMembership(m, names)).join('; ')),
        ),
    ),
  );
}
