import { api, type MapCosts, type ProcessMap, type Scenario, type ValueConfiguration } from '../api';
import { chartFrame, el } from '../components/svg';
import { field, onSubmit, select } from '../components/form';
import { h } from '../dom';
import { formatNumber, t } from '../i18n';
import { resolve } from '../router';
import { CONFIGURATIONS, LETTER } from './configurations';

// Where cost and value sit across the four configurations (time-driven activity-based costs):
// a chart of each configuration's cost, stacked by where coproduction is active, an
// opportunity or neither, with its table; the journeys' yearly costs; and what-ifs beside the
// map as it is, with the differences per configuration and journey.

const COLOUR: Record<ValueConfiguration, string> = { chain: '#0072B2', shop: '#D55E00', network: '#009E73', access: '#CC79A7' };
const STATES = ['active', 'opportunity', 'none'] as const;
const OPACITY = { active: 1, opportunity: 0.6, none: 0.3 };

const money = (n: number) => formatNumber(n, 0);

// writes: whether the reader may add journeys and what-ifs (the team), or only reads (facilitators).
export function costsPart(map: ProcessMap, writes: boolean): HTMLElement {
  const part = h('section', { 'aria-labelledby': 'costs-title' }, h('h2', { id: 'costs-title' }, t('costs.title')), h('p', { role: 'status' }, t('common.loading')));
  void (async () => {
    const [costs, journeys, scenarios] = await Promise.all([api.mapCosts(map.id), api.journeys(map.id), api.scenarios(map.id)]);
    part.replaceChildren(
      h('h2', { id: 'costs-title' }, t('costs.title')),
      chart(map, costs),
      configurationTable(costs),
      h('h3', {}, t('costs.journeys')),
      journeys.length ? journeyTable(costs) : h('p', {}, t('costs.noJourneys')),
      writes ? journeyForm(map) : '',
      h('h3', {}, t('costs.whatIf')),
      await comparisons(map, costs, scenarios),
      writes ? whatIfForm(map) : '',
    );
  })();
  return part;
}

// Each configuration's cost as a bar, its parts by coproduction state.
function chart(map: ProcessMap, costs: MapCosts): SVGSVGElement {
  const width = 640;
  const row = 44;
  const left = 110;
  const height = 40 + row * CONFIGURATIONS.length + 40;
  const state = new Map(map.steps.map((s) => [s.id, s.coproduction]));
  const largest = Math.max(1, ...CONFIGURATIONS.map((c) => costs.by_configuration[c]));
  const svg = chartFrame(width, height, t('costs.chartTitle', { name: map.name }), t('costs.chartDescription', { currency: costs.currency }), 'chart costs-chart');
  CONFIGURATIONS.forEach((c, i) => {
    const y = 30 + i * row;
    svg.append(el('text', { x: left - 8, y: y + 19, 'text-anchor': 'end', 'font-size': 13 }, `${LETTER[c]} ${t(`map.config.${c}`)}`));
    let x = left;
    for (const s of STATES) {
      const part = costs.steps.filter((p) => p.configuration === c && state.get(p.step_id) === s).reduce((sum, p) => sum + p.total, 0);
      const w = (part / largest) * (width - left - 110);
      if (w > 0) {
        const bar = el('rect', { x, y, width: w, height: 28, fill: COLOUR[c], 'fill-opacity': OPACITY[s], stroke: COLOUR[c] });
        bar.append(el('title', {}, `${t(`map.config.${c}`)}, ${t(`map.copro.${s}`)}: ${money(part)} ${costs.currency}`));
        svg.append(bar);
      }
      x += w;
    }
    svg.append(el('text', { x: x + 6, y: y + 19, 'font-size': 13 }, `${money(costs.by_configuration[c])} ${costs.currency}`));
  });
  const legend = 30 + row * CONFIGURATIONS.length + 16;
  STATES.forEach((s, i) => {
    svg.append(el('rect', { x: left + i * 150, y: legend - 11, width: 14, height: 14, fill: '#555555', 'fill-opacity': OPACITY[s], stroke: '#555555' }));
    svg.append(el('text', { x: left + i * 150 + 20, y: legend + 1, 'font-size': 12 }, t(`map.copro.${s}`)));
  });
  return svg;
}

function configurationTable(costs: MapCosts): HTMLElement {
  return h(
    'table',
    {},
    h('caption', {}, t('costs.byConfiguration', { currency: costs.currency })),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('map.configuration')), h('th', { scope: 'col' }, t('costs.cost')))),
    h(
      'tbody',
      {},
      ...CONFIGURATIONS.map((c) => h('tr', {}, h('th', { scope: 'row' }, t(`map.config.${c}`)), h('td', {}, money(costs.by_configuration[c])))),
      h('tr', {}, h('th', { scope: 'row' }, t('costs.total')), h('td', {}, money(costs.total))),
    ),
  );
}

