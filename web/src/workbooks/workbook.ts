import {
  allPages,
  api,
  ApiError,
  type Guide,
  type GuideItem,
  type Revision,
  type StepStatus,
  type Workbook,
  type WorkbookAnswer,
} from '../api';
import { h } from '../dom';
import { formatDay, formatTime, language, localName, t } from '../i18n';
import { linkedCards, linksIn } from './linked';
import { slug } from '../slug';
import { text } from './texts';
import { printControls } from '../print';

// Workbook mode: one step at a time, progress over the steps, autosave with a visible state,
// saves retried while offline, and a merge when someone else saved the same answer first.

const RETRY_MS = 5000;
const AUTOSAVE_MS = 800;


// What a question's answer may link to (its guide item's artefacts): the team's personas and
// process maps, each as [label, address]; a link is written into the answer as Markdown, so it is
// kept in the answer's revisions like the rest of its text.
type Artefact = 'persona' | 'process-map' | 'measure';
type ArtefactLinks = Partial<Record<Artefact, [string, string][]>>;

// Measures link to their chart on the team's measures page (its section `measure-<slug>`).
async function artefactLinks(team: number): Promise<ArtefactLinks> {
  const [personas, maps, measures] = await Promise.all([api.personas(team).catch(() => null), api.processMaps(team).catch(() => null), api.measures().catch(() => null)]);
  const links: ArtefactLinks = {};
  if (personas) links.persona = personas.map((p) => [t('workbook.personaLink', { name: p.name }), `/personas/${p.id}`]);
  if (maps) links['process-map'] = maps.map((m) => [t('workbook.mapLink', { name: m.name }), `/process-maps/${m.id}`]);
  if (measures) links.measure = measures.items.map((m) => [t('workbook.measureLink', { name: localName(m) }), `/teams/${team}/measures#measure-${slug(m.id)}`]);
  return links;
}

// Where a team makes what a question may link to.
function makeHref(kind: Artefact, team: number): string {
  return kind === 'measure' ? `/teams/${team}/measures` : `/teams/${team}/value`;
}

// The first question of a group: every instance of a repeating group holds it, so it counts them.
function firstQuestion(item: GuideItem): GuideItem {
  return item.type === 'group' && item.items?.length ? firstQuestion(item.items[0]!) : item;
}

function inputFor(item: GuideItem, id: string, value: string): HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement {
  switch (item.type) {
    case 'rating':
      return h(
        'select',
        { id },
        h('option', { value: '' }, '–'),
        ...['1', '2', '3', '4', '5'].map((v) => h('option', { value: v, selected: v === value }, v)),
      );
    case 'choice':
      return h(
        'select',
        { id },
        h('option', { value: '' }, '–'),
        ...(item.options ?? []).map((o) =>
          h('option', { value: o.code, selected: o.code === value }, text(o.text)),
        ),
      );
    case 'date':
      return h('input', { id, type: 'date', value });
    case 'string':
      return h('input', { id, value });
    default: {
      const area = h('textarea', { id, rows: 6 });
      area.value = value;
      return area;
    }
  }
}

// One answer on screen: its input and its saved state. It keeps its record (text and ETag) up
// to date, so a step shown again starts from what was saved last.
class AnswerEditor {
  readonly element: HTMLElement;
  private readonly status = h('p', { class: 'save-state', role: 'status' });
  private readonly conflict = h('div', { class: 'conflict' });
  private readonly history = h('div', { class: 'history' });
  private readonly comments = h('div', { class: 'comments' });
  private readonly linked = h('div');
  private readonly input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
  private timer: number | undefined;
  private saving = false;

  constructor(
    private readonly workbookId: number,
    item: GuideItem,
    private readonly answer: WorkbookAnswer,
    links: ArtefactLinks = {},
    team = 0,
  ) {
    const value = answer.text;
    const startingText = answer.starting_text;
    const id = `answer-${answer.key}`;
    this.input = inputFor(item, id, value || startingText || '');
    const events = item.type === 'text' || item.type === 'string' ? 'input' : 'change';
    this.input.addEventListener(events, () => this.schedule());
    this.input.addEventListener('blur', () => this.flush());
    this.element = h(
      'div',
      { class: 'question' },
      h('label', { for: id }, text(item.text)),
      item.hint ? h('p', { class: 'hint', id: `${id}-hint` }, text(item.hint)) : null,
      !value && startingText ? h('p', { class: 'muted' }, t('workbook.fromShortForm')) : null,
      this.input,
      item.type === 'text' ? this.picker(item, id, links, team) : null,
      this.linked,
      this.status,
      this.conflict,
      h('button', { type: 'button', class: 'link', 'aria-expanded': 'false', onclick: (e: Event) => void this.toggleHistory(e.currentTarget as HTMLButtonElement) }, t('workbook.history')),
      this.history,
      h('button', { type: 'button', class: 'link', 'aria-expanded': 'false', onclick: (e: Event) => void this.toggleComments(e.currentTarget as HTMLButtonElement) }, t('workbook.comments')),
      this.comments,
    );
    if (item.hint) this.input.setAttribute('aria-describedby', `${id}-hint`);
    if (item.type === 'text') this.linked.replaceChildren(linkedCards(value));
    if (!value && startingText) this.schedule();
  }

