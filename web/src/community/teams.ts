import { api } from '../api';
import { hasRole } from '../app_state';
import { h } from '../dom';
import { t } from '../i18n';
import { loadNames } from '../shell/names';
import { passportTimeline } from '../workbooks/passport';
import { workbookList } from '../workbooks/workbook';

export async function teamsView(): Promise<HTMLElement> {
  const teams = (await api.teams()).items;
  const names = await loadNames();
  return h(
    'section',
    {},
    h('h1', {}, t('teams.title')),
    h('p', {}, hasRole('admin', 'facilitator') ? t('teams.all') : t('teams.mine')),
    teams.length
      ? h(
          'ul',
          { class: 'cards' },
          ...teams.map((team) =>
            h(
              'li',
              { class: 'card' },
              h('h2', {}, h('a', { href: `/teams/${team.id}` }, team.name)),
              h('p', { class: 'muted' }, names.site(team.site_id)),
            ),
          ),
        )
      : h('p', {}, t('teams.empty')),
  );
}

export async function teamView(params: Record<string, string>): Promise<HTMLElement> {
  const team = await api.team(Number(params.id));
  const [site, population, workbooks, passport] = await Promise.all([
    api.site(team.site_id),
    api.populations(team.site_id).then((page) => page.items.find((p) => p.id === team.population_id)),
    workbookList(team.id).catch(() => null),
    passportTimeline(team.id).catch(() => null),
  ]);
  return h(
    'section',
    {},
    h('p', {}, h('a', { href: '/teams' }, t('common.back'))),
    h('h1', {}, team.name),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, t('team.site')),
      h('dd', {}, site.name),
      h('dt', {}, t('team.population')),
      h('dd', {}, population?.name ?? ''),
    ),
    h('h2', {}, t('team.members')),
    team.members.length
      ? h(
          'ul',
          {},
          ...team.members.map((m) => h('li', {}, `${m.display_name} (${t(`role.${m.role}`)})`)),
        )
      : h('p', {}, t('team.noMembers')),
    h('p', {}, h('a', { class: 'button', href: `/teams/${team.id}/measures` }, t('team.measures'))),
    workbooks,
    passport,
  );
}
