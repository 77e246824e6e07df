// Swedish messages, joined from each capability's (<capability>/messages.ts).
import type { Catalog } from './en';
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

export const sv: Catalog = {
  ...accounts.sv,
  ...alerts.sv,
  ...audit.sv,
  ...community.sv,
  ...measures.sv,
  ...registry.sv,
  ...schedules.sv,
  ...shell.sv,
  ...studies.sv,
  ...research.sv,
  ...value.sv,
  ...workbooks.sv,
};