  // For a question that may carry personas or process maps: pick one to link, or make one.
  private picker(item: GuideItem, id: string, links: ArtefactLinks, team: number): HTMLElement | null {
    const kinds = item.artefacts ?? [];
    const options = kinds.flatMap((k) => links[k] ?? []);
    if (!kinds.length || !links[kinds[0]!]) return null;
    const choice = h('select', { id: `${id}-link` }, ...options.map(([label, href]) => h('option', { value: href }, label)));
    const insert = h('button', { type: 'button', disabled: !options.length }, t('workbook.insertLink'));
    insert.addEventListener('click', () => {
      const picked = options.find(([, href]) => href === choice.value);
      if (!picked) return;
      // A name's brackets would end the link's label early: written as parentheses.
      const label = picked[0].replaceAll('[', '(').replaceAll(']', ')');
      this.input.value += `${this.input.value ? '\n\n' : ''}[${label}](${picked[1]})`;
      this.schedule();
      this.input.focus();
    });
    return h(
      'div',
      { class: 'artefact-picker' },
      options.length ? h('label', { for: `${id}-link` }, t('workbook.linkLabel')) : null,
      options.length ? choice : null,
      options.length ? insert : null,
      ' ',
      ...[...new Set(kinds.map((k) => makeHref(k, team)))].map((href) => h('a', { href, class: 'make-artefact' }, href.endsWith('/measures') ? t('workbook.makeMeasure') : t('workbook.makeArtefact'))),
    );
  }

