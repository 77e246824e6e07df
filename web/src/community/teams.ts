import { api } from '../api';
import { administers, hasRole, session } from '../app_state';
import { h } from '../dom';
import { localName, t } from '../i18n';
import { loadNames } from '../shell/names';
import { passportTimeline } from '../workbooks/passport';
import { workbookList } from '../workbooks/workbook_list';
import { addTeamForm, changeTeamForm } from './team_forms';
import { teamProgress } from './team_progress';

export async function teamsView(): Promise<HTMLElement> {
  const [teams, names, populations] = await Promise.all([
    api.teams().then((page) => page.items),
    loadNames(),
    hasRole('admin') ? api.populations().then((page) => page.items.filter((p) => administers(p.site_id))) : [],
  ]);
  return h(
    'section',
    {},
    h('h1', {}, t('teams.title')),
    h('p', {}, hasRole('admin', 'facilitator') ? t('teams.all') : t('teams.mine')),
    hasRole('facilitator') && teams.length ? await teamProgress(teams, names) : null,
    teams.length
      ? h(
          'ul',
          { class: 'cards' },
          ...teams.map((team) =>
            h(
              'li',
              { class: 'card' },
              h('h2', {}, h('a', { href: `/teams/${team.id}` }, localName(team))),
              h('p', { class: 'muted' }, names.site(team.site_id)),
            ),
          ),
        )
      : h('p', {}, t('teams.empty')),
    populations.length ? addTeamForm(populations, names) : null,
  );
}

export async function teamView(params: Record<string, string>): Promise<HTMLElement> {
  const team = await api.team(Number(params.id));
  const leads = session.user?.memberships.some((m) => m.role === 'team_lead' && m.team_id === team.id) ?? false;
  // The team's measures are its site's staff's to read (the policy's measure.read): others are
  // told so, not sent to a page that refuses them.
  const siteStaff = session.user?.memberships.some((m) => m.site_id === team.site_id && ['team_lead', 'team_member', 'professional', 'admin'].includes(m.role)) ?? false;
  const [site, populations, names, workbooks, passport] = await Promise.all([
    api.site(team.site_id),
    api.populations(team.site_id).then((page) => page.items),
    loadNames(),
    workbookList(team.id, team.site_id).catch(() => null),
    passportTimeline(team.id).catch(() => null),
  ]);
  return h(
    'section',
    {},
    h('p', {}, h('a', { href: '/teams' }, t('common.back'))),
    h('h1', {}, localName(team)),
    administers(team.site_id) || leads ? changeTeamForm(team, administers(team.site_id) ? populations : null, names) : null,
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, t('team.site')),
      h('dd', {}, site.name),
      h('dt', {}, t('team.population')),
      h('dd', {}, ((p) => (p ? localName(p) : ''))(populations.find((p) => p.id === team.population_id))),
      h('dt', {}, t('admin.teamId')),
      h('dd', {}, String(team.id)),
    ),
    h('h2', {}, t('team.members')),
    team.members.length
      ? h(
          'ul',
          {},
          ...team.members.map((m) => h('li', {}, `${m.display_name} (${t(`role.${m.role}`)})`)),
        )
      : h('p', {}, t('team.noMembers')),
    siteStaff
      ? h('p', {}, h('a', { class: 'button', href: `/teams/${team.id}/measures` }, t('team.measures')), ' ', h('a', { class: 'button', href: `/teams/${team.id}/value` }, t('value.link')))
      : h('p', { class: 'meta' }, t('team.measuresElsewhere')),
    workbooks ?? h('p', { class: 'meta' }, t('team.workbooksHidden')),
    passport,
  );
}
