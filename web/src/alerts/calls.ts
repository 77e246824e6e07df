// Clinical alerts: the worklist, overdue alerts, acknowledgement and the site settings they depend
// on.
// The API's types of this capability, checked against openapi.json (web/tests/api_types.test.mjs).

import { request, type Page } from '../http';

// A clinical alert (a FHIR Flag): open ("active") until a professional acknowledges it.
export interface Alert {
  id: number;
  patient_id: number;
  patient_identifier: string;
  rule: string;
  severity: 'high' | 'medium' | 'low';
  message: string;
  created_ms: number;
  status: 'active' | 'inactive';
  response_id: number;
  questionnaire_id: string;
  acknowledged_ms: number | null;
  acknowledged_by: string | null;
  note: string | null;
  due_ms?: number;
}
// What the person is told to do now, by language.
export type CrisisContacts = Record<string, string>;
export interface SiteSettings {
  site_id: number;
  crisis_contacts: CrisisContacts;
  alert_working_days: number;
}

export const alertCalls = {
  alerts: (cursor?: string) =>
    request<Page<Alert>>('GET', `/api/v1/alerts?limit=100${cursor ? `&cursor=${cursor}` : ''}`),
  overdueAlerts: () => request<Page<Alert>>('GET', '/api/v1/alerts/overdue'),
  acknowledgeAlert: (id: number, note: string) =>
    request<Alert>('POST', `/api/v1/alerts/${id}/acknowledgement`, { note }),
  siteSettings: (site: number) => request<SiteSettings>('GET', `/api/v1/sites/${site}/settings`),
  saveSiteSettings: (site: number, settings: Omit<SiteSettings, 'site_id'>) =>
    request<SiteSettings>('PUT', `/api/v1/sites/${site}/settings`, settings),
};
