import { api, ApiError, type Arrow, type CoproductionState, type MapInput, type ProcessMap, type ProcessStep, type Resource, type ValueConfiguration } from '../api';
import { sharesFor, worksIn } from '../app_state';
import { field, select } from '../components/form';
import { shareSwitch } from '../components/share';
import { h } from '../dom';
import { formatDay, t } from '../i18n';
import { resolve } from '../router';
import { CONFIGURATIONS, LETTER } from './configurations';
import { costsPart } from './map_costs';

// A process map as a service blueprint (lanes × positions), built with a mouse, a finger or the
// keyboard alone, with no dragging: every step is a button in its lane's row and position's
// column. On a step: the arrow keys go to the nearest step that way; Alt with an arrow key moves
// it (Alt+← → to another position, Alt+↑ ↓ to another lane); Delete removes it. The panel under
// the grid edits the selected step (its lane, position, configuration, coproduction, notes,
// minutes and hand-offs) with the same moves as buttons. "Save" writes a new revision; a map
// changed meanwhile by someone else is refused and can be reloaded.

const STATES: CoproductionState[] = ['active', 'opportunity', 'none'];

interface Editor {
  map: ProcessMap;
  draft: MapInput;
  selected: string | null;
  dirty: boolean;
  resources: Resource[];
  status: string;
  root: HTMLElement;
  shares: boolean;  // may share the map with the community
}

export async function mapEditorView(params: Record<string, string>): Promise<HTMLElement> {
  const map = await api.processMap(Number(params.id));
  const team = await api.team(map.team_id);
  if (!worksIn(team)) return sharedMap(map);
  const resources = await api.resources(map.team_id);
  const root = h('section', { class: 'map-editor' });
  const editor: Editor = { map, draft: copy(map), selected: map.steps[0]?.id ?? null, dirty: false, resources, status: '', root, shares: sharesFor(team) };
  render(editor);
  return root;
}

// A map the team shares, as a facilitator reads it: its picture, files and costs, no editing.
function sharedMap(map: ProcessMap): HTMLElement {
  return h(
    'section',
    { class: 'map-editor' },
    h('p', {}, h('a', { href: `/teams/${map.team_id}/value` }, t('common.back'))),
    h('h1', {}, map.name),
    h('p', { class: 'meta' }, t('map.revisionBy', { n: map.revision, author: map.author, day: formatDay(map.updated_ms) })),
    h('p', {}, t('map.sharedReadOnly')),
    h('figure', { class: 'map-picture' }, h('img', { src: `/api/v1/process-maps/${map.id}/export?format=svg`, alt: t('map.pictureAlt', { name: map.name, steps: map.steps.map((s) => s.title).join('; ') }) })),
    files(map),
    costsPart(map, false),
  );
}

function files(map: ProcessMap): HTMLElement {
  return h('div', {}, h('h2', {}, t('map.files')), h('p', {}, ...(['svg', 'png', 'pdf', 'bpmn'] as const).flatMap((f, i) => [i ? ' · ' : '', h('a', { href: `/api/v1/process-maps/${map.id}/export?format=${f}`, download: `process-map-${map.id}.${f}` }, t(`map.file.${f}`))])));
}

const copy = (m: MapInput): MapInput => structuredClone({ lanes: m.lanes, steps: m.steps, arrows: m.arrows });

function stepOf(e: Editor, id: string | null): ProcessStep | undefined {
  return e.draft.steps.find((s) => s.id === id);
}

function changed(e: Editor, focus?: string): void {
  e.dirty = true;
  e.status = t('map.unsaved');
  render(e, focus);
}

function nextId(e: Editor): string {
  let n = e.draft.steps.length + 1;
  while (e.draft.steps.some((s) => s.id === `s${n}`)) n++;
  return `s${n}`;
}

function move(e: Editor, step: ProcessStep, columns: number, lanes: number): void {
  const lane = e.draft.lanes.findIndex((l) => l.id === step.lane_id);
  const target = Math.min(Math.max(lane + lanes, 0), e.draft.lanes.length - 1);
  step.lane_id = e.draft.lanes[target]!.id;
  step.position = Math.min(Math.max((step.position ?? 1) + columns, 1), 100);
  changed(e, `step:${step.id}`);
}

function remove(e: Editor, step: ProcessStep): void {
  e.draft.steps = e.draft.steps.filter((s) => s !== step);
  e.draft.arrows = e.draft.arrows.filter((a) => a.from !== step.id && a.to !== step.id);
  e.selected = e.draft.steps[0]?.id ?? null;
  changed(e, e.selected ? `step:${e.selected}` : 'add-title');
}

