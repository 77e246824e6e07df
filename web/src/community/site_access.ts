import { api, ApiError, type SiteGrant, type SiteSettings } from '../api';
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
      { class: 'table-wrap', tabindex: 0 },
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

// The site's own words for a person in crisis (English and Swedish) and after how many working
// days an open alert is overdue, set by the site's admins.
export async function siteSettingsView(params: Record<string, string>): Promise<HTMLElement> {
  const id = Number(params.id);
  const [site, settings] = await Promise.all([api.site(id), api.siteSettings(id)]);
  const field = (language: string) => {
    const area = h('textarea', { id: `crisis-${language}`, rows: 4, maxlength: 2000, lang: language });
    area.value = settings.crisis_contacts[language] ?? '';
    return area;
  };
  const english = field('en');
  const swedish = field('sv');
  const days = h('input', { id: 'alert-days', type: 'number', min: 1, max: 30, inputmode: 'numeric' });
  days.value = String(settings.alert_working_days);
  const message = h('p', { role: 'status' });
  const form = h(
    'form',
    { class: 'card', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'crisis-en' }, t('settings.crisisEn')), english),
    h('div', { class: 'field' }, h('label', { for: 'crisis-sv' }, t('settings.crisisSv')), swedish),
    h('div', { class: 'field' }, h('label', { for: 'alert-days' }, t('settings.days')), days),
    h('button', { type: 'submit' }, t('dash.save')),
    message,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const contacts: SiteSettings['crisis_contacts'] = {};
    if (english.value.trim()) contacts['en'] = english.value;
    if (swedish.value.trim()) contacts['sv'] = swedish.value;
    try {
      await api.saveSiteSettings(id, { crisis_contacts: contacts, alert_working_days: Number(days.value) });
      message.textContent = t('settings.saved');
    } catch (error) {
      message.textContent = error instanceof ApiError ? error.detail : String(error);
    }
  });
  return h(
    'section',
    {},
    h('p', {}, h('a', { href: `/sites/${id}` }, t('common.back'))),
    h('h1', {}, t('settings.title', { site: site.name })),
    h('p', { class: 'lede' }, t('settings.intro')),
    form,
  );
}
