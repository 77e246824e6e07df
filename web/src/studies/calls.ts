// Research studies: a researcher's studies, their participants, statements and live analysis,
// and a participant's own work (by an invitation's secret, or by account).
// The API's types of this capability, checked against openapi.json (web/tests/api_types.test.mjs).

import { request, type Page } from '../http';
import type { MeasureDefinition } from '../measures/calls';

export type StudyKind = 'concept_map' | 'delphi';
export type StudyStage = 'draft' | 'brainstorming' | 'sorting' | 'rating' | 'rounds' | 'closed';

export interface RatingVariable {
  name: string;
  min: number;
  max: number;
}
export interface Study {
  id: number;
  kind: StudyKind;
  title: string;
  focus_prompt: string;
  variables: RatingVariable[];
  groups: string[];
  anonymous: boolean;
  stage: StudyStage;
  round: number;
  runs: boolean;
  created_ms: number;
}
export interface StudyDraft {
  kind: StudyKind;
  title: string;
  focus_prompt: string;
  groups: string[];
  anonymous?: boolean;
  variables?: RatingVariable[];
}
export interface StudyParticipant {
  id: number;
  pseudonym: string;
  group: string;
  consented_ms: number | null;
  revoked_ms: number | null;
  created_ms: number;
  secret?: string;
  path?: string;
}
export interface StudyStatement {
  id: number;
  text: string;
  proposed_by: number | null;
  merged_into: number | null;
  created_ms: number;
}
export interface ParticipantProgress {
  id: number;
  name: string;
  group: string;
  consented: boolean;
  revoked: boolean;
  brainstormed: number;
  sorted: number;
  rated: number;
}
export interface WorkspaceStatement {
  id: number;
  text: string;
  own: boolean;
}
export interface Card {
  statement_id: number;
  pile: string;
}
export interface Rating {
  statement_id: number;
  variable: string;
  value: number;
}
export interface DelphiFeedback {
  statement_id: number;
  own: number | null;
  n: number;
  withheld: boolean;
  median: number | null;
  histogram_1_9: number[] | null;
  comments: string[];
}
export interface StudyWorkspace {
  study: Study;
  participant: StudyParticipant;
  statements: WorkspaceStatement[];
  sort: Card[];
  ratings: Rating[];
  feedback: DelphiFeedback[];
  comments: { statement_id: number; text: string }[];
}
// The parts of a Delphi's statistics (README "Research analyses") the study page shows.
export interface DelphiStats {
  n: number;
  median: number | null;
  rand_classification: string | null;
  percent_rule: string | null;
}
export interface DelphiSummary {
  rounds: number[];
  groups: string[];
  items: Record<string, Record<string, { all: DelphiStats } & Record<string, unknown>>>;
}
// A draft measure of the core set, made from a Delphi item that reached consensus.
export interface MeasureDraft {
  id: string;
  name: string;
  names: Record<string, string>;
  kind: 'proportion' | 'rate' | 'count' | 'continuous' | 'days-between' | 'cases-between';
  direction: 'higher' | 'lower';
  quadrant: 'clinical' | 'functional' | 'experience' | 'cost';
  domain: string | null;
  unit: string;
  provenance: {
    study_id: number;
    study_title: string;
    statement_id: number;
    item: string;
    round: number;
    n: number;
    median: number;
    pct_7_9: number;
    pct_1_3: number;
    rand_classification: 'appropriate' | 'uncertain' | 'inappropriate';
    percent_rule: 'consensus_in';
  };
  proposed_ms: number;
  adopted: boolean;
  adopted_ms: number | null;
}
// The researcher's description of an item as a measure.
export interface CoreSetChoice {
  statement_id: number;
  id: string;
  name: string;
  kind: MeasureDefinition['kind'];
  direction: MeasureDefinition['direction'];
  quadrant: MeasureDefinition['quadrant'];
  domain?: string;
}
// The parts of the live analysis (README "Research analyses") the study page shows.
export interface ConceptMapSummary {
  n_statements: number;
  n_sorters: number;
  n_raters: number;
  statements: { id: string; cluster: number; bridging: number }[];
  mds: { stress1: number };
  clusters: { k: number; k_best_silhouette: number; k_wss_rule: number; bridging: number[] };
  go_zone: { x: string; y: string; group: string; quadrant: Record<string, string | null> }[];
}

export interface MapReading {
  k: number;
  named: (string | null)[];
  split_half: { sorters_a: number; sorters_b: number; r: number | null; spearman_brown: number | null };
  cluster_names: (string | null)[];
}