  private schedule(): void {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => void this.save(this.input.value), AUTOSAVE_MS);
  }

  flush(): void {
    if (this.timer !== undefined) {
      window.clearTimeout(this.timer);
      this.timer = undefined;
      void this.save(this.input.value);
    }
  }

  private async save(value: string): Promise<void> {
    this.timer = undefined;
    if (this.saving) {
      this.schedule();
      return;
    }
    this.saving = true;
    this.status.textContent = t('workbook.saving');
    try {
      const revision: Revision = await api.saveAnswer(this.workbookId, this.answer.key, value, this.answer.etag);
      this.answer.etag = revision.etag;
      if (JSON.stringify(linksIn(revision.text)) !== JSON.stringify(linksIn(this.answer.text))) {
        this.linked.replaceChildren(linkedCards(revision.text));
      }
      this.answer.text = revision.text;
      this.status.textContent = t('workbook.saved');
      this.conflict.replaceChildren();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        this.showConflict(String(error.body['current_text'] ?? ''), String(error.body['current_etag'] ?? ''), value);
        this.status.textContent = '';
      } else if (error instanceof ApiError && error.status === 0) {
        this.status.textContent = t('workbook.retrying');
        this.timer = window.setTimeout(() => void this.save(this.input.value), RETRY_MS);
      } else {
        this.status.textContent = t('workbook.failed', { detail: error instanceof Error ? error.message : '' });
      }
    } finally {
      this.saving = false;
    }
  }

  private async toggleComments(button: HTMLButtonElement): Promise<void> {
    if (button.getAttribute('aria-expanded') === 'true') {
      button.setAttribute('aria-expanded', 'false');
      this.comments.replaceChildren();
      return;
    }
    button.setAttribute('aria-expanded', 'true');
    const id = `comment-${this.answer.key}`;
    const list = h('ul', { class: 'comment-list' });
    const load = async () => {
      const page = await api.comments(this.workbookId, this.answer.key);
      list.replaceChildren(...page.items.map((c) => h('li', {}, h('strong', {}, c.author), ': ', c.text)));
    };
    const field = h('textarea', { id, rows: 2 });
    const add = h('button', { type: 'button', class: 'secondary' }, t('workbook.addComment'));
    add.addEventListener('click', async () => {
      if (!field.value.trim()) return;
      await api.addComment(this.workbookId, this.answer.key, field.value.trim());
      field.value = '';
      await load();
    });
    await load();
    this.comments.replaceChildren(list, h('label', { for: id }, t('workbook.newComment')), field, add);
  }

  // Every revision, oldest first, each with its change from the one before and a restore button.
  private async toggleHistory(button: HTMLButtonElement): Promise<void> {
    if (button.getAttribute('aria-expanded') === 'true') {
      button.setAttribute('aria-expanded', 'false');
      this.history.replaceChildren();
      return;
    }
    button.setAttribute('aria-expanded', 'true');
    const revisions = await allPages((cursor) => api.revisions(this.workbookId, this.answer.key, cursor));
    const list = h('ol', { class: 'revisions' });
    for (const revision of revisions) {
      const lines =
        revision.number > 1
          ? (await api.diff(this.workbookId, this.answer.key, revision.number - 1, revision.number)).lines
          : revision.text.split('\n').map((text) => ({ op: 'added' as const, text }));
      list.append(
        h(
          'li',
          {},
          h('p', {}, t('workbook.revision', { n: revision.number, author: revision.author, date: formatTime(revision.created_ms) })),
          h('pre', { class: 'diff' }, ...lines.map((l) => h(l.op === 'added' ? 'ins' : l.op === 'removed' ? 'del' : 'span', {}, `${l.op === 'added' ? '+ ' : l.op === 'removed' ? '- ' : '  '}${l.text}\n`))),
          h('button', {
            type: 'button',
            class: 'secondary',
            onclick: async () => {
              const restored = await api.restore(this.workbookId, this.answer.key, revision.number, this.answer.etag);
              this.answer.etag = restored.etag;
              this.answer.text = restored.text;
              this.input.value = restored.text;
              this.status.textContent = t('workbook.restored', { n: revision.number });
              button.setAttribute('aria-expanded', 'false');
              this.history.replaceChildren();
            },
          }, t('workbook.restore', { n: revision.number })),
        ),
      );
    }
    this.history.replaceChildren(list);
  }

  // Both texts side by side and a merged draft holding both; saving it answers the newest ETag.
  private showConflict(theirs: string, theirEtag: string, yours: string): void {
    const merged = h('textarea', { id: `merge-${this.answer.key}`, rows: 8 });
    merged.value = `${theirs}\n\n${yours}`;
    const save = h('button', { type: 'button' }, t('workbook.saveMerged'));
    save.addEventListener('click', async () => {
      this.answer.etag = theirEtag;
      this.input.value = merged.value;
      await this.save(merged.value);
    });
    this.conflict.replaceChildren(
      h('p', { role: 'alert' }, t('workbook.conflict')),
      h('div', { class: 'both' },
        h('section', {}, h('h4', {}, t('workbook.theirs')), h('pre', { class: 'theirs' }, theirs)),
        h('section', {}, h('h4', {}, t('workbook.yours')), h('pre', { class: 'yours' }, yours)),
      ),
      h('label', { for: `merge-${this.answer.key}` }, t('workbook.merged')),
      merged,
      save,
    );
  }
}

