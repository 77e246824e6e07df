// Questionnaire schedules: a site's schedules, what a patient is asked now, who is overdue, the
// counts per population, planned visits and the calendar feed.
// The API's types of this capability, checked against openapi.json (web/tests/api_types.test.mjs).

import { request, type Page } from '../http';

export type ScheduleKind = 'at_enrolment' | 'every' | 'before_visits';
export type ScheduleUnit = 'days' | 'weeks' | 'months';
export type OccasionState = 'upcoming' | 'due' | 'overdue' | 'completed';

export interface Schedule {
  id: number;
  site_id: number;
  population_id: number;
  questionnaire_id: string;
  kind: ScheduleKind;
  every: number;
  unit: ScheduleUnit;
  window_days: number;
  until: string | null;
  active: boolean;
  created_ms: number;
}
export interface ScheduleRule {
  kind: ScheduleKind;
  every?: number;
  unit?: ScheduleUnit;
  window_days?: number;
  until?: string;
  active?: boolean;
}
export interface DueQuestionnaire {
  schedule_id: number;
  questionnaire_id: string;
  title: string;
  state: OccasionState;
  opens_ms: number;
  due_ms: number;
  visit_id: number | null;
}
export interface OverdueQuestionnaire extends DueQuestionnaire {
  patient_id: number;
  identifier: string;
}
export interface ScheduleCounts {
  population_id: number;
  patients: number;
  overdue: number;
  due: number;
  completed: number;
}
export interface PlannedVisit {
  id: number;
  site_id: number;
  patient_id: number;
  at_ms: number;
  note: string;
  created_ms: number;
}

export const scheduleCalls = {
  schedules: (site: number) => request<Page<Schedule>>('GET', `/api/v1/schedules?site_id=${site}`),
  defineSchedule: (schedule: ScheduleRule & { population_id: number; questionnaire_id: string }) =>
    request<Schedule>('POST', '/api/v1/schedules', schedule),
  changeSchedule: (id: number, rule: ScheduleRule) => request<Schedule>('PUT', `/api/v1/schedules/${id}`, rule),
  overdueQuestionnaires: (site: number) =>
    request<Page<OverdueQuestionnaire>>('GET', `/api/v1/schedules/overdue?site_id=${site}`),
  scheduleCounts: (site: number) => request<Page<ScheduleCounts>>('GET', `/api/v1/schedules/counts?site_id=${site}`),
  due: (patient: number) => request<Page<DueQuestionnaire>>('GET', `/api/v1/patients/${patient}/due`),
  visits: (patient: number) => request<Page<PlannedVisit>>('GET', `/api/v1/patients/${patient}/visits`),
  planVisit: (patient: number, at: string, note: string) =>
    request<PlannedVisit>('POST', `/api/v1/patients/${patient}/visits`, note ? { at, note } : { at }),
  cancelVisit: (id: number) => request<void>('DELETE', `/api/v1/visits/${id}`),
  createCalendarFeed: () => request<{ path: string }>('POST', '/api/v1/calendar-feed'),
  removeCalendarFeed: () => request<void>('DELETE', '/api/v1/calendar-feed'),
};
