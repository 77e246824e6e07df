import { allPages, api } from '../api';
import { administers, isCommunityAdmin, session } from '../app_state';
import { h } from '../dom';
import { formatRegion, localDescription, localName, t } from '../i18n';
import { addPopulationForm, addSiteForm, changePopulationForm, changeSiteForm } from './site_forms';

export async function sitesView(): Promise<HTMLElement> {
  const sites = await allPages(api.sites);
  const populations = (await api.populations()).items;
  return h(
    'section',
    {},
    h('h1', {}, t('sites.title')),
    h('p', {}, t('sites.intro')),
    isCommunityAdmin() ? addSiteForm() : null,
    h(
      'ul',
      { class: 'cards' },
      ...sites.map((site) =>
        h(
          'li',
          { class: 'card' },
          h('h2', {}, h('a', { href: `/sites/${site.id}` }, site.name)),
          h('p', { class: 'muted' }, `${t('sites.country')}: ${formatRegion(site.country)} · ${t('admin.id', { id: site.id })}`),
          h(
            'ul',
            {},
            ...populations.filter((p) => p.site_id === site.id).map((p) => h('li', {}, p.name)),
          ),
        ),
      ),
    ),
  );
}

export async function siteView(params: Record<string, string>): Promise<HTMLElement> {
  const id = Number(params.id);
  const site = await api.site(id);
  const populations = (await api.populations(id)).items;
  return h(
    'section',
    {},
    h('p', {}, h('a', { href: '/sites' }, t('common.back'))),
    h('h1', {}, site.name),
    h('p', { class: 'muted' }, `${t('sites.country')}: ${formatRegion(site.country)} · ${t('admin.id', { id: site.id })}`),
    isCommunityAdmin() ? changeSiteForm(site) : null,
    administers(id)
      ? h(
          'p',
          {},
          h('a', { href: `/sites/${id}/access` }, t('access.link')),
          ' · ',
          h('a', { href: `/sites/${id}/settings` }, t('settings.link')),
          ...(session.user?.memberships.some((m) => m.site_id === id) ? [' · ', h('a', { href: `/sites/${id}/schedules` }, t('schedules.link'))] : []),
        )
      : session.user?.memberships.some((m) => m.site_id === id && m.role !== 'patient')
        ? h('p', {}, h('a', { href: `/sites/${id}/schedules` }, t('schedules.link')))
        : null,
    h('h2', {}, t('site.populations')),
    populations.length
      ? h(
          'ul',
          { class: 'cards' },
          ...populations.map((p) =>
            h(
              'li',
              { class: 'card' },
              h('h3', {}, localName(p)),
              h('p', { class: 'meta' }, t('admin.populationId', { id: p.id })),
              h('p', {}, localDescription(p)),
              administers(id) ? changePopulationForm(p) : null,
            ),
          ),
        )
      : h('p', {}, t('site.noPopulations')),
    administers(id) ? addPopulationForm(id) : null,
  );
}

