import { allPages, api, type MembershipInput, type Role, type Site, type Team } from '../api';
import { isCommunityAdmin, administers } from '../app_state';
import { h } from '../dom';
import { t } from '../i18n';
import { field, select } from '../components/form';

// The role a new account gets, or one more role for an account: role, then where (a site, or a
// team for the team roles; community-wide for the roles that may be). Only what the signed-in
// admin may grant is offered: the community's admins any role anywhere, a site's admins the
// roles of their sites.

const TEAM_ROLES: Role[] = ['team_member', 'team_lead'];
const COMMUNITY_ROLES: Role[] = ['facilitator', 'researcher', 'admin'];

export interface RoleChoice {
  controls: HTMLElement;
  value: () => MembershipInput;
}

export interface Places {
  sites: Site[];
  teams: Team[];
}

export async function loadPlaces(): Promise<Places> {
  const sites = (await allPages(api.sites)).filter((s) => administers(s.id));
  const teams = (await api.teams()).items.filter((team) => administers(team.site_id));
  return { sites, teams };
}

export function roleChoice(prefix: string, places: Places): RoleChoice {
  const roles: Role[] = ['professional', 'team_member', 'team_lead', 'admin', 'patient'];
  if (isCommunityAdmin()) roles.push('facilitator', 'researcher');
  const role = select(`${prefix}-role`, 'role', roles.map((r) => [r, t(`role.${r}`)]), 'professional');
  const siteOptions: [string, string][] = places.sites.map((s) => [String(s.id), s.name]);
  const site = select(`${prefix}-site`, 'site_id', isCommunityAdmin() ? [['', t('scope.community')], ...siteOptions] : siteOptions, siteOptions[0]?.[0] ?? '');
  const team = select(`${prefix}-team`, 'team_id', places.teams.map((x) => [String(x.id), x.name]));
  const siteField = field(t('admin.where'), site, t('admin.whereHint'));
  const teamField = field(t('admin.team'), team);
  const update = () => {
    const needsTeam = TEAM_ROLES.includes(role.value as Role);
    teamField.hidden = !needsTeam;
    siteField.hidden = needsTeam;
    // The community-wide choice only for the roles that may be held community-wide.
    const community = site.querySelector<HTMLOptionElement>('option[value=""]');
    if (community) {
      community.disabled = !COMMUNITY_ROLES.includes(role.value as Role);
      if (community.disabled && site.value === '') site.value = siteOptions[0]?.[0] ?? '';
    }
  };
  role.addEventListener('change', update);
  update();
  return {
    controls: h('div', {}, field(t('access.role'), role), siteField, teamField),
    value: () => {
      const chosen = role.value as Role;
      if (TEAM_ROLES.includes(chosen)) return { role: chosen, team_id: Number(team.value) };
      return site.value === '' ? { role: chosen } : { role: chosen, site_id: Number(site.value) };
    },
  };
}
