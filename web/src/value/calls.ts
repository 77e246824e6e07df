// Value configurations: sites' unit costs, teams' resources and process maps (service
// blueprints with TDABC costs, journeys and what-ifs), populations' strata with live numbers.
// The API's types of this capability, checked against openapi.json (web/tests/api_types.test.mjs).

import { request, requestBody } from '../http';

export type ValueConfiguration = 'chain' | 'shop' | 'network' | 'access';
export type CoproductionState = 'active' | 'opportunity' | 'none';
export type Perspective = 'person' | 'professional' | 'backstage' | 'support';

export interface Lane {
  id: string;
  title: string;
  perspective: Perspective;
}

export interface ResourceUse {
  resource_id: number;
  minutes: number;
}

export interface ProcessStep {
  id: string;
  lane_id: string;
  position?: number;
  title: string;
  notes: string;
  configuration: ValueConfiguration;
  coproduction: CoproductionState;
  value_generated: string;
  value_hindered: string;
  resources: ResourceUse[];
  person_minutes: number;
  carer_minutes: number;
  travel_cost: number;
  out_of_pocket: number;
}

export interface Arrow {
  from: string;
  to: string;
  label: string;
}

// A map as lists show it: its latest revision's number, author and time, without its content.
export interface ProcessMapSummary {
  id: number;
  team_id: number;
  name: string;
  created_ms: number;
  shared: boolean;
  revision: number;
  etag: string;
  author: string;
  updated_ms: number;
  restored_from: number | null;
}

export interface ProcessMap extends ProcessMapSummary {
  lanes: Lane[];
  steps: ProcessStep[];
  arrows: Arrow[];
  note: string | null;
}

export interface MapRevision {
  map_id: number;
  revision: number;
  etag: string;
  author: string;
  updated_ms: number;
  restored_from: number | null;
  lanes?: Lane[];
  steps?: ProcessStep[];
  arrows?: Arrow[];
}

export interface Resource {
  id: number;
  team_id: number;
  name: string;
  kind: 'staff' | 'room' | 'equipment';
  rate_per_minute: number;
  annual_cost: number | null;
  capacity_minutes: number | null;
}

export interface Journey {
  id: number;
  map_id: number;
  name: string;
  persona_id: number | null;
  steps: { step_id: string; frequency: number }[];
}

export interface Scenario {
  id: number;
  map_id: number;
  name: string;
  created_ms: number;
  changes: { step_id: string; configuration: string | null; minutes: number | null; frequency: number | null }[];
}

export interface MapCosts {
  currency: string;
  scenario_id: number | null;
  steps: { step_id: string; configuration: ValueConfiguration; lane_id: string; direct: number; person: number; total: number }[];
  by_configuration: Record<ValueConfiguration, number>;
  by_lane: Record<string, number>;
  journeys: { journey_id: number; name: string; per_year: number }[];
  total: number;
}

export interface StratumCondition {
  field?: string;
  observation?: string;
  op: 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' | 'in';
  value: string | number | (string | number)[];
}

export interface Stratification {
  id: number;
  population_id: number;
  site_id: number;
  name: string;
  strata: { name: string; conditions: StratumCondition[] }[];
  scores: string[];
  created_ms: number;
}

export interface StratificationSummary {
  stratification_id: number;
  population_id: number;
  site_id: number;
  currency: string;
  window: { from: string; to: string; months: number };
  whole: boolean;
  min_cell: number;
  strata: StratumNumbers[];
}

// One stratum's live numbers (null where withheld).
export interface StratumNumbers {
  name: string;
  people: number | null;
  suppressed: boolean;
  utilisation_per_person_year: number | null;
  cost_per_person_year: number | null;
  ages: Record<string, number | null> | null;
  sexes: Record<string, number | null> | null;
  scores: Record<string, { median: number; q1: number; q3: number } | null>;
}

export interface UnitCosts {
  site_id: number;
  items: { code: string; unit_cost: number; currency: string; valid_from: string }[];
  next: null;
}

export interface SiteDetail {
  id: number;
  name: string;
  country: string;
  currency: string;
  person_time_value_per_minute: number;
}

export interface Persona {
  id: number;
  team_id: number;
  workbook_id: number;
  name: string;
  professional: boolean;
  stratification_id: number | null;
  stratum: string;
  created_ms: number;
  numbers: StratumNumbers | null;
  currency: string;
  window: { from: string; to: string } | null;
  picture: { width: number; height: number; href: string } | null;
}

