import { api, ApiError, type Workbook } from '../api';
import { administers, session } from '../app_state';
import { h } from '../dom';
import { formatDay, t } from '../i18n';
import { navigate, resolve } from '../router';
import { field, onSubmit } from '../components/form';
import { text } from './texts';

// A team's workbooks: the current ones with their names and progress along their steps, each
// renamed or archived in place; the archived ones apart, each brought back with one click; and a
// start of each guide (a second start of the same guide asks first).

// How far a workbook has come: its steps done out of all its steps (read whole where the reader
// may; else unknown). A guide without steps (the passport) has no progress to show.
async function progressOf(w: Workbook): Promise<string> {
  const read = await api.workbook(w.id).catch(() => null);
  if (!read?.steps.length) return '';
  return t('workbooks.progress', { done: read.steps.filter((s) => s.status === 'done').length, total: read.steps.length });
}

function labelForm(w: Workbook, title: string): HTMLElement {
  const name = h('input', { id: `workbook-${w.id}-name`, name: 'name', maxlength: 200, autocomplete: 'off', placeholder: title });
  name.value = w.name;
  const form = h('form', { class: 'inline-form' }, field(t('workbooks.name'), name, t('workbooks.nameHint')), h('button', { type: 'submit' }, t('admin.save')));
  onSubmit(form, async () => {
    await api.labelWorkbook(w.id, { name: name.value.trim() });
    await resolve();
  });
  return h('details', {}, h('summary', {}, t('workbooks.rename', { name: w.name || title })), form);
}

function archiveButton(w: Workbook, title: string, archived: boolean): HTMLElement {
  const button = h('button', { type: 'button', class: 'secondary', 'aria-label': t(archived ? 'workbooks.restoreNamed' : 'workbooks.archiveNamed', { name: w.name || title }) }, t(archived ? 'workbooks.restore' : 'workbooks.archive'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await api.labelWorkbook(w.id, { archived: !archived });
      await resolve();
    } catch (error) {
      button.disabled = false;
      button.after(h('span', { role: 'alert' }, error instanceof ApiError ? error.detail : String(error)));
    }
  });
  return button;
}

// writes: whether the reader writes the team's workbooks (its members and leads, its site's
// admins); others read the list without the buttons the policy would refuse them.
export async function workbookList(teamId: number, siteId: number): Promise<HTMLElement> {
  const writes = (session.user?.memberships.some((m) => m.team_id === teamId) ?? false) || administers(siteId);
  const [workbooks, guides] = await Promise.all([api.teamWorkbooks(teamId), api.guides()]);
  const titles = new Map(guides.items.map((g) => [g.id, text(g.title)]));
  const titleOf = (w: Workbook) => titles.get(w.guide_id) || w.guide_id;
  const current = workbooks.items.filter((w) => w.archived_ms === null);
  const archived = workbooks.items.filter((w) => w.archived_ms !== null);
  const progress = await Promise.all(current.map((w) => progressOf(w)));
  return h(
    'section',
    { class: 'workbook-list' },
    h('h2', {}, t('workbooks.title')),
    current.length
      ? h(
          'ul',
          { class: 'workbooks' },
          ...current.map((w, i) =>
            h(
              'li',
              {},
              h('a', { href: `/workbooks/${w.id}` }, w.name || titleOf(w)),
              w.name ? h('span', { class: 'meta' }, ` (${titleOf(w)})`) : null,
              ` – ${t('workbooks.started', { date: formatDay(w.created_ms) })}`,
              progress[i] ? h('span', { class: 'meta' }, ` · ${progress[i]}`) : null,
              ' ',
              writes ? archiveButton(w, titleOf(w), false) : null,
              writes ? labelForm(w, titleOf(w)) : null,
            ),
          ),
        )
      : h('p', {}, t('workbooks.none')),
    archived.length
      ? h(
          'details',
          { class: 'archived' },
          h('summary', {}, t('workbooks.archived', { count: archived.length })),
          h(
            'ul',
            {},
            ...archived.map((w) =>
              h('li', {}, h('a', { href: `/workbooks/${w.id}` }, w.name || titleOf(w)), ` – ${t('workbooks.archivedOn', { date: formatDay(w.archived_ms!) })} `, writes ? archiveButton(w, titleOf(w), true) : null),
            ),
          ),
        )
      : null,
    writes ? h(
      'div',
      { class: 'start-buttons' },
      ...guides.items.map((g) =>
        h('button', {
          type: 'button',
          class: 'secondary',
          onclick: async () => {
            // A second workbook of the same guide is a new start, not a way back to the first.
            const started = workbooks.items.filter((w) => w.guide_id === g.id).length;
            if (started && !confirm(t('workbooks.again', { guide: text(g.title), count: started }))) return;
            const created = await api.startWorkbook(teamId, g.id);
            await navigate(`/workbooks/${created.id}`);
          },
        }, t('workbooks.start', { guide: text(g.title) })),
      ),
    ) : h('p', { class: 'meta' }, t('workbooks.teamStarts')),
  );
}