// The step nearest to `from` in a direction (dx, dy in columns and lanes), if any.
function nearest(e: Editor, from: ProcessStep, dx: number, dy: number): ProcessStep | undefined {
  const lane = (s: ProcessStep) => e.draft.lanes.findIndex((l) => l.id === s.lane_id);
  let best: ProcessStep | undefined;
  let bestScore = Infinity;
  for (const s of e.draft.steps) {
    if (s === from) continue;
    const x = (s.position ?? 1) - (from.position ?? 1);
    const y = lane(s) - lane(from);
    const along = dx ? x * dx : y * dy;
    if (along <= 0) continue;
    const score = along * 10 + Math.abs(dx ? y : x);
    if (score < bestScore) [best, bestScore] = [s, score];
  }
  return best;
}

function grid(e: Editor): HTMLElement {
  const columns = Math.max(1, ...e.draft.steps.map((s) => s.position ?? 1));
  const head = h('tr', {}, h('th', { scope: 'col' }, t('map.lane')), ...Array.from({ length: columns }, (_, i) => h('th', { scope: 'col' }, String(i + 1))));
  const rows = e.draft.lanes.map((lane) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, lane.title, h('span', { class: 'meta' }, ` (${t(`map.perspective.${lane.perspective}`)})`)),
      ...Array.from({ length: columns }, (_, i) =>
        h('td', {}, ...e.draft.steps.filter((s) => s.lane_id === lane.id && (s.position ?? 1) === i + 1).map((s) => stepButton(e, s))),
      ),
    ),
  );
  return h('div', { class: 'table-wrap', tabindex: 0 }, h('table', { class: 'blueprint' }, h('caption', {}, t('map.gridCaption')), h('thead', {}, head), h('tbody', {}, ...rows)));
}

function stepButton(e: Editor, s: ProcessStep): HTMLElement {
  // Its name is its title, then its configuration and coproduction in words (the letter and
  // the mark are for the eye).
  const said = t('map.stepLabel', {
    configuration: t(`map.config.${s.configuration}`),
    coproduction: t(`map.copro.${s.coproduction}`),
  });
  const button = h(
    'button',
    { type: 'button', class: `step step-${s.configuration}`, 'data-step': s.id, 'aria-pressed': String(e.selected === s.id) },
    h('span', { class: 'badge', 'aria-hidden': 'true' }, LETTER[s.configuration]),
    s.coproduction === 'none' ? null : h('span', { class: `copro copro-${s.coproduction}`, 'aria-hidden': 'true' }, s.coproduction === 'active' ? '●' : '○'),
    s.title,
    h('span', { class: 'visually-hidden' }, said),
  );
  button.addEventListener('click', () => {
    e.selected = s.id;
    render(e, `step:${s.id}`);
  });
  button.addEventListener('keydown', (event) => {
    const arrows: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const d = arrows[event.key];
    if (d && event.altKey) {
      event.preventDefault();
      e.selected = s.id;
      move(e, s, d[0], d[1]);
    } else if (d) {
      const to = nearest(e, s, d[0], d[1]);
      if (to) {
        event.preventDefault();
        e.root.querySelector<HTMLElement>(`[data-step="${CSS.escape(to.id)}"]`)?.focus();
      }
    } else if (event.key === 'Delete') {
      event.preventDefault();
      remove(e, s);
    }
  });
  return button;
}

function number(id: string, name: string, value: number, onChange: (v: number) => void): HTMLInputElement {
  const input = h('input', { id, name, type: 'number', min: 0, step: 'any', value: String(value) });
  input.addEventListener('change', () => onChange(input.value === '' ? 0 : Number(input.value)));
  return input;
}

