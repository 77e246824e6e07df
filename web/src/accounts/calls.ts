// Accounts: signing in and out, the signed-in user, users, tokens and passwords.
// The API's types of this capability, checked against openapi.json (web/tests/api_types.test.mjs).

import { request, type Page } from '../http';

export interface Membership {
  role: Role;
  site_id: number | null;
  team_id: number | null;
}
export type Role =
  | 'patient'
  | 'professional'
  | 'team_member'
  | 'team_lead'
  | 'facilitator'
  | 'researcher'
  | 'admin';
export interface User {
  id: number;
  username: string;
  display_name: string;
  memberships: Membership[];
  active: boolean;
  deactivated_ms?: number;
}
export interface MembershipInput {
  role: Role;
  site_id?: number;
  team_id?: number;
}
export interface AccountChanges {
  display_name?: string;
  password?: string;
  current_password?: string;
  active?: boolean;
}
export interface Token {
  id: number;
  name: string;
  created_ms: number;
  expires_ms: number;
  last_used_ms: number | null;
}

export const accountCalls = {
  login: (username: string, password: string) =>
    request<{ user: User }>('POST', '/api/v1/auth/login', { username, password }),
  logout: () => request<void>('POST', '/api/v1/auth/logout'),
  me: () => request<User>('GET', '/api/v1/users/me'),
  users: (cursor?: string) =>
    request<Page<User>>('GET', `/api/v1/users?limit=50${cursor ? `&cursor=${cursor}` : ''}`),
  user: (id: number) => request<User>('GET', `/api/v1/users/${id}`),
  addUser: (user: { username: string; display_name: string; password: string; memberships: MembershipInput[] }) =>
    request<User>('POST', '/api/v1/users', user),
  changeUser: (id: number, changes: AccountChanges) => request<User>('PATCH', `/api/v1/users/${id}`, changes),
  grantMembership: (user: number, membership: MembershipInput) =>
    request<User>('POST', `/api/v1/users/${user}/memberships`, membership),
  tokens: () => request<Page<Token>>('GET', '/api/v1/auth/tokens'),
  revokeToken: (id: number) => request<void>('DELETE', `/api/v1/auth/tokens/${id}`),
  changePassword: (user: number, current: string, next: string) =>
    request<User>('PATCH', `/api/v1/users/${user}`, { current_password: current, password: next }),
};
