// The registry: patients, the shared dashboard, notes, patients like me, responses, registry files
// and FHIR reads.
// The API's types of this capability, checked against openapi.json (web/tests/api_types.test.mjs).

import { request, upload, type Page } from '../http';
import type { Alert, CrisisContacts } from '../alerts/calls';

export interface Submitted {
  id: number;
  alerts: Alert[];
  crisis_contacts: CrisisContacts;
  scores: { code: string; display: string; value: number; band: string | null }[];
}
export interface ResponseAnswers {
  id: number;
  questionnaire_id: string;
  title: string;
  status: string;
  authored_ms: number;
  total: number | null;
  band: string | null;
  items: { link_id: string; text: string; answers: string[] }[];
}
export interface Patient {
  id: number;
  site_id: number;
  population_id: number;
  identifier: string;
  family: string | null;
  given: string | null;
  birth_date: string;
  sex: 'female' | 'male' | 'other' | 'unknown';
  diagnosis_date: string | null;
  consent: string;
  fields: Record<string, string>;
  has_account: boolean;
}
export type NoteKind = 'what_matters' | 'visit_question' | 'visit_note';
export interface PatientNote {
  id: number;
  kind: NoteKind;
  text: string;
  author: string;
  created_ms: number;
}
export interface ScorePoint {
  observation_id: number;
  effective_ms: number;
  value: number;
  band: string | null;
  response_id: number | null;
}
export interface ScoreBand {
  min: number;
  max: number;
  label: string;
}
export interface ScoreSeries {
  system: string;
  code: string;
  display: string;
  unit: string;
  bands: ScoreBand[];
  points: ScorePoint[];
  before: ScorePoint | null;
}
export interface Dashboard {
  patient: Patient;
  population: string;
  population_names: Record<string, string>;
  last_visit_ms: number | null;
  series: ScoreSeries[];
  notes: PatientNote[];
  questionnaires: {
    id: string;
    title: string;
    last_completed_ms: number | null;
    draft_response_id: number | null;
  }[];
  alerts: Alert[];
  crisis_contacts: CrisisContacts;
  responses: ResponseAnswers[];
}
export interface LikeMe {
  cohort: number;
  hidden: boolean;
  k: number;
  min_cohort: number;
  own: { month: number; value: number }[];
  bands: { month: number; n: number; p25: number; median: number; p75: number }[];
}
export interface RegistryImport {
  kind: 'patients' | 'observations';
  records: number;
  patients: number;
  observations: number;
  rejected_total: number;
  rejected: { line: number; column: string; reason: string }[];
}

export interface LatestScore {
  patient_id: number;
  questionnaire_id: string;
  display: string;
  value: number;
  band: string;
  effective_ms: number;
}

export const registryCalls = {
  latestScores: (patients: number[]) =>
    request<{ items: LatestScore[] }>('GET', `/api/v1/latest-scores?patient_id=${patients.join(',')}`),
  patients: (cursor?: string | null, q = '') =>
    request<Page<Patient>>(
      'GET',
      `/api/v1/patients?limit=100${cursor ? `&cursor=${cursor}` : ''}${q ? `&q=${encodeURIComponent(q)}` : ''}`,
    ),
  dashboard: (patient: number) => request<Dashboard>('GET', `/api/v1/patients/${patient}/dashboard`),
  namePatient: (patient: number, family: string, given: string) =>
    request<Patient>('PATCH', `/api/v1/patients/${patient}`, { family, given }),
  addNote: (patient: number, kind: NoteKind, text: string) =>
    request<PatientNote>('POST', `/api/v1/patients/${patient}/notes`, { kind, text }),
  likeMe: (patient: number, code: string, system: string) =>
    request<LikeMe>(
      'GET',
      `/api/v1/patients/${patient}/like-me?code=${encodeURIComponent(code)}&system=${encodeURIComponent(system)}`,
    ),
  submitResponse: (patient: number, resource: unknown) =>
    request<Submitted>('POST', `/api/v1/patients/${patient}/responses`, resource),
  fhirRead: <T>(path: string) => request<T>('GET', `/fhir/r4/${path}`),
  fhirCreate: <T>(type: string, resource: unknown) => request<T>('POST', `/fhir/r4/${type}`, resource),
  importRegistryFile: (site: number, file: Blob, onProgress: (fraction: number) => void) =>
    upload<RegistryImport>(`/api/v1/sites/${site}/registry-files`, file, 'text/csv', onProgress),
};