function stepPanel(e: Editor): HTMLElement | null {
  const s = stepOf(e, e.selected);
  if (!s) return null;
  const set = (apply: () => void, focus: string) => {
    apply();
    changed(e, focus);
  };
  const title = h('input', { id: 'step-title', name: 'title', value: s.title, maxlength: 200, required: true });
  title.addEventListener('change', () => set(() => (s.title = title.value), 'step-title'));
  const lane = select('step-lane', 'lane_id', e.draft.lanes.map((l) => [l.id, l.title]), s.lane_id);
  lane.addEventListener('change', () => set(() => (s.lane_id = lane.value), 'step-lane'));
  const position = h('input', { id: 'step-position', name: 'position', type: 'number', min: 1, max: 100, value: String(s.position ?? 1) });
  position.addEventListener('change', () => set(() => (s.position = Math.min(Math.max(Number(position.value) || 1, 1), 100)), 'step-position'));
  const configuration = select('step-configuration', 'configuration', CONFIGURATIONS.map((c) => [c, `${LETTER[c]} – ${t(`map.config.${c}`)}`]), s.configuration);
  configuration.addEventListener('change', () => set(() => (s.configuration = configuration.value as ValueConfiguration), 'step-configuration'));
  const coproduction = select('step-coproduction', 'coproduction', STATES.map((c) => [c, t(`map.copro.${c}`)]), s.coproduction);
  coproduction.addEventListener('change', () => set(() => (s.coproduction = coproduction.value as CoproductionState), 'step-coproduction'));
  const text = (id: string, name: keyof ProcessStep, label: string) => {
    const area = h('textarea', { id, name, rows: 2 });
    area.value = String(s[name] ?? '');
    area.addEventListener('change', () => set(() => ((s as unknown as Record<string, string>)[name] = area.value), id));
    return field(label, area);
  };
  const minutes = e.resources.map((r) => {
    const use = s.resources.find((u) => u.resource_id === r.id);
    return field(
      t('map.minutesOf', { resource: r.name }),
      number(`step-resource-${r.id}`, 'minutes', use?.minutes ?? 0, (v) =>
        set(() => {
          s.resources = s.resources.filter((u) => u.resource_id !== r.id);
          if (v > 0) s.resources.push({ resource_id: r.id, minutes: v });
        }, `step-resource-${r.id}`),
      ),
    );
  });
  const amount = (id: string, name: 'person_minutes' | 'carer_minutes' | 'travel_cost' | 'out_of_pocket', label: string) =>
    field(label, number(id, name, s[name], (v) => set(() => (s[name] = v), id)));
  const handoffs = e.draft.steps
    .filter((o) => o.id !== s.id)
    .map((o) => {
      const box = h('input', { id: `handoff-${o.id}`, type: 'checkbox', checked: e.draft.arrows.some((a) => a.from === s.id && a.to === o.id) });
      box.addEventListener('change', () =>
        set(() => {
          e.draft.arrows = box.checked ? [...e.draft.arrows, { from: s.id, to: o.id, label: '' } as Arrow] : e.draft.arrows.filter((a) => !(a.from === s.id && a.to === o.id));
        }, `handoff-${o.id}`),
      );
      return h('div', { class: 'check' }, box, h('label', { for: `handoff-${o.id}` }, o.title));
    });
  const moveButton = (label: string, dx: number, dy: number, id: string) =>
    h('button', { type: 'button', id, onclick: () => move(e, s, dx, dy) }, label);
  return h(
    'div',
    { class: 'card step-panel', role: 'group', 'aria-labelledby': 'step-panel-title' },
    h('h2', { id: 'step-panel-title' }, t('map.selected', { title: s.title })),
    h(
      'p',
      { class: 'actions' },
      moveButton(t('map.earlier'), -1, 0, 'move-earlier'),
      moveButton(t('map.later'), 1, 0, 'move-later'),
      moveButton(t('map.laneUp'), 0, -1, 'move-up'),
      moveButton(t('map.laneDown'), 0, 1, 'move-down'),
      h('button', { type: 'button', id: 'delete-step', class: 'danger', onclick: () => remove(e, s) }, t('map.delete')),
    ),
    field(t('map.title'), title),
    field(t('map.lane'), lane),
    field(t('map.position'), position),
    field(t('map.configuration'), configuration),
    field(t('map.coproduction'), coproduction),
    text('step-notes', 'notes', t('map.notes')),
    text('step-generated', 'value_generated', t('map.valueGenerated')),
    text('step-hindered', 'value_hindered', t('map.valueHindered')),
    h('fieldset', {}, h('legend', {}, t('map.costs')), ...minutes, amount('step-person', 'person_minutes', t('map.personMinutes')), amount('step-carer', 'carer_minutes', t('map.carerMinutes')), amount('step-travel', 'travel_cost', t('map.travel')), amount('step-pocket', 'out_of_pocket', t('map.pocket'))),
    h('fieldset', {}, h('legend', {}, t('map.handsOff')), ...(handoffs.length ? handoffs : [h('p', { class: 'meta' }, t('map.noOther'))])),
  );
}

function addStepForm(e: Editor): HTMLElement {
  const title = h('input', { id: 'add-title', name: 'title', maxlength: 200, required: true });
  const lane = select('add-lane', 'lane_id', e.draft.lanes.map((l) => [l.id, l.title]));
  const configuration = select('add-configuration', 'configuration', CONFIGURATIONS.map((c) => [c, `${LETTER[c]} – ${t(`map.config.${c}`)}`]));
  const coproduction = select('add-coproduction', 'coproduction', STATES.map((c) => [c, t(`map.copro.${c}`)]), 'none');
  const form = h('form', { class: 'card' }, h('h2', {}, t('map.addStep')), field(t('map.title'), title), field(t('map.lane'), lane), field(t('map.configuration'), configuration), field(t('map.coproduction'), coproduction), h('button', { type: 'submit', id: 'add-step' }, t('map.add')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!title.value.trim()) return;
    const id = nextId(e);
    const last = Math.max(0, ...e.draft.steps.map((s) => s.position ?? 1));
    e.draft.steps.push({ id, lane_id: lane.value, position: last + 1, title: title.value.trim(), notes: '', configuration: configuration.value as ValueConfiguration, coproduction: coproduction.value as CoproductionState, value_generated: '', value_hindered: '', resources: [], person_minutes: 0, carer_minutes: 0, travel_cost: 0, out_of_pocket: 0 });
    const previous = e.draft.steps.find((s) => s.position === last && s.id !== id);
    if (previous) e.draft.arrows.push({ from: previous.id, to: id, label: '' });
    e.selected = id;
    changed(e, 'add-title');
  });
  return form;
}

