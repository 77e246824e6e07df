// The audit trail.
// The API's types of this capability, checked against openapi.json (web/tests/api_types.test.mjs).

import { request, type Page } from '../http';

export interface AuditRecord {
  seq: number;
  time_ms: number;
  user_id: number | null;
  role: string;
  action: string;
  resource_type: string;
  resource_id: string;
  person_id: number | null;
  site_id: number | null;
  outcome: 'allowed' | 'denied' | 'failed';
  request_id: string;
  client_address: string;
  hash: string;
  person_ids?: number[];
}

// The audit page's filters, each left out when empty.
export interface AuditFilter {
  user_id?: number;
  person_id?: number;
  action?: string;
  from?: string;
  to?: string;
}

function query(filter: AuditFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  return params;
}

export const auditCalls = {
  audit: (filter: AuditFilter = {}, cursor?: string) => {
    const params = query(filter);
    params.set('limit', '50');
    if (cursor) params.set('cursor', cursor);
    return request<Page<AuditRecord>>('GET', `/api/v1/audit?${params}`);
  },
  // The address of the CSV file of the same records (a link: the browser downloads it).
  auditExport: (filter: AuditFilter = {}) => `/api/v1/audit/export?${query(filter)}`,
};
