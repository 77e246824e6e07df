import type { User } from './api';

// The signed-in user, shared by the views; null before sign-in.
export const session: { user: User | null } = { user: null };

export function hasRole(...roles: string[]): boolean {
  return session.user?.memberships.some((m) => roles.includes(m.role)) ?? false;
}
