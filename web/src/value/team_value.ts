import { api, ApiError, type Persona, type Resource, type Stratification } from '../api';
import { session, worksIn } from '../app_state';
import { field, onSubmit, select } from '../components/form';
import { h } from '../dom';
import { formatNumber, localName, t } from '../i18n';
import { navigate, resolve } from '../router';
import { personaFacts } from './persona_page';
import { strataTable } from './strata_table';

// A team's picture of its population and service (the guide's steps 2–8): its population's
// strata with their live numbers, its process maps (new, or imported from a BPMN file) and its
// resources with their cost per minute. Parts the reader may not see are left out with a
// sentence.
export async function teamValueView(params: Record<string, string>): Promise<HTMLElement> {
  const team = await api.team(Number(params.id));
  const user = session.user!;
  // Strata are defined by the site's teams and admins (the policy's stratification.write); others
  // read them without a form that would refuse them.
  const defines = user.memberships.some(
    (m) => (m.site_id === team.site_id && ['team_lead', 'team_member', 'admin'].includes(m.role)) || (m.site_id === null && m.role === 'admin'),
  );
  // Maps, resources and personas are made by the team and its site's admins; facilitators read
  // what the team shares, without forms that would refuse them.
  const works = worksIn(team);
  const hidden = (e: unknown) => (e instanceof ApiError && e.status === 403 ? null : Promise.reject(e));
  const [maps, resources, stratifications, personas] = await Promise.all([
    api.processMaps(team.id).catch(hidden),
    api.resources(team.id).catch(hidden),
    api.stratifications(team.population_id),
    api.personas(team.id).catch(hidden),
  ]);
  const summaries = await Promise.all(stratifications.map((s) => api.strataSummary(s.id)));
  return h(
    'section',
    {},
    h('p', {}, h('a', { href: `/teams/${team.id}` }, t('common.back'))),
    h('h1', {}, t('value.title', { team: localName(team) })),
    h('p', {}, t('value.intro')),
    h('h2', {}, t('value.strata')),
    ...stratifications.map((s, i) => strataTable(summaries[i]!, s.name)),
    stratifications.length ? null : h('p', {}, t('value.noStrata')),
    defines ? strataForm(team.population_id) : null,
    h('h2', {}, t('value.personas')),
    personas === null ? h('p', { class: 'meta' }, t('value.personasHidden')) : personasPart(team.id, personas, stratifications, works),
    h('h2', {}, t('value.maps')),
    maps === null
      ? h('p', { class: 'meta' }, t('value.mapsHidden'))
      : h(
          'div',
          {},
          maps.length
            ? h('ul', {}, ...maps.map((m) => h('li', {}, h('a', { href: `/process-maps/${m.id}` }, m.name), ' ', h('span', { class: 'meta' }, t('value.revision', { n: m.revision, author: m.author }), m.shared ? ` · ${t('value.shared')}` : ''))))
            : h('p', {}, works ? t('value.noMaps') : t('value.noSharedMaps')),
          works ? newMapForm(team.id) : null,
          works ? importForm(team.id) : null,
        ),
    h('h2', {}, t('value.resources')),
    resources === null ? h('p', { class: 'meta' }, t('value.resourcesHidden')) : resourcesPart(team.id, resources, works),
    h('p', {}, h('a', { href: `/sites/${team.site_id}/unit-costs` }, t('value.unitCostsLink'))),
  );
}

function newMapForm(team: number): HTMLElement {
  const name = h('input', { id: 'map-name', name: 'name', required: true, maxlength: 200 });
  const form = h('form', { class: 'card' }, h('h3', {}, t('value.newMap')), field(t('value.mapName'), name), h('button', { type: 'submit' }, t('value.createMap')));
  onSubmit(form, async () => {
    const made = await api.createProcessMap(team, {
      name: name.value,
      lanes: [
        { id: 'person', title: t('value.lanePerson'), perspective: 'person' },
        { id: 'professional', title: t('value.laneProfessional'), perspective: 'professional' },
        { id: 'backstage', title: t('value.laneBackstage'), perspective: 'backstage' },
      ],
      steps: [],
      arrows: [],
    });
    await navigate(`/process-maps/${made.id}`);
  });
  return form;
}