// Who a participant's calls are made as: an invitation's secret, or the account in a study.
export type Participation = { secret: string } | { studyId: number };

function participation(who: Participation): { prefix: string; headers: Record<string, string> } {
  return 'secret' in who
    ? { prefix: '/api/v1/invitation', headers: { 'X-Invitation': who.secret } }
    : { prefix: `/api/v1/studies/${who.studyId}/participation`, headers: {} };
}

export const studyCalls = {
  studies: () => request<Page<Study>>('GET', '/api/v1/studies'),
  createStudy: (draft: StudyDraft) => request<Study>('POST', '/api/v1/studies', draft),
  study: (id: number) => request<Study>('GET', `/api/v1/studies/${id}`),
  moveStage: (id: number, stage: StudyStage) => request<Study>('POST', `/api/v1/studies/${id}/stage`, { stage }),
  progress: (id: number) => request<Page<ParticipantProgress>>('GET', `/api/v1/studies/${id}/participants`),
  invite: (id: number, group: string) => request<StudyParticipant>('POST', `/api/v1/studies/${id}/invitations`, { group }),
  withdraw: (id: number, participant: number) => request<void>('DELETE', `/api/v1/studies/${id}/participants/${participant}`),
  studyStatements: (id: number) => request<Page<StudyStatement>>('GET', `/api/v1/studies/${id}/statements`),
  addStatement: (id: number, text: string) => request<StudyStatement>('POST', `/api/v1/studies/${id}/statements`, { text }),
  editStatement: (id: number, statement: number, text: string) =>
    request<void>('PUT', `/api/v1/studies/${id}/statements/${statement}`, { text }),
  mergeStatement: (id: number, statement: number, into: number) =>
    request<void>('POST', `/api/v1/studies/${id}/statements/${statement}/merge`, { into }),
  analysis: (id: number, k?: number) =>
    request<ConceptMapSummary>('GET', `/api/v1/studies/${id}/analysis${k ? `?k=${k}` : ''}`),
  nameClusters: (id: number, k: number, names: string[]) =>
    request<void>('PUT', `/api/v1/studies/${id}/cluster-names`, { k, names }),
  reading: (id: number, k: number) => request<MapReading>('GET', `/api/v1/studies/${id}/reading?k=${k}`),
  delphi: (id: number) => request<DelphiSummary>('GET', `/api/v1/studies/${id}/delphi`),
  importStudy: (id: number, files: Record<string, string>) => request<Page<StudyStatement>>('POST', `/api/v1/studies/${id}/imports`, files),
  seedFromConceptMap: (id: number, conceptMap: number) =>
    request<Page<StudyStatement>>('POST', `/api/v1/studies/${id}/items-from-concept-map`, { concept_map_id: conceptMap }),
  coreSet: (id: number) => request<Page<MeasureDraft>>('GET', `/api/v1/studies/${id}/core-set`),
  proposeCoreSet: (id: number, round: number, measures: CoreSetChoice[]) =>
    request<Page<MeasureDraft>>('POST', `/api/v1/studies/${id}/core-set`, { round, measures }),
  workspace: (who: Participation) => {
    const { prefix, headers } = participation(who);
    return request<StudyWorkspace>('GET', prefix, undefined, headers);
  },
  consent: (who: Participation) => {
    const { prefix, headers } = participation(who);
    return request<void>('POST', `${prefix}/consent`, undefined, headers);
  },
  propose: (who: Participation, text: string) => {
    const { prefix, headers } = participation(who);
    return request<StudyStatement>('POST', `${prefix}/statements`, { text }, headers);
  },
  saveSort: (who: Participation, cards: Card[]) => {
    const { prefix, headers } = participation(who);
    return request<void>('PUT', `${prefix}/sort`, { cards }, headers);
  },
  saveRatings: (who: Participation, ratings: Rating[]) => {
    const { prefix, headers } = participation(who);
    return request<void>('PUT', `${prefix}/ratings`, { ratings }, headers);
  },
  saveComment: (who: Participation, statement_id: number, text: string) => {
    const { prefix, headers } = participation(who);
    return request<void>('PUT', `${prefix}/comments`, { statement_id, text }, headers);
  },
  delphiComments: (id: number) =>
    request<Page<{ participant_id: number; pseudonym: string; statement_id: number; round: number; text: string; created_ms: number }>>('GET', `/api/v1/studies/${id}/comments`),
};
