import type { User } from './api';

// The signed-in user, shared by the views; null before sign-in.
export const session: { user: User | null } = { user: null };

export function hasRole(...roles: string[]): boolean {
  return session.user?.memberships.some((m) => roles.includes(m.role)) ?? false;
}

// Whether the signed-in user administers the community (an admin role held community-wide).
export function isCommunityAdmin(): boolean {
  return session.user?.memberships.some((m) => m.role === 'admin' && m.site_id === null) ?? false;
}

// Whether the signed-in user administers a site: its admins and the community's (the policy's
// rule for populations, teams and accounts there).
export function administers(siteId: number): boolean {
  return session.user?.memberships.some((m) => m.role === 'admin' && (m.site_id === siteId || m.site_id === null)) ?? false;
}

// Whether the signed-in user works on a team's workbooks, maps and personas: its members and
// leads, and its site's admins (the policy's workbook.write and process_map.write).
export function worksIn(team: { id: number; site_id: number }): boolean {
  return administers(team.site_id) || (session.user?.memberships.some((m) => m.team_id === team.id && ['team_lead', 'team_member'].includes(m.role)) ?? false);
}

// Whether the signed-in user may share a team's work with the community: its leads and its
// site's admins (the policy's workbook.share).
export function sharesFor(team: { id: number; site_id: number }): boolean {
  return administers(team.site_id) || (session.user?.memberships.some((m) => m.team_id === team.id && m.role === 'team_lead') ?? false);
}
