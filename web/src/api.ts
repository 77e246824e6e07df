// The JSON API client: every capability's calls (<capability>/calls.ts) joined into one `api`,
// and their types. Every error arrives as an RFC 9457 problem; ApiError carries it (http.ts).

import { accountCalls } from './accounts/calls';
import { alertCalls } from './alerts/calls';
import { auditCalls } from './audit/calls';
import { communityCalls } from './community/calls';
import { measureCalls } from './measures/calls';
import { questionnaireCalls } from './questionnaires/calls';
import { registryCalls } from './registry/calls';
import { scheduleCalls } from './schedules/calls';
import { researchExportCalls } from './research_exports/calls';
import { studyCalls } from './studies/calls';
import { valueCalls } from './value/calls';
import { workbookCalls } from './workbooks/calls';

export { allPages, ApiError, type Page } from './http';
export type * from './accounts/calls';
export type * from './alerts/calls';
export type * from './audit/calls';
export type * from './community/calls';
export type * from './measures/calls';
export type * from './questionnaires/calls';
export type * from './registry/calls';
export type * from './schedules/calls';
export type * from './research_exports/calls';
export type * from './studies/calls';
export type * from './value/calls';
export type * from './workbooks/calls';

export const api = {
  ...accountCalls,
  ...alertCalls,
  ...auditCalls,
  ...communityCalls,
  ...measureCalls,
  ...questionnaireCalls,
  ...registryCalls,
  ...scheduleCalls,
  ...researchExportCalls,
  ...studyCalls,
  ...valueCalls,
  ...workbookCalls,
};
