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

// Strata by a simple rule each: a field or the latest value of an observation compared with a
// value; the rest are "Other".
function strataForm(population: number): HTMLElement {
  const name = h('input', { id: 'strata-name', name: 'name', required: true, maxlength: 200 });
  const scores = h('input', { id: 'strata-scores', name: 'scores', placeholder: 'phq-9, edss' });
  const rows = [1, 2, 3].map((n) => {
    const label = h('input', { id: `stratum-${n}-name`, name: 'name', maxlength: 100 });
    const kind = select(`stratum-${n}-kind`, 'kind', [['field', t('value.field')], ['observation', t('value.observation')]]);
    const what = h('input', { id: `stratum-${n}-what`, name: n === 1 ? 'field' : 'what', maxlength: 64 });
    const op = select(`stratum-${n}-op`, 'op', (['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'in'] as const).map((o): [string, string] => [o, t(`value.op.${o}`)]));
    const value = h('input', { id: `stratum-${n}-value`, name: 'value', maxlength: 200 });
    return { label, kind, what, op, value, element: h('fieldset', {}, h('legend', {}, t('value.stratumN', { n })), field(t('value.stratumName'), label), field(t('value.ruleOn'), kind), field(t('value.fieldOrCode'), what), field(t('value.comparison'), op), field(t('value.value'), value, t('value.valueHint'))) };
  });
  const form = h('form', { class: 'card' }, h('h3', {}, t('value.defineStrata')), field(t('value.strataName'), name), ...rows.map((r) => r.element), field(t('value.scores'), scores, t('value.scoresHint')), h('button', { type: 'submit' }, t('value.define')));
  onSubmit(form, async () => {
    const strata = rows
      .filter((r) => r.label.value.trim())
      .map((r) => {
        const parts = r.value.value.split(',').map((v) => v.trim()).filter(Boolean);
        const one = parts[0] ?? '';
        const value = r.op.value === 'in' ? parts : r.kind.value === 'observation' ? Number(one) : one;
        return { name: r.label.value.trim(), conditions: r.what.value.trim() ? [{ [r.kind.value]: r.what.value.trim(), op: r.op.value, value } as never] : [] };
      });
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
