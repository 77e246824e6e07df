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
  active: boolean;
  deactivated_ms?: number;
}
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
export interface SiteGrant {
  id: number;
  user_id: number;
  username: string;
  display_name: string;
  role: string;
  site_id: number | null;
  team_id: number | null;
  granted_by: number | null;
  granted_by_username: string;
  granted_ms: number;
  community_wide: boolean;
  from_outside: boolean;
  revocable: boolean;
}
export interface SiteSettings {
  site_id: number;
  crisis_contacts: CrisisContacts;
  alert_working_days: number;
}
export interface Token {
  id: number;
  name: string;
  created_ms: number;
  expires_ms: number;
  last_used_ms: number | null;
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
  role: 'team_member' | 'team_lead';
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
  person_id: number | null;
  site_id: number | null;
  outcome: 'allowed' | 'denied' | 'failed';
  request_id: string;
  client_address: string;
  hash: string;
  person_ids?: number[];
}
export interface Page<T> {
  items: T[];
  next: string | null;
}

export type Texts = Record<string, string>;
export interface GuideItem {
  link_id: string;
  type: 'group' | 'text' | 'string' | 'choice' | 'rating' | 'date';
  text: Texts;
  hint?: Texts;
  introduction?: Texts;
  step?: number;
  options?: { code: string; text: Texts }[];
  repeats?: boolean;
  items?: GuideItem[];
}
export interface Guide {
  id: string;
  version: string;
  kind: 'full' | 'short-form' | 'passport';
  languages: string[];
  title: Texts;
  description: Texts;
  items: GuideItem[];
}
export type StepStatus = 'not_started' | 'in_progress' | 'done';
export interface WorkbookAnswer {
  key: string; // link_id, or link_id~N for the N-th instance of a repeating group
  link_id: string;
  instance: number;
  revisions: number;
  text: string;
  etag: string | null;
  author: string | null;
  updated_ms: number | null;
  starting_text?: string;
}
export interface Workbook {
  id: number;
  site_id: number;
  team_id: number;
  guide_id: string;
  guide_version: string;
  created_ms: number;
  position: string;
  shared: boolean;
  steps: { link_id: string; status: StepStatus }[];
  text_visible: boolean;
  answers: WorkbookAnswer[];
}
export interface Revision {
  key: string;
  link_id: string;
  instance: number;
  number: number;
  etag: string;
  text: string;
  author: string;
  created_ms: number;
  restored_from: number | null;
}

export interface Patient {
  id: number;
  site_id: number;
  population_id: number;
  identifier: string;
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

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly field?: string,
    readonly body: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

// FHIR answers errors as an OperationOutcome; its first issue becomes the ApiError.
function problemOf(json: unknown): { detail?: string | undefined; field?: string | undefined } {
  const outcome = json as {
    resourceType?: string;
    issue?: { diagnostics?: string; expression?: string[] }[];
  };
  if (outcome?.resourceType === 'OperationOutcome') {
    return { detail: outcome.issue?.[0]?.diagnostics, field: outcome.issue?.[0]?.expression?.[0] };
  }
  return (json ?? {}) as { detail?: string; field?: string };
}

async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers };
  if (body !== undefined) {
    init.headers = { ...headers, 'Content-Type': 'application/json' };
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
    const problem = problemOf(json);
    throw new ApiError(
      response.status,
      problem.detail ?? response.statusText,
      problem.field,
      (json ?? {}) as Record<string, unknown>,
    );
  }
  return json as T;
}

// Sends a file as the body with its media type, reporting upload progress (fetch cannot).
function upload<T>(path: string, file: Blob, type: string, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Content-Type', type);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, 'network')));
    xhr.addEventListener('load', () => {
      let json: unknown;
      try {
        json = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        json = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(json as T);
        return;
      }
      const problem = problemOf(json);
      reject(new ApiError(xhr.status, problem.detail ?? xhr.statusText, problem.field, (json ?? {}) as Record<string, unknown>));
    });
    xhr.send(file);
  });
}

export interface RegistryImport {
  kind: 'patients' | 'observations';
  records: number;
  patients: number;
  observations: number;
  rejected_total: number;
  rejected: { line: number; column: string; reason: string }[];
}
export interface ImportedQuestionnaire {
  id: string;
  version: number;
  name: string;
  title: string;
  site_id: number | null;
  warnings: { location: string; message: string }[];
}

