import './style.css';

import { api, ApiError } from './api';
import { session } from './app_state';
import { h } from './dom';
import { applyToDocument, t } from './i18n';
import { interceptLinks, navigate, onRender, resolve, route, type View } from './router';
import { accountView } from './accounts/account';
import { usersView } from './accounts/users';
import { userView } from './accounts/user_view';
import { auditView } from './audit/audit_view';
import { homeView } from './shell/home';
import { header } from './shell/layout';
import { signInView } from './accounts/sign_in';
import { siteView, sitesView } from './community/sites';
import { teamView, teamsView } from './community/teams';
import { workbookView } from './workbooks/workbook';
import { guideView, guidesView } from './workbooks/guides';
import { dashboardView } from './registry/dashboard';
import { fillView } from './registry/fill';
import { importsView } from './registry/imports';
import { patientsView } from './registry/patients';
import { teamMeasuresView } from './measures/team_measures';
import { communityMeasuresView } from './measures/community_measures';
import { overdueView, worklistView } from './alerts/alerts';
import { siteAccessView, siteSettingsView } from './community/site_access';
import { schedulesView } from './schedules/schedules_view';
import { researchProjectsView } from './research_exports/projects_view';
import { studiesView } from './studies/studies_view';
import { studyView } from './studies/study_view';
import { joinView, takePartView } from './studies/take_part';
import { mapEditorView } from './value/map_editor';
import { personaView } from './value/persona_page';
import { teamValueView } from './value/team_value';
import { unitCostsView } from './value/unit_costs';

const root = document.getElementById('app')!;

route('/signin', signInView);
route('/', homeView);
route('/sites', sitesView);
route('/sites/:id', siteView);
route('/sites/:id/access', siteAccessView);
route('/sites/:id/settings', siteSettingsView);
route('/sites/:id/schedules', schedulesView);
route('/alerts', worklistView);
route('/alerts/overdue', overdueView);
route('/teams', teamsView);
route('/teams/:id', teamView);
route('/teams/:id/measures', teamMeasuresView);
route('/workbooks/:id', workbookView);
route('/guides', guidesView);
route('/guides/:id', guideView);
route('/patients', patientsView);
route('/patients/:id', dashboardView);
route('/patients/:id/questionnaires/:qid', fillView);
route('/imports', importsView);
route('/measures', communityMeasuresView);
route('/account', accountView);
route('/admin/users', usersView);
route('/admin/users/:id', userView);
route('/admin/audit', auditView);
route('/research-projects', researchProjectsView);
route('/studies', studiesView);
route('/studies/:id', studyView);
route('/studies/:id/take-part', takePartView);
route('/join', joinView);
route('/teams/:id/value', teamValueView);
route('/process-maps/:id', mapEditorView);
route('/personas/:id', personaView);
route('/sites/:id/unit-costs', unitCostsView);

function message(text: string): HTMLElement {
  return h('section', {}, h('h1', {}, text));
}

// Renders one page: the frame, then the view in <main>, whose heading takes focus so screen
// readers announce the new page.
async function render(view: View, params: Record<string, string>): Promise<void> {
  applyToDocument();
  // An invitation's page needs no account: its link's secret is the participant's key.
  if (!session.user && location.pathname !== '/signin' && location.pathname !== '/join') {
    await navigate('/signin', true);
    return;
  }
  const main = h('main', { id: 'main', tabindex: '-1' }, h('p', { role: 'status' }, t('common.loading')));
  root.replaceChildren(header(), main);
  let content: HTMLElement;
  try {
    content = await view(params);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      session.user = null;
      await navigate('/signin', true);
      return;
    }
    content =
      error instanceof ApiError && error.status === 403
        ? message(t('common.forbidden'))
        : error instanceof ApiError && error.status === 404
          ? message(t('common.notFound'))
          : error instanceof ApiError && error.status === 0
            ? message(t('common.network'))
            : message(t('common.error', { detail: error instanceof Error ? error.message : '' }));
  }
  main.replaceChildren(content);
  const heading = main.querySelector('h1');
  document.title = heading ? `${heading.textContent} – ${t('app.name')}` : t('app.name');
  (heading ?? main).setAttribute('tabindex', '-1');
  (heading ?? main).focus();
}

async function start(): Promise<void> {
  applyToDocument();
  onRender(render, () => message(t('common.notFound')));
  interceptLinks(root);
  try {
    session.user = await api.me();
  } catch {
    session.user = null;
  }
  if (session.user && location.pathname === '/signin') history.replaceState(null, '', '/');
  await resolve();
}

void start();