function importForm(team: number): HTMLElement {
  const file = h('input', { id: 'bpmn-file', name: 'bpmn', type: 'file', accept: '.bpmn,.xml,application/bpmn+xml', required: true });
  const form = h('form', { class: 'card' }, h('h3', {}, t('value.importBpmn')), field(t('value.bpmnFile'), file, t('value.bpmnHint')), h('button', { type: 'submit' }, t('value.import')));
  onSubmit(form, async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    const made = await api.importBpmn(team, chosen);
    await navigate(`/process-maps/${made.id}`);
  });
  return form;
}

function resourcesPart(team: number, resources: Resource[], works: boolean): HTMLElement {
  const name = h('input', { id: 'resource-name', name: 'name', required: true, maxlength: 200 });
  const kind = select('resource-kind', 'kind', [['staff', t('value.kind.staff')], ['room', t('value.kind.room')], ['equipment', t('value.kind.equipment')]]);
  const rate = h('input', { id: 'resource-rate', name: 'rate_per_minute', type: 'number', min: 0, step: 'any' });
  const annual = h('input', { id: 'resource-annual', name: 'annual_cost', type: 'number', min: 0, step: 'any' });
  const capacity = h('input', { id: 'resource-capacity', name: 'capacity_minutes', type: 'number', min: 1, step: 'any' });
  const form = h(
    'form',
    { class: 'card' },
    h('h3', {}, t('value.addResource')),
    field(t('value.resourceName'), name),
    field(t('value.resourceKind'), kind),
    field(t('value.ratePerMinute'), rate, t('value.rateHint')),
    field(t('value.annualCost'), annual),
    field(t('value.capacityMinutes'), capacity),
    h('button', { type: 'submit' }, t('value.add')),
  );
  onSubmit(form, async () => {
    const base = { name: name.value, kind: kind.value as Resource['kind'] };
    await api.addResource(team, rate.value !== '' ? { ...base, rate_per_minute: Number(rate.value) } : { ...base, annual_cost: Number(annual.value), capacity_minutes: Number(capacity.value) });
    await resolve();
  });
  return h(
    'div',
    {},
    resources.length
      ? h(
          'table',
          {},
          h('caption', {}, t('value.resources')),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('value.resourceName')), h('th', { scope: 'col' }, t('value.resourceKind')), h('th', { scope: 'col' }, t('value.ratePerMinute')))),
          h('tbody', {}, ...resources.map((r) => h('tr', {}, h('th', { scope: 'row' }, r.name), h('td', {}, t(`value.kind.${r.kind}`)), h('td', {}, formatNumber(r.rate_per_minute, 2))))),
        )
      : h('p', {}, t('value.noResources')),
    works ? form : null,
  );
}

