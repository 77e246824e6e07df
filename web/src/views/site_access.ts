import { api, ApiError, type SiteGrant } from '../api';
import { h } from '../dom';
import { formatTime, t } from '../i18n';
import { resolve } from '../router';

// "Who can see our site", for the site's admins: every role held at the site and every
// community-wide one, who granted it and when, grants from outside the site marked, and a
// revoke button where the reader may take the role away.
export async function siteAccessView(params: Record<string, string>): Promise<HTMLElement> {
  const id = Number(params.id);
  const [site, access] = await Promise.all([api.site(id), api.siteAccess(id)]);
  const staff = access.items.filter((g) => !g.community_wide);
  const community = access.items.filter((g) => g.community_wide);
  const row = (g: SiteGrant) => {
    const revoke = g.revocable
      ? h('button', { type: 'button', class: 'secondary', 'aria-label': t('access.revokeNamed', { user: g.username, role: t(`role.${g.role}` as 'role.admin') }) }, t('access.revoke'))
      : null;
    revoke?.addEventListener('click', async () => {
      revoke.disabled = true;
      try {
        await api.revokeMembership(g.id);
        await resolve();
      } catch (error) {
        revoke.disabled = false;
        revoke.after(h('span', { role: 'alert' }, error instanceof ApiError ? error.detail : String(error)));
      }
    });
    return h(
      'tr',
      { class: g.from_outside ? 'from-outside' : undefined },
      h('th', { scope: 'row' }, `${g.display_name} (${g.username})`),
      h('td', {}, t(`role.${g.role}` as 'role.admin'), g.team_id ? ` · ${t('access.team', { id: g.team_id })}` : ''),
      h('td', {}, g.granted_by_username || t('access.operator'), g.from_outside ? h('strong', {}, ` · ${t('access.fromOutside')}`) : null),
      h('td', {}, g.granted_ms ? formatTime(g.granted_ms) : '–'),
      h('td', {}, revoke),
    );
  };
  const table = (caption: string, grants: SiteGrant[]) =>
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        {},
        h('caption', {}, caption),
        h('thead', {}, h('tr', {}, ...['access.account', 'access.role', 'access.grantedBy', 'access.when', 'access.action'].map((k) => h('th', { scope: 'col' }, t(k as 'access.role'))))),
        h('tbody', {}, ...grants.map(row)),
      ),
    );
  return h(
    'section',
    {},
    h('p', {}, h('a', { href: `/sites/${id}` }, t('common.back'))),
    h('h1', {}, t('access.title', { site: site.name })),
    h('p', { class: 'lede' }, t('access.intro')),
    table(t('access.staff'), staff),
    table(t('access.community'), community),
  );
}
