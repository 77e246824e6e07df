// Guides and workbooks: answers with their revisions, comments, steps and position.
// The API's types of this capability, checked against openapi.json (web/tests/api_types.test.mjs).

import { request, type Page } from '../http';

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
  artefacts?: ('persona' | 'process-map' | 'measure')[];
}
export interface Guide {
  id: string;
  version: string;
  kind: 'full' | 'short-form' | 'passport' | 'persona';
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
  name: string;
  archived_ms: number | null;
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

export const workbookCalls = {
  guides: () => request<Page<Guide>>('GET', '/api/v1/guides'),
  guide: (id: string) => request<Guide>('GET', `/api/v1/guides/${id}`),
  teamWorkbooks: (team: number) =>
    request<Page<Workbook>>('GET', `/api/v1/teams/${team}/workbooks?limit=100`),
  startWorkbook: (team: number, guide: string) =>
    request<Workbook>('POST', '/api/v1/workbooks', { team_id: team, guide_id: guide }),
  workbook: (id: number) => request<Workbook>('GET', `/api/v1/workbooks/${id}`),
  labelWorkbook: (id: number, label: { name?: string; archived?: boolean }) =>
    request<Workbook>('PATCH', `/api/v1/workbooks/${id}`, label),
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
  shareWorkbook: (id: number, shared: boolean) => request<void>('PUT', `/api/v1/workbooks/${id}/sharing`, { shared }),
  setPosition: (id: number, step: string) =>
    request<void>('PUT', `/api/v1/workbooks/${id}/position`, { step }),
};
