// The JSON API client. Every error arrives as an RFC 9457 problem; ApiError carries it.

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
  description: string;
}
export interface Team {
  id: number;
  site_id: number;
  population_id: number;
  name: string;
}
export interface TeamMember {
  user_id: number;
  username: string;
  display_name: string;
  role: Role;
}
export interface TeamDetail extends Team {
  members: TeamMember[];
}
export interface AuditRecord {
  seq: number;
  time_ms: number;
  user_id: number | null;
  role: string;
  action: string;
  resource_type: string;
  resource_id: string;
  outcome: 'allowed' | 'denied' | 'failed';
  request_id: string;
}
export interface Page<T> {
  items: T[];
  next: string | null;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly field?: string,
  ) {
    super(detail);
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: {} };
  if (body !== undefined) {
    init.headers = { 'Content-Type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'network');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const json: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const problem = (json ?? {}) as { detail?: string; field?: string };
    throw new ApiError(response.status, problem.detail ?? response.statusText, problem.field);
  }
  return json as T;
}

export const api = {
  login: (username: string, password: string) =>
    request<{ user: User }>('POST', '/api/v1/auth/login', { username, password }),
  logout: () => request<void>('POST', '/api/v1/auth/logout'),
  me: () => request<User>('GET', '/api/v1/users/me'),
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
  users: (cursor?: string) =>
    request<Page<User>>('GET', `/api/v1/users?limit=50${cursor ? `&cursor=${cursor}` : ''}`),
  audit: (cursor?: string) =>
    request<Page<AuditRecord>>('GET', `/api/v1/audit?limit=50${cursor ? `&cursor=${cursor}` : ''}`),
};
