import { api } from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import { describeMembership, loadNames } from './names';

export async function accountView(): Promise<HTMLElement> {
  const [user, names] = await Promise.all([api.me(), loadNames()]);
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
  );
}
