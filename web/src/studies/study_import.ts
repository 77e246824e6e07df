import { api, ApiError, type Study } from '../api';
import { field, onSubmit } from '../components/form';
import { h } from '../dom';
import { t } from '../i18n';
import { resolve } from '../router';

// An existing study's CSV files taken into a study in draft that holds no statement yet, all or
// nothing: a concept map's statements.csv, sorts.csv and optionally ratings.csv, or a Delphi's
// items.csv and ratings.csv (README "Research analyses" states their columns). Every problem
// the server finds is shown as FILE:LINE: reason, one to a line.
export function importSection(study: Study): HTMLElement {
  const delphi = study.kind === 'delphi';
  const input = (name: string, required: boolean) => h('input', { id: `import-${name}`, name, type: 'file', accept: '.csv,text/csv', required });
  const files = delphi
    ? { items: input('items', true), ratings: input('ratings', true) }
    : { statements: input('statements', true), sorts: input('sorts', true), ratings: input('ratings', false) };
  const lead = h('p', {});
  const problems = h('ul', { class: 'problems' });
  const alert = h('div', { role: 'alert', 'aria-label': t('studies.importProblems') }, lead, problems);
  const form = h(
    'form',
    { class: 'card' },
    h('h2', {}, t('studies.import')),
    h('p', {}, t(delphi ? 'studies.importDelphiHint' : 'studies.importHint')),
    ...Object.entries(files).map(([name, control]) => field(`${name}.csv`, control)),
    alert,
    h('button', { type: 'submit' }, t('studies.importButton')),
  );
  onSubmit(form, async () => {
    problems.replaceChildren();
    lead.textContent = '';
    const body: Record<string, string> = {};
    for (const [name, control] of Object.entries(files)) {
      const file = control.files?.[0];
      if (file) body[name] = await file.text();
    }
    try {
      const made = await api.importStudy(study.id, body);
      await resolve();
      document.querySelector('main p[role=status]')!.textContent = t('studies.imported', { count: made.items.length });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // The problem's detail is a sentence, then every refused line as FILE:LINE: reason,
      // separated by "; ".
      const first = error.detail.search(/[\w.-]+\.csv:\d+: /);
      const lines = first < 0 ? [error.detail] : error.detail.slice(first).split('; ');
      lead.textContent = first > 0 ? error.detail.slice(0, first).replace(/:\s*$/, '.') : '';
      problems.replaceChildren(...lines.map((line) => h('li', {}, line)));
    }
  });
  return form;
}
