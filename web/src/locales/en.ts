// English messages, joined from each capability's (<capability>/messages.ts). Every other catalog
// has exactly these keys (the type checker says so).
import * as accounts from '../accounts/messages';
import * as alerts from '../alerts/messages';
import * as audit from '../audit/messages';
import * as community from '../community/messages';
import * as measures from '../measures/messages';
import * as registry from '../registry/messages';
import * as schedules from '../schedules/messages';
import * as shell from '../shell/messages';
import * as research from '../research_exports/messages';
import * as studies from '../studies/messages';
import * as value from '../value/messages';
import * as workbooks from '../workbooks/messages';

export const en = {
  ...accounts.en,
  ...alerts.en,
  ...audit.en,
  ...community.en,
  ...measures.en,
  ...registry.en,
  ...schedules.en,
  ...shell.en,
  ...studies.en,
  ...research.en,
  ...value.en,
  ...workbooks.en,
} as const;

export type MessageKey = keyof typeof en;
export type Catalog = Record<MessageKey, string>;
