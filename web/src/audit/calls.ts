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

export const auditCalls = {
  audit: (cursor?: string) =>
    request<Page<AuditRecord>>('GET', `/api/v1/audit?limit=50${cursor ? `&cursor=${cursor}` : ''}`),
};
