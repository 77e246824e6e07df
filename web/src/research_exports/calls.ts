// De-identified research exports: a researcher's projects and each site's approval of them.
// The API's types of this capability, checked against openapi.json (web/tests/api_types.test.mjs).

import { request, type Page } from '../http';

export interface ResearchProject {
  id: number;
  title: string;
  purpose: string;
  owner_id: number;
  shift_days: number;
  created_ms: number;
  approvals: { site_id: number; site: string; approved_by: number; approved_ms: number; revoked_ms: number | null }[];
  files: ('people.csv' | 'observations.csv' | 'scores.csv' | 'codes.csv' | 'summary.csv' | 'dictionary.csv')[];
}

export const researchExportCalls = {
  researchProjects: () => request<Page<ResearchProject>>('GET', '/api/v1/research-projects'),
  createResearchProject: (title: string, purpose: string, shift_days: number) =>
    request<ResearchProject>('POST', '/api/v1/research-projects', { title, purpose, shift_days }),
  approveProject: (id: number, site: number) => request<ResearchProject>('PUT', `/api/v1/research-projects/${id}/approvals/${site}`),
  revokeProject: (id: number, site: number) => request<ResearchProject>('DELETE', `/api/v1/research-projects/${id}/approvals/${site}`),
};