export interface MeasureDefinition {
  id: string;
  name: string;
  kind: 'proportion' | 'rate' | 'count' | 'continuous' | 'days-between' | 'cases-between';
  system: string;
  code: string;
  threshold: number | null;
  at_least: boolean;
  direction: 'higher' | 'lower';
  target: number | null;
  quadrant: 'clinical' | 'functional' | 'experience' | 'cost';
  domain: string | null;
  unit: string;
  chart: string;
}

export interface SpcPoint {
  index: number;
  x: string;
  start_ms: number;
  part: number;
  baseline: boolean;
  include: boolean;
  y: number | null;
  n: number | null;
  cell: number | null;
  suppressed: boolean;
  cl: number | null;
  lcl: number | null;
  ucl: number | null;
  target: number | null;
  sigma_signal: boolean;
  runs_signal: boolean;
  signals: string[];
  explanation: string;
}

export interface MeasureSeries {
  site_id: number;
  site: string;
  population_id: number;
  population: string;
  variation: 'common_cause' | 'special_cause_improvement' | 'special_cause_concern' | null;
  assurance: 'consistent_pass' | 'consistent_fail' | 'hit_and_miss' | null;
  parts: {
    part: number;
    n_obs: number;
    n_useful: number;
    longest_run: number;
    longest_run_max: number;
    n_crossings: number;
    n_crossings_min: number;
    runs_signal: boolean;
  }[];
  points: SpcPoint[];
}

export interface TestedChange {
  workbook_id: number;
  date: string;
  text: string;
  point: number | null;
}

export interface MeasureChart {
  measure: MeasureDefinition;
  chart: string;
  rules: 'anhoej' | 'mdc';
  period: 'week' | 'month' | 'quarter';
  min_cell: number | null;
  series: MeasureSeries[];
  limits?: 'baseline' | 'phases';
  changes?: TestedChange[];
}

export type Period = MeasureChart['period'];

export type ValueDomain = 'communication' | 'self-efficacy' | 'interconnectedness' | 'costs' | 'professional-experience' | 'access';

