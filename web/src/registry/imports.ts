import { api, ApiError, type RegistryImport } from '../api';
import { session } from '../app_state';
import { h } from '../dom';
import { t } from '../i18n';
import { loadNames } from '../shell/names';

// Imports for a site's staff: registry files (patients, then their observations) and, for
// administrators, questionnaire files (FHIR JSON, a REDCap data dictionary or instrument zip).
// Each upload shows its progress; each import is all or nothing, and a refused registry file
// lists its refused lines.

interface Scope {
  value: string; // a site id, or '' for the community
  label: string;
}

// A form with a scope select, a file input and an upload that shows its progress.
function uploadForm(
  id: string,
  scopes: Scope[],
  accept: string,
  labels: { scope: string; file: string; submit: string },
  send: (scope: string, file: File, progress: (fraction: number) => void) => Promise<HTMLElement>,
): HTMLElement {
  const scope = h('select', { id: `${id}-scope` }, ...scopes.map((s) => h('option', { value: s.value }, s.label)));
  const input = h('input', { type: 'file', id: `${id}-file`, accept });
  const bar = h('progress', { max: 1, value: 0, hidden: true, 'aria-label': t('imports.progress') });
  const result = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, labels.submit);
  const form = h(
    'form',
    {},
    h('div', { class: 'field' }, h('label', { for: `${id}-scope` }, labels.scope), scope),
    h('div', { class: 'field' }, h('label', { for: `${id}-file` }, labels.file), input),
    submit,
    bar,
    result,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = input.files?.[0];
    if (!file) {
      result.replaceChildren(h('p', { role: 'alert', class: 'form-error' }, t('imports.chooseFile')));
      return;
    }
    submit.disabled = true;
    bar.hidden = false;
    bar.value = 0;
    result.replaceChildren(h('p', { role: 'status' }, t('imports.sending')));
    try {
      result.replaceChildren(await send(scope.value, file, (fraction) => (bar.value = fraction)));
    } catch (error) {
      result.replaceChildren(refusal(error));
    } finally {
      submit.disabled = false;
      bar.hidden = true;
    }
  });
  return form;
}

function refusal(error: unknown): HTMLElement {
  if (!(error instanceof ApiError)) return h('p', { role: 'alert' }, String(error));
  const report = error.body as Partial<RegistryImport>;
  if (!report.rejected?.length) return h('p', { role: 'alert', class: 'form-error' }, t('imports.refused', { detail: error.detail }));
  return h(
    'div',
    {},
    h('p', { role: 'alert', class: 'form-error' }, t('imports.nothingImported', { n: report.rejected_total ?? 0, of: report.records ?? 0 })),
    h(
      'div',
      { class: 'table-wrap', tabindex: 0 },
      h(
        'table',
        {},
        h('caption', {}, t('imports.refusedLines')),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('imports.line')), h('th', { scope: 'col' }, t('imports.column')), h('th', { scope: 'col' }, t('imports.reason')))),
        h('tbody', {}, ...report.rejected.map((r) => h('tr', {}, h('th', { scope: 'row' }, String(r.line)), h('td', {}, r.column), h('td', {}, r.reason)))),
      ),
    ),
    (report.rejected_total ?? 0) > report.rejected.length ? h('p', {}, t('imports.more', { n: (report.rejected_total ?? 0) - report.rejected.length })) : null,
  );
}

export async function importsView(): Promise<HTMLElement> {
  const names = await loadNames();
  const memberships = session.user?.memberships ?? [];
  const staffSites = [...new Set(memberships.filter((m) => (m.role === 'admin' || m.role === 'professional') && m.site_id !== null).map((m) => m.site_id!))];
  const communityAdmin = memberships.some((m) => m.role === 'admin' && m.site_id === null);
  const adminSites = [...new Set(memberships.filter((m) => m.role === 'admin' && m.site_id !== null).map((m) => m.site_id!))];
  const sitesOf = (ids: number[]): Scope[] => ids.map((id) => ({ value: String(id), label: names.site(id) }));
  const registrySites = communityAdmin ? (await api.sites()).items.map((s) => s.id) : staffSites;
  const questionnaireScopes = [...(communityAdmin ? [{ value: '', label: t('imports.community') }] : []), ...sitesOf(adminSites)];

  const registry = uploadForm('registry', sitesOf(registrySites), '.csv,text/csv', { scope: t('imports.site'), file: t('imports.registryFile'), submit: t('imports.import') }, async (scope, file, progress) => {
    const report = await api.importRegistryFile(Number(scope), file, progress);
    return h('p', { role: 'status' }, report.kind === 'patients' ? t('imports.patientsDone', { n: report.patients }) : t('imports.observationsDone', { n: report.observations }));
  });
  const questionnaire = uploadForm('questionnaire', questionnaireScopes, '.json,.csv,.zip', { scope: t('imports.for'), file: t('imports.questionnaireFile'), submit: t('imports.import') }, async (scope, file, progress) => {
    const { imported } = await api.importQuestionnaireFile(scope ? Number(scope) : null, file, progress);
    return h(
      'ul',
      { role: 'status' },
      ...imported.map((q) =>
        h(
          'li',
          {},
          t('imports.questionnaireDone', { title: q.title || q.name, version: q.version }),
          q.warnings.length ? h('ul', {}, ...q.warnings.map((w) => h('li', {}, `${w.location ? `${w.location}: ` : ''}${w.message}`))) : null,
        ),
      ),
    );
  });
  return h(
    'section',
    {},
    h('h1', {}, t('imports.title')),
    registrySites.length
      ? h('section', { class: 'card' }, h('h2', {}, t('imports.registryTitle')), h('p', {}, t('imports.registryHelp')), registry)
      : null,
    questionnaireScopes.length
      ? h('section', { class: 'card' }, h('h2', {}, t('imports.questionnaireTitle')), h('p', {}, t('imports.questionnaireHelp')), questionnaire)
      : null,
    !registrySites.length && !questionnaireScopes.length ? h('p', {}, t('common.forbidden')) : null,
  );
}