export type MapInput = Pick<ProcessMap, 'lanes' | 'steps' | 'arrows'> & { name?: string };

const items = <T>(path: string) => request<{ items: T[] }>('GET', path).then((r) => r.items);

export const valueCalls = {
  siteDetail: (id: number) => request<SiteDetail>('GET', `/api/v1/sites/${id}`),
  setPersonTimeValue: (id: number, value: number) =>
    request<SiteDetail>('PATCH', `/api/v1/sites/${id}`, { person_time_value_per_minute: value }),
  unitCosts: (site: number) => request<UnitCosts>('GET', `/api/v1/sites/${site}/unit-costs`),
  replaceUnitCosts: (site: number, csv: string) =>
    requestBody<UnitCosts>('PUT', `/api/v1/sites/${site}/unit-costs`, csv, 'text/csv'),
  resources: (team: number) => items<Resource>(`/api/v1/teams/${team}/resources`),
  addResource: (team: number, resource: { name: string; kind: Resource['kind']; rate_per_minute?: number; annual_cost?: number; capacity_minutes?: number }) =>
    request<Resource>('POST', `/api/v1/teams/${team}/resources`, resource),
  processMaps: (team: number) => items<ProcessMapSummary>(`/api/v1/teams/${team}/process-maps`),
  createProcessMap: (team: number, map: MapInput & { name: string }) =>
    request<ProcessMap>('POST', `/api/v1/teams/${team}/process-maps`, map),
  importBpmn: (team: number, file: Blob) =>
    requestBody<ProcessMap>('POST', `/api/v1/teams/${team}/process-maps`, file, 'application/bpmn+xml'),
  processMap: (id: number) => request<ProcessMap>('GET', `/api/v1/process-maps/${id}`),
  shareProcessMap: (id: number, shared: boolean) => request<void>('PUT', `/api/v1/process-maps/${id}/sharing`, { shared }),
  saveProcessMap: (id: number, map: MapInput, etag: string) =>
    request<ProcessMap>('PUT', `/api/v1/process-maps/${id}`, map, { 'If-Match': etag }),
  mapRevisions: (id: number) => items<MapRevision>(`/api/v1/process-maps/${id}/revisions`),
  restoreMapRevision: (id: number, number: number, etag: string) =>
    request<ProcessMap>('POST', `/api/v1/process-maps/${id}/revisions/${number}/restore`, undefined, { 'If-Match': etag }),
  journeys: (id: number) => items<Journey>(`/api/v1/process-maps/${id}/journeys`),
  addJourney: (id: number, journey: { name: string; steps: { step_id: string; frequency: number }[] }) =>
    request<Journey>('POST', `/api/v1/process-maps/${id}/journeys`, journey),
  scenarios: (id: number) => items<Scenario>(`/api/v1/process-maps/${id}/scenarios`),
  addScenario: (id: number, scenario: { name: string; changes: { step_id: string; configuration?: ValueConfiguration; minutes?: number; frequency?: number }[] }) =>
    request<Scenario>('POST', `/api/v1/process-maps/${id}/scenarios`, scenario),
  mapCosts: (id: number, scenario?: number) =>
    request<MapCosts>('GET', `/api/v1/process-maps/${id}/costs${scenario ? `?scenario=${scenario}` : ''}`),
  stratifications: (population: number) => items<Stratification>(`/api/v1/populations/${population}/stratifications`),
  defineStrata: (population: number, s: { name: string; strata: { name: string; conditions: StratumCondition[] }[]; scores: string[] }) =>
    request<Stratification>('POST', `/api/v1/populations/${population}/stratifications`, s),
  strataSummary: (id: number) => request<StratificationSummary>('GET', `/api/v1/stratifications/${id}/summary`),
  personas: (team: number) => items<Persona>(`/api/v1/teams/${team}/personas`),
  persona: (id: number) => request<Persona>('GET', `/api/v1/personas/${id}`),
  setPersonaPicture: (id: number, file: Blob) => requestBody<Persona>('PUT', `/api/v1/personas/${id}/picture`, file, file.type),
  removePersonaPicture: (id: number) => request<void>('DELETE', `/api/v1/personas/${id}/picture`),
  createPersona: (team: number, persona: { name: string; professional: boolean; stratification_id?: number; stratum?: string }) =>
    request<Persona>('POST', `/api/v1/teams/${team}/personas`, persona),
};
