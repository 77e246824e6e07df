// The community: sites, populations, teams and who can see a site.
// The API's types of this capability, checked against openapi.json (web/tests/api_types.test.mjs).

import { request, type Page } from '../http';

export interface SiteGrant {
  id: number;
  user_id: number;
  username: string;
  display_name: string;
  role: string;
  site_id: number | null;
  team_id: number | null;
  granted_by: number | null;
  granted_by_username: string;
  granted_ms: number;
  community_wide: boolean;
  from_outside: boolean;
  revocable: boolean;
}
export interface Site {
  id: number;
  name: string;
  country: string;
}
export interface Population {
  id: number;
  site_id: number;
  name: string;
  // The name in other languages, by language tag ("sv"); shown through localName.
  names: Record<string, string>;
  description: string;
  // The description in other languages, by language tag; shown through localDescription.
  descriptions: Record<string, string>;
}
export interface Team {
  id: number;
  site_id: number;
  population_id: number;
  name: string;
  // The name in other languages, by language tag ("sv"); shown through localName.
  names: Record<string, string>;
}
export interface TeamMember {
  user_id: number;
  username: string;
  display_name: string;
  role: 'team_member' | 'team_lead';
}
export interface TeamDetail extends Team {
  members: TeamMember[];
}

export const communityCalls = {
  sites: (cursor?: string) =>
    request<Page<Site>>('GET', `/api/v1/sites?limit=100${cursor ? `&cursor=${cursor}` : ''}`),
  site: (id: number) => request<Site>('GET', `/api/v1/sites/${id}`),
  populations: (siteId?: number) =>
    request<Page<Population>>(
      'GET',
      `/api/v1/populations?limit=100${siteId ? `&site_id=${siteId}` : ''}`,
    ),
  teams: () => request<Page<Team>>('GET', '/api/v1/teams?limit=100'),
  team: (id: number) => request<TeamDetail>('GET', `/api/v1/teams/${id}`),
  addSite: (site: { name: string; country: string }) => request<Site>('POST', '/api/v1/sites', site),
  changeSite: (id: number, changes: { name?: string; country?: string }) =>
    request<Site>('PATCH', `/api/v1/sites/${id}`, changes),
  addPopulation: (population: { site_id: number; name: string; names?: Record<string, string>; description?: string; descriptions?: Record<string, string> }) =>
    request<Population>('POST', '/api/v1/populations', population),
  changePopulation: (id: number, changes: { name?: string; names?: Record<string, string>; description?: string; descriptions?: Record<string, string> }) =>
    request<Population>('PATCH', `/api/v1/populations/${id}`, changes),
  addTeam: (team: { population_id: number; name: string; names?: Record<string, string> }) => request<Team>('POST', '/api/v1/teams', team),
  changeTeam: (id: number, changes: { name?: string; names?: Record<string, string>; population_id?: number }) =>
    request<Team>('PATCH', `/api/v1/teams/${id}`, changes),
  siteAccess: (site: number) => request<Page<SiteGrant>>('GET', `/api/v1/sites/${site}/access`),
  revokeMembership: (grant: number) => request<void>('DELETE', `/api/v1/memberships/${grant}`),
};