function journeyTable(costs: MapCosts): HTMLElement {
  return h(
    'table',
    {},
    h('caption', {}, t('costs.perYear', { currency: costs.currency })),
    h('tbody', {}, ...costs.journeys.map((j) => h('tr', {}, h('th', { scope: 'row' }, j.name), h('td', {}, money(j.per_year))))),
  );
}

function journeyForm(map: ProcessMap): HTMLElement {
  const name = h('input', { id: 'journey-name', name: 'name', required: true, maxlength: 200 });
  const frequencies = map.steps.map((s) => ({ step: s, input: h('input', { id: `journey-${s.id}`, name: 'frequency', type: 'number', min: 0, step: 'any', value: '0' }) }));
  const form = h('form', { class: 'card' }, h('h3', {}, t('costs.addJourney')), field(t('costs.journeyName'), name), h('fieldset', {}, h('legend', {}, t('costs.timesAYear')), ...frequencies.map((f) => field(f.step.title, f.input))), h('button', { type: 'submit' }, t('map.add')));
  onSubmit(form, async () => {
    await api.addJourney(map.id, { name: name.value, steps: frequencies.filter((f) => Number(f.input.value) > 0).map((f) => ({ step_id: f.step.id, frequency: Number(f.input.value) })) });
    await resolve();
  });
  return form;
}

function whatIfForm(map: ProcessMap): HTMLElement {
  const name = h('input', { id: 'whatif-name', name: 'name', required: true, maxlength: 200 });
  const rows = map.steps.map((s) => ({
    step: s,
    configuration: select(`whatif-${s.id}`, 'configuration', [['', t('costs.unchanged')], ...CONFIGURATIONS.map((c): [string, string] => [c, t(`map.config.${c}`)])]),
    minutes: h('input', { id: `whatif-${s.id}-minutes`, name: 'minutes', type: 'number', min: 0, step: 'any' }),
  }));
  const form = h(
    'form',
    { class: 'card' },
    h('h3', {}, t('costs.newWhatIf')),
    field(t('costs.whatIfName'), name),
    ...rows.map((r) => h('fieldset', {}, h('legend', {}, r.step.title), field(t('costs.moveTo'), r.configuration), field(t('costs.newMinutes'), r.minutes))),
    h('button', { type: 'submit', id: 'whatif-add' }, t('costs.compare')),
  );
  onSubmit(form, async () => {
    const changes = rows
      .filter((r) => r.configuration.value || r.minutes.value !== '')
      .map((r) => ({ step_id: r.step.id, ...(r.configuration.value ? { configuration: r.configuration.value as ValueConfiguration } : {}), ...(r.minutes.value !== '' ? { minutes: Number(r.minutes.value) } : {}) }));
    await api.addScenario(map.id, { name: name.value, changes });
    await resolve();
  });
  return form;
}

// Each what-if beside the map as it is: per configuration and journey, then and now.
async function comparisons(map: ProcessMap, now: MapCosts, scenarios: Scenario[]): Promise<HTMLElement> {
  if (!scenarios.length) return h('p', {}, t('costs.noWhatIf'));
  const tables = await Promise.all(
    scenarios.map(async (s) => {
      const then = await api.mapCosts(map.id, s.id);
      const line = (label: string, a: number, b: number) => h('tr', {}, h('th', { scope: 'row' }, label), h('td', {}, money(a)), h('td', {}, money(b)), h('td', {}, `${b - a >= 0 ? '+' : '−'}${money(Math.abs(b - a))}`));
      return h(
        'div',
        { class: 'table-wrap', tabindex: 0 },
        h(
        'table',
        { class: 'what-if' },
        h('caption', {}, t('costs.comparison', { name: s.name, currency: now.currency })),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ''), h('th', { scope: 'col' }, t('costs.now')), h('th', { scope: 'col' }, s.name), h('th', { scope: 'col' }, t('costs.difference')))),
        h(
          'tbody',
          {},
          ...CONFIGURATIONS.map((c) => line(t(`map.config.${c}`), now.by_configuration[c], then.by_configuration[c])),
          line(t('costs.total'), now.total, then.total),
          ...now.journeys.map((j, i) => line(t('costs.journeyPerYear', { name: j.name }), j.per_year, then.journeys[i]?.per_year ?? 0)),
        ),
        ),
      );
    }),
  );
  return h('div', {}, ...tables);
}
