import { allPages, api, type Membership, type Site, type Team } from '../api';
import { t } from '../i18n';

// Names of sites and teams for labels, fetched once per page render.
export interface Names {
  site: (id: number | null) => string;
  team: (id: number | null) => string;
}

export async function loadNames(): Promise<Names> {
  const sites = new Map<number, Site>((await allPages(api.sites)).map((s) => [s.id, s]));
  const teams = new Map<number, Team>((await api.teams()).items.map((team) => [team.id, team]));
  return {
    site: (id) => (id === null ? '' : (sites.get(id)?.name ?? `#${id}`)),
    team: (id) => (id === null ? '' : (teams.get(id)?.name ?? `#${id}`)),
  };
}

export function describeMembership(m: Membership, names: Names): string {
  const role = t(`role.${m.role}`);
  if (m.team_id !== null) return `${role}, ${t('scope.team', { team: names.team(m.team_id) })}`;
  if (m.site_id !== null) return `${role}, ${t('scope.site', { site: names.site(m.site_id) })}`;
  return `${role}, ${t('scope.community')}`;
}