export interface ValueProfile {
  team_id: number;
  scale: { min: number; max: number };
  quarter: string | null;
  previous_quarter: string | null;
  passport_id: number | null;
  passport_date: string | null;
  previous_passport_id: number | null;
  domains: {
    domain: ValueDomain;
    people: number | null;
    people_n: number;
    people_previous: number | null;
    team: number | null;
    team_previous: number | null;
  }[];
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
  guides: () => request<Page<Guide>>('GET', '/api/v1/guides'),
  guide: (id: string) => request<Guide>('GET', `/api/v1/guides/${id}`),
  teamWorkbooks: (team: number) =>
    request<Page<Workbook>>('GET', `/api/v1/teams/${team}/workbooks?limit=100`),
  startWorkbook: (team: number, guide: string) =>
    request<Workbook>('POST', '/api/v1/workbooks', { team_id: team, guide_id: guide }),
  workbook: (id: number) => request<Workbook>('GET', `/api/v1/workbooks/${id}`),
  saveAnswer: (id: number, key: string, text: string, etag: string | null) =>
    request<Revision>(
      'PUT',
      `/api/v1/workbooks/${id}/answers/${key}`,
      { text },
      etag ? { 'If-Match': etag } : {},
    ),
  revisions: (id: number, key: string, cursor?: string) =>
    request<Page<Revision & { restored_from: number | null }>>(
      'GET',
      `/api/v1/workbooks/${id}/answers/${key}/revisions?limit=50${cursor ? `&cursor=${cursor}` : ''}`,
    ),
  diff: (id: number, key: string, from: number, to: number) =>
    request<{ lines: { op: 'same' | 'removed' | 'added'; text: string }[] }>(
      'GET',
      `/api/v1/workbooks/${id}/answers/${key}/diff?from=${from}&to=${to}`,
    ),
  restore: (id: number, key: string, number: number, etag: string | null) =>
    request<Revision>(
      'POST',
      `/api/v1/workbooks/${id}/answers/${key}/revisions/${number}/restore`,
      undefined,
      etag ? { 'If-Match': etag } : {},
    ),
  comments: (id: number, key: string) =>
    request<Page<{ id: number; author: string; created_ms: number; text: string }>>(
      'GET',
      `/api/v1/workbooks/${id}/answers/${key}/comments`,
    ),
  addComment: (id: number, key: string, text: string) =>
    request<{ id: number }>('POST', `/api/v1/workbooks/${id}/answers/${key}/comments`, { text }),
  setStep: (id: number, link: string, status: StepStatus) =>
    request<void>('PUT', `/api/v1/workbooks/${id}/steps/${link}`, { status }),
  setPosition: (id: number, step: string) =>
    request<void>('PUT', `/api/v1/workbooks/${id}/position`, { step }),
  patients: (cursor?: string | null, q = '') =>
    request<Page<Patient>>(
      'GET',
      `/api/v1/patients?limit=100${cursor ? `&cursor=${cursor}` : ''}${q ? `&q=${encodeURIComponent(q)}` : ''}`,
    ),
  dashboard: (patient: number) => request<Dashboard>('GET', `/api/v1/patients/${patient}/dashboard`),
  addNote: (patient: number, kind: NoteKind, text: string) =>
    request<PatientNote>('POST', `/api/v1/patients/${patient}/notes`, { kind, text }),
  likeMe: (patient: number, code: string, system: string) =>
    request<LikeMe>(
      'GET',
      `/api/v1/patients/${patient}/like-me?code=${encodeURIComponent(code)}&system=${encodeURIComponent(system)}`,
    ),
  measures: () => request<{ items: MeasureDefinition[] }>('GET', '/api/v1/measures'),
  teamMeasureChart: (team: number, measure: string, period: Period, limits: 'baseline' | 'phases', rules: 'anhoej' | 'mdc') =>
    request<MeasureChart>(
      'GET',
      `/api/v1/teams/${team}/measures/${encodeURIComponent(measure)}/chart?period=${period}&limits=${limits}&rules=${rules}`,
    ),
  teamValueProfile: (team: number) => request<ValueProfile>('GET', `/api/v1/teams/${team}/value-profile`),
  crossSiteChart: (measure: string, period: Period) =>
    request<MeasureChart>('GET', `/api/v1/measures/${encodeURIComponent(measure)}/sites?period=${period}`),
  submitResponse: (patient: number, resource: unknown) =>
    request<Submitted>('POST', `/api/v1/patients/${patient}/responses`, resource),
  alerts: (cursor?: string) =>
    request<Page<Alert>>('GET', `/api/v1/alerts?limit=100${cursor ? `&cursor=${cursor}` : ''}`),
  overdueAlerts: () => request<Page<Alert>>('GET', '/api/v1/alerts/overdue'),
  acknowledgeAlert: (id: number, note: string) =>
    request<Alert>('POST', `/api/v1/alerts/${id}/acknowledgement`, { note }),
  siteAccess: (site: number) => request<Page<SiteGrant>>('GET', `/api/v1/sites/${site}/access`),
  siteSettings: (site: number) => request<SiteSettings>('GET', `/api/v1/sites/${site}/settings`),
  saveSiteSettings: (site: number, settings: Omit<SiteSettings, 'site_id'>) =>
    request<SiteSettings>('PUT', `/api/v1/sites/${site}/settings`, settings),
  revokeMembership: (grant: number) => request<void>('DELETE', `/api/v1/memberships/${grant}`),
  tokens: () => request<Page<Token>>('GET', '/api/v1/auth/tokens'),
  revokeToken: (id: number) => request<void>('DELETE', `/api/v1/auth/tokens/${id}`),
  changePassword: (user: number, current: string, next: string) =>
    request<User>('PATCH', `/api/v1/users/${user}`, { current_password: current, password: next }),
  fhirRead: <T>(path: string) => request<T>('GET', `/fhir/r4/${path}`),
  fhirCreate: <T>(type: string, resource: unknown) => request<T>('POST', `/fhir/r4/${type}`, resource),
  importRegistryFile: (site: number, file: Blob, onProgress: (fraction: number) => void) =>
    upload<RegistryImport>(`/api/v1/sites/${site}/registry-files`, file, 'text/csv', onProgress),
  importQuestionnaireFile: (site: number | null, file: File, onProgress: (fraction: number) => void) =>
    upload<{ imported: ImportedQuestionnaire[] }>(
      `/api/v1/questionnaires/files${site ? `?site_id=${site}` : ''}`,
      file,
      /\.zip$/i.test(file.name) ? 'application/zip' : /\.csv$/i.test(file.name) ? 'text/csv' : 'application/json',
      onProgress,
    ),
  audit: (cursor?: string) =>
    request<Page<AuditRecord>>('GET', `/api/v1/audit?limit=50${cursor ? `&cursor=${cursor}` : ''}`),
};