export async function workbookView(params: Record<string, string>): Promise<HTMLElement> {
  const id = Number(params.id);
  const workbook: Workbook = await api.workbook(id);
  const guide: Guide = await api.guide(workbook.guide_id);
  const steps = guide.items;
  let current = Math.max(0, steps.findIndex((s) => s.link_id === workbook.position));
  const statusOf = new Map(workbook.steps.map((s) => [s.link_id, s.status]));
  const answers = new Map(workbook.answers.map((a) => [a.key, a]));
  const links = workbook.text_visible === false ? {} : await artefactLinks(workbook.team_id);

  const stepList = h('ol', { class: 'steps' });
  const body = h('section', { class: 'step-body', 'aria-live': 'polite' });
  let editors: AnswerEditor[] = [];

  function renderSteps(): void {
    stepList.replaceChildren(
      ...steps.map((step, i) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'link',
              'aria-current': i === current ? 'step' : undefined,
              onclick: () => void go(i),
            },
            text(step.text),
          ),
          ' ',
          h('span', { class: `badge status-${statusOf.get(step.link_id) ?? 'not_started'}` },
            t(`status.${statusOf.get(step.link_id) ?? 'not_started'}`)),
        ),
      ),
    );
  }

  // The editors of an item: a question's one, a group's questions', and a repeating group's
  // once per instance, with a button that adds the next instance (saved with its first answer).
  function editorsFor(item: GuideItem, instance: number): Node[] {
    if (item.type !== 'group') {
      const key = instance === 1 ? item.link_id : `${item.link_id}~${instance}`;
      let answer = answers.get(key);
      if (!answer) {
        answer = { key, link_id: item.link_id, instance, revisions: 0, text: '', etag: null, author: null, updated_ms: null };
        answers.set(key, answer);
      }
      const editor = new AnswerEditor(id, item, answer, links, workbook.team_id);
      editors.push(editor);
      return [editor.element];
    }
    const children = item.items ?? [];
    if (!item.repeats) return children.flatMap((child) => editorsFor(child, instance));
    const first = firstQuestion(item).link_id;
    const count = Math.max(1, ...[...answers.values()].filter((a) => a.link_id === first).map((a) => a.instance));
    const list = h('div', { class: 'instances' });
    const addInstance = (n: number): HTMLElement => {
      const fieldset = h('fieldset', { class: 'instance' },
        h('legend', {}, t('workbook.instance', { group: text(item.text), n })),
        ...children.flatMap((child) => editorsFor(child, n)));
      list.append(fieldset);
      return fieldset;
    };
    let shown = 0;
    while (shown < count) addInstance(++shown);
    const add = h('button', {
      type: 'button',
      class: 'secondary',
      onclick: () => addInstance(++shown).querySelector<HTMLElement>('input, textarea, select')?.focus(),
    }, t('workbook.addInstance', { group: text(item.text) }));
    return [list, add];
  }

  function renderStep(): void {
    const step = steps[current]!;
    editors = [];
    const fields = workbook.text_visible ? editorsFor(step, 1) : [];
    const status = h(
      'select',
      { id: 'step-status' },
      ...(['not_started', 'in_progress', 'done'] as StepStatus[]).map((s) =>
        h('option', { value: s, selected: (statusOf.get(step.link_id) ?? 'not_started') === s }, t(`status.${s}`)),
      ),
    );
    status.disabled = !workbook.text_visible;
    status.addEventListener('change', async () => {
      const value = status.value as StepStatus;
      await api.setStep(id, step.link_id, value);
      statusOf.set(step.link_id, value);
      renderSteps();
    });
    const parts: (Node | null)[] = [
      h('p', { class: 'muted' }, t('workbook.step', { n: current + 1, total: steps.length })),
      h('h2', { tabindex: '-1', id: 'step-heading' }, text(step.text)),
      step.introduction ? h('p', { class: 'intro' }, text(step.introduction)) : null,
      workbook.text_visible ? null : h('p', {}, t('workbook.progressOnly')),
      ...fields,
      h('div', { class: 'field' }, h('label', { for: 'step-status' }, t('workbook.status')), status),
      h(
        'div',
        { class: 'step-nav' },
        h('button', { type: 'button', class: 'secondary', disabled: current === 0, onclick: () => void go(current - 1) }, t('workbook.previous')),
        h('button', { type: 'button', disabled: current === steps.length - 1, onclick: () => void go(current + 1) }, t('workbook.next')),
      ),
    ];
    body.replaceChildren(...parts.filter((part): part is Node => part !== null));
  }

  async function go(index: number): Promise<void> {
    editors.forEach((e) => e.flush());
    current = index;
    renderSteps();
    renderStep();
    (document.getElementById('step-heading') as HTMLElement | null)?.focus();
    if (workbook.text_visible) await api.setPosition(id, steps[index]!.link_id).catch(() => undefined);
  }

  renderSteps();
  renderStep();
  return h(
    'section',
    { class: 'workbook' },
    h('p', {}, h('a', { href: `/teams/${workbook.team_id}` }, t('common.back'))),
    h('h1', {}, workbook.name || text(guide.title)),
    workbook.name ? h('p', { class: 'meta' }, text(guide.title)) : null,
    workbook.archived_ms !== null ? h('p', { class: 'notice', role: 'status' }, t('workbooks.archivedOn', { date: formatDay(workbook.archived_ms) })) : null,
    workbook.text_visible
      ? printControls(`/api/v1/workbooks/${id}/print?lang=${language()}`, t('workbook.print'))
      : null,
    workbook.text_visible ? exportLinks(id) : null,
    h('nav', { 'aria-label': t('workbook.steps') }, h('h2', { class: 'visually-hidden' }, t('workbook.steps')), stepList),
    body,
  );
}

// The team page's workbook list and the buttons that start one.
// The workbook as files: Markdown and a spreadsheet in the reader's language, and the FHIR R4
// QuestionnaireResponse for other systems.
function exportLinks(id: number): HTMLElement {
  const link = (href: string, file: string, label: string) => h('a', { href, download: file }, label);
  return h(
    'p',
    { class: 'exports' },
    t('workbook.download'),
    ' ',
    link(`/api/v1/workbooks/${id}/export.md?lang=${language()}`, `workbook-${id}.md`, t('workbook.markdown')),
    ' · ',
    link(`/api/v1/workbooks/${id}/export.xlsx?lang=${language()}`, `workbook-${id}.xlsx`, t('workbook.xlsx')),
    ' · ',
    link(`/api/v1/workbooks/${id}/questionnaire-response`, `workbook-${id}.fhir.json`, t('workbook.fhir')),
  );
}