// Strata of the population, each a rule of one or more conditions that must all hold (a field
// or the latest value of an observation compared with a value); the first stratum whose rule
// holds takes a person, the rest are "Other". Strata and conditions are added with buttons, so
// the whole form works from the keyboard.
function strataForm(population: number): HTMLElement {
  const name = h('input', { id: 'strata-name', name: 'name', required: true, maxlength: 200 });
  const scores = h('input', { id: 'strata-scores', name: 'scores', placeholder: 'phq-9, edss' });
  interface Condition { kind: HTMLSelectElement; what: HTMLInputElement; op: HTMLSelectElement; value: HTMLInputElement }
  interface Row { label: HTMLInputElement; conditions: Condition[] }
  const rows: Row[] = [];
  const box = h('div');
  const addCondition = (row: Row, n: number, list: HTMLElement): HTMLElement => {
    const m = row.conditions.length + 1;
    const id = `stratum-${n}-${m}`;
    const c: Condition = {
      kind: select(`${id}-kind`, 'kind', [['field', t('value.field')], ['observation', t('value.observation')]]),
      what: h('input', { id: `${id}-what`, name: 'what', maxlength: 64 }),
      op: select(`${id}-op`, 'op', (['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'in'] as const).map((o): [string, string] => [o, t(`value.op.${o}`)])),
      value: h('input', { id: `${id}-value`, name: 'value', maxlength: 200 }),
    };
    row.conditions.push(c);
    const group = h('fieldset', { class: 'condition' }, h('legend', {}, t('value.conditionN', { n: m })), field(t('value.ruleOn'), c.kind), field(t('value.fieldOrCode'), c.what), field(t('value.comparison'), c.op), field(t('value.value'), c.value, t('value.valueHint')));
    list.append(group);
    return group;
  };
  const addStratum = (): HTMLInputElement => {
    const n = rows.length + 1;
    const row: Row = { label: h('input', { id: `stratum-${n}-name`, name: 'name', maxlength: 100 }), conditions: [] };
    rows.push(row);
    const list = h('div');
    addCondition(row, n, list);
    const more = h('button', { type: 'button', class: 'secondary' }, t('value.addCondition', { n }));
    more.addEventListener('click', () => addCondition(row, n, list).querySelector('select')?.focus());
    box.append(h('fieldset', { class: 'stratum' }, h('legend', {}, t('value.stratumN', { n })), field(t('value.stratumName'), row.label), list, more));
    return row.label;
  };
  addStratum();
  addStratum();
  const another = h('button', { type: 'button', class: 'secondary' }, t('value.addStratum'));
  another.addEventListener('click', () => addStratum().focus());
  const form = h('form', { class: 'card' }, h('h3', {}, t('value.defineStrata')), field(t('value.strataName'), name), box, another, field(t('value.scores'), scores, t('value.scoresHint')), h('button', { type: 'submit' }, t('value.define')));
  onSubmit(form, async () => {
    const strata = rows
      .filter((r) => r.label.value.trim())
      .map((r) => ({
        name: r.label.value.trim(),
        conditions: r.conditions
          .filter((c) => c.what.value.trim())
          .map((c) => {
            const parts = c.value.value.split(',').map((v) => v.trim()).filter(Boolean);
            const one = parts[0] ?? '';
            const value = c.op.value === 'in' ? parts : c.kind.value === 'observation' ? Number(one) : one;
            return { [c.kind.value]: c.what.value.trim(), op: c.op.value, value } as never;
          }),
      }));
    await api.defineStrata(population, { name: name.value, strata, scores: scores.value.split(',').map((s) => s.trim()).filter(Boolean) });
    await resolve();
  });
  return form;
}

// Each persona with its stratum's live numbers, and a link to its texts (a workbook, so every
// revision is kept); a new one drawn on a stratum of the population, or of a professional.
function personasPart(team: number, personas: Persona[], stratifications: Stratification[], works: boolean): HTMLElement {
  const card = (p: Persona) =>
    h(
      'article',
      { class: 'card', 'aria-labelledby': `persona-${p.id}` },
      h('h3', { id: `persona-${p.id}` }, h('a', { href: `/personas/${p.id}` }, p.name)),
      ...personaFacts(p),
    );
  const name = h('input', { id: 'persona-name', name: 'name', required: true, maxlength: 200 });
  const options: [string, string][] = [['', t('value.personaNoStratum')]];
  for (const s of stratifications) {
    for (const stratum of [...s.strata.map((x) => x.name), 'Other']) {
      options.push([JSON.stringify([s.id, stratum]), `${s.name}: ${stratum === 'Other' ? t('value.other') : stratum}`]);
    }
  }
  const stratum = select('persona-stratum', 'stratum', options);
  const professional = h('input', { id: 'persona-professional', name: 'professional', type: 'checkbox' });
  const form = h(
    'form',
    { class: 'card' },
    h('h3', {}, t('value.newPersona')),
    field(t('value.personaName'), name),
    field(t('value.personaStratum'), stratum),
    h('div', { class: 'check' }, professional, h('label', { for: 'persona-professional' }, t('value.personaIsProfessional'))),
    h('button', { type: 'submit' }, t('value.drawPersona')),
  );
  onSubmit(form, async () => {
    const [id, name_of] = stratum.value ? (JSON.parse(stratum.value) as [number, string]) : [];
    await api.createPersona(team, { name: name.value, professional: professional.checked, ...(id ? { stratification_id: Number(id), stratum: name_of ?? '' } : {}) });
    await resolve();
  });
  return h('div', {}, personas.length ? h('div', {}, ...personas.map(card)) : h('p', {}, works ? t('value.noPersonas') : t('value.noSharedPersonas')), works ? form : null);
}
