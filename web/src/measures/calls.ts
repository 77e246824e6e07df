// Measures: definitions, SPC charts and the team value profile.
// The API's types of this capability, checked against openapi.json (web/tests/api_types.test.mjs).

import { request } from '../http';

export interface MeasureDefinition {
  id: string;
  name: string;
  // The name in other languages, by language tag ("sv"); shown through localName.
  names: Record<string, string>;
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
  // sigma, long_run, few_crossings; mdc_outside_limits, mdc_trend, mdc_two_of_three, mdc_shift
  signals: string[];
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
    explanation: string;
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
  notes?: ChartNote[];
}
export interface ChartNote {
  id: number;
  period: string;
  text: string;
  author: string;
  created_ms: number;
}
export type Period = MeasureChart['period'];
export type ValueDomain = 'communication' | 'self-efficacy' | 'interconnectedness' | 'costs' | 'professional-experience' | 'access';
// The wire names of a measure's kinds, the value compass's quadrants and the value domains, in
// the order the forms offer them.
export const MEASURE_KINDS: MeasureDefinition['kind'][] = ['proportion', 'count', 'continuous', 'rate', 'days-between', 'cases-between'];
export const QUADRANTS: MeasureDefinition['quadrant'][] = ['clinical', 'functional', 'experience', 'cost'];
export const VALUE_DOMAINS: ValueDomain[] = ['communication', 'self-efficacy', 'interconnectedness', 'costs', 'professional-experience', 'access'];
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

export const measureCalls = {
  measures: () => request<{ items: MeasureDefinition[] }>('GET', '/api/v1/measures'),
  previewMeasure: (definition: Partial<MeasureDefinition>) => request<MeasureChart>('POST', '/api/v1/measures/preview', definition),
  previewTeamMeasure: (team: number, definition: Partial<MeasureDefinition>, period: Period) =>
    request<MeasureChart>('POST', `/api/v1/teams/${team}/measures/preview?period=${period}`, definition),
  defineMeasure: (definition: Partial<MeasureDefinition>) => request<MeasureDefinition>('POST', '/api/v1/measures', definition),
  addChartNote: (team: number, measure: string, period: string, text: string) =>
    request<ChartNote>('POST', `/api/v1/teams/${team}/measures/${encodeURIComponent(measure)}/notes`, { period, text }),
  deleteChartNote: (id: number) => request<void>('DELETE', `/api/v1/chart-notes/${id}`),
  teamMeasureChart: (team: number, measure: string, period: Period, limits: 'baseline' | 'phases', rules: 'anhoej' | 'mdc') =>
    request<MeasureChart>(
      'GET',
      `/api/v1/teams/${team}/measures/${encodeURIComponent(measure)}/chart?period=${period}&limits=${limits}&rules=${rules}`,
    ),
  teamValueProfile: (team: number) => request<ValueProfile>('GET', `/api/v1/teams/${team}/value-profile`),
  crossSiteChart: (measure: string, period: Period) =>
    request<MeasureChart>('GET', `/api/v1/measures/${encodeURIComponent(measure)}/sites?period=${period}`),
};