function addLaneForm(e: Editor): HTMLElement {
  const title = h('input', { id: 'lane-title', name: 'title', maxlength: 200, required: true });
  const perspective = select('lane-perspective', 'perspective', (['person', 'professional', 'backstage', 'support'] as const).map((p): [string, string] => [p, t(`map.perspective.${p}`)]), 'professional');
  const form = h('form', { class: 'card' }, h('h2', {}, t('map.addLane')), field(t('map.laneTitle'), title), field(t('map.perspective'), perspective), h('button', { type: 'submit' }, t('map.add')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!title.value.trim()) return;
    let n = e.draft.lanes.length + 1;
    while (e.draft.lanes.some((l) => l.id === `lane${n}`)) n++;
    e.draft.lanes.push({ id: `lane${n}`, title: title.value.trim(), perspective: perspective.value as never });
    changed(e, 'lane-title');
  });
  return form;
}

async function save(e: Editor): Promise<void> {
  try {
    e.map = await api.saveProcessMap(e.map.id, e.draft, e.map.etag);
    e.draft = copy(e.map);
    e.dirty = false;
    e.status = t('map.saved', { n: e.map.revision });
  } catch (error) {
    e.status = error instanceof ApiError && error.status === 409 ? t('map.conflict') : error instanceof ApiError ? error.detail : String(error);
  }
  render(e, 'save-map');
}

function render(e: Editor, focus?: string): void {
  const status = h('p', { role: 'status', id: 'map-status' }, e.status);
  const saveButton = h('button', { type: 'button', id: 'save-map', disabled: !e.dirty, onclick: () => void save(e) }, t('map.save'));
  const reload = h('button', { type: 'button', onclick: () => void resolve() }, t('map.reload'));
  const count = e.draft.steps.length;
  const children: (Node | string | null)[] = [
    h('p', {}, h('a', { href: `/teams/${e.map.team_id}/value` }, t('common.back'))),
    h('h1', {}, e.map.name),
    h('p', { class: 'meta' }, t('map.revisionBy', { n: e.map.revision, author: e.map.author, day: formatDay(e.map.updated_ms) })),
    shareSwitch('map-shared', e.map.shared, e.shares, async (shared) => {
      await api.shareProcessMap(e.map.id, shared);
      e.map.shared = shared;
    }),
    h('p', {}, t('map.keys')),
    count < 10 || count > 15 ? h('p', { class: 'note' }, e.map.note && !e.dirty ? e.map.note : t('map.stepCount', { n: count })) : null,
    h('div', { class: 'actions sticky' }, saveButton, reload, status),
    grid(e),
    stepPanel(e),
    addStepForm(e),
    addLaneForm(e),
    files(e.map),
    e.dirty ? h('p', { class: 'meta' }, t('map.costsAfterSave')) : costsPart(e.map, true),
    history(e),
  ];
  e.root.replaceChildren(...children.filter((c): c is Node | string => c !== null));
  if (focus) {
    const [kind, id] = focus.split(':');
    const target = kind === 'step' ? e.root.querySelector<HTMLElement>(`[data-step="${CSS.escape(id ?? '')}"]`) : e.root.querySelector<HTMLElement>(`#${CSS.escape(focus)}`);
    target?.focus();
  }
}

function history(e: Editor): HTMLElement {
  const list = h('ol', { reversed: true });
  const box = h('details', {}, h('summary', {}, t('map.history')), list);
  box.addEventListener('toggle', async () => {
    if (!box.open || list.childElementCount) return;
    for (const r of await api.mapRevisions(e.map.id)) {
      const restore = r.revision === e.map.revision ? null : h('button', { type: 'button', onclick: async () => { e.map = await api.restoreMapRevision(e.map.id, r.revision, e.map.etag); e.draft = copy(e.map); e.dirty = false; e.status = t('map.restored', { n: r.revision }); render(e, 'save-map'); } }, t('map.restore', { n: r.revision }));
      list.append(h('li', {}, t('map.revisionBy', { n: r.revision, author: r.author, day: formatDay(r.updated_ms) }), ' ', restore));
    }
  });
  return box;
}
