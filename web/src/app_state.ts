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
