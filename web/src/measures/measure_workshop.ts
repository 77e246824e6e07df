import { api, type MeasureChart, type MeasureDefinition, type Period } from '../api';
import { isCommunityAdmin } from '../app_state';
import { h } from '../dom';
import { localName, t } from '../i18n';
import { navigate } from '../router';
import { field, onSubmit, select } from '../components/form';
import { nameTranslations } from '../components/names';
import { MEASURE_KINDS } from './calls';
import { hasData, notShared, sharedRange, siteChart } from './community_measures';
import { slug } from '../slug';

// Trying a measure before the community has it: a definition charted at every site from the
// stored observations (POST /api/v1/measures/preview, small cells suppressed as on the
// community's page), or on one team's own data (its team page), then defined for the whole
// community by its admin (POST /api/v1/measures). Definitions are the community's, so a team
// tries one on its own data and proposes it through its facilitator, who tries it at every site.
// A threshold is one of the fixed cut-points the server takes, so that sweeping thresholds
// cannot single out a person.

const CUT_POINTS = [0, 1, 2, 3, 4, 5, 10, 15, 20, 25, 30, 40, 50, 60, 70, 80, 90, 100, 200, 500, 1000];
const SYSTEMS: [string, string][] = [
  ['urn:covalue:fhir:codesystem:score', 'workshop.system.score'],
  ['urn:covalue:fhir:codesystem:registry', 'workshop.system.registry'],
  ['urn:covalue:fhir:codesystem:demo', 'workshop.system.demo'],
];

const shortSlug = (text: string) => slug(text).slice(0, 40);

interface Workshop {
  id: string; // prefix of the form's element ids
  title: string;
  intro: string;
  button: string;
  preview: (definition: Partial<MeasureDefinition>) => Promise<MeasureChart>;
  // What a preview shows, given the definition that made it.
  show: (view: MeasureChart, definition: Partial<MeasureDefinition>) => (HTMLElement | null)[];
}

// The form that states a definition and charts it (the community's workshop and a team's).
function workshop(w: Workshop): HTMLElement {
  const name = h('input', { id: `${w.id}-name`, name: 'name', required: true, maxlength: 200, autocomplete: 'off' });
  const names = nameTranslations(`${w.id}-name`);
  const kind = select(`${w.id}-kind`, 'kind', MEASURE_KINDS.map((k) => [k, t(`workshop.kind.${k}`)]), 'proportion');
  const system = select(`${w.id}-system`, 'system', SYSTEMS.map(([v, k]) => [v, t(k as 'workshop.system.score')]));
  const code = h('input', { id: `${w.id}-code`, name: 'code', required: true, maxlength: 64, autocomplete: 'off', list: `${w.id}-codes` });
  const codes = h('datalist', { id: `${w.id}-codes` }, ...['phq-9', 'gad-7', 'phq-4', 'eq-vas'].map((c) => h('option', { value: c })));
  const threshold = select(`${w.id}-threshold`, 'threshold', CUT_POINTS.map((v) => [String(v), String(v)]), '10');
  const atLeast = select(`${w.id}-at-least`, 'at_least', [['false', t('workshop.atMost')], ['true', t('workshop.atLeast')]], 'false');
  const direction = select(`${w.id}-direction`, 'direction', [['higher', t('workshop.higher')], ['lower', t('workshop.lower')]]);
  const result = h('div', { class: 'workshop-result', 'aria-live': 'polite' });
  const definition = (): Partial<MeasureDefinition> => {
    const withThreshold = ['proportion', 'count', 'days-between', 'cases-between'].includes(kind.value);
    return {
      id: shortSlug(name.value) || 'preview',
      name: name.value.trim(),
      names: names.value(),
      kind: kind.value as MeasureDefinition['kind'],
      system: system.value,
      code: code.value.trim(),
      ...(withThreshold ? { threshold: Number(threshold.value), at_least: atLeast.value === 'true' } : {}),
      direction: direction.value as MeasureDefinition['direction'],
    };
  };
  const form = h(
    'form',
    { class: 'card workshop', novalidate: true, 'aria-labelledby': `${w.id}-title` },
    h('h2', { id: `${w.id}-title` }, w.title),
    h('p', { class: 'meta' }, w.intro),
    field(t('workshop.name'), name),
    ...names.fields,
    field(t('workshop.kind'), kind),
    field(t('workshop.system'), system),
    field(t('workshop.code'), code, t('workshop.codeHint')),
    codes,
    field(t('workshop.threshold'), threshold, t('workshop.thresholdHint')),
    field(t('workshop.meets'), atLeast),
    field(t('workshop.direction'), direction),
    h('button', { type: 'submit' }, w.button),
  );
  onSubmit(form, async () => {
    const stated = definition();
    const view = await w.preview(stated);
    result.replaceChildren(...w.show(view, stated).filter((e): e is HTMLElement => e !== null));
  });
  return h('section', {}, form, result);
}

// The community admin's button that defines a tried measure for everyone, with its own refusal
// line; null for anyone else.
function defineButton(view: MeasureChart, definition: Partial<MeasureDefinition>): HTMLElement | null {
  if (!isCommunityAdmin()) return null;
  const define = h('button', { type: 'button' }, t('workshop.define', { name: localName(view.measure) }));
  const status = h('p', { role: 'alert', class: 'form-error' });
  define.addEventListener('click', async () => {
    define.disabled = true;
    try {
      const defined = await api.defineMeasure(definition);
      await navigate(`/measures?measure=${encodeURIComponent(defined.id)}`);
    } catch (error) {
      define.disabled = false;
      status.textContent = error instanceof Error ? error.message : String(error);
    }
  });
  return h('div', {}, define, status);
}

export function measureWorkshop(): HTMLElement {
  return workshop({
    id: 'workshop',
    title: t('workshop.title'),
    intro: t('workshop.intro'),
    button: t('workshop.preview'),
    preview: (d) => api.previewMeasure(d),
    show: (view, d) => {
      const shared = sharedRange(view);
      return [
        h('h3', {}, t('workshop.previewOf', { name: localName(view.measure) })),
        h('ul', { class: 'small-multiples' }, ...view.series.map((s) => h('li', { class: 'card' }, hasData(s) ? siteChart(view, s, shared) : notShared(s)))),
        defineButton(view, d) ?? h('p', { class: 'meta' }, t('workshop.adminDefines')),
      ];
    },
  });
}

// A team tries a definition on its own population's stored observations, whole and judged as its
// other charts (POST /api/v1/teams/{id}/measures/preview); chart draws the result.
export function teamWorkshop(teamId: number, period: Period, chart: (view: MeasureChart) => HTMLElement): HTMLElement {
  return workshop({
    id: 'team-workshop',
    title: t('workshop.teamTitle'),
    intro: t('workshop.teamIntro'),
    button: t('workshop.previewTeam'),
    preview: (d) => api.previewTeamMeasure(teamId, d, period),
    show: (view, d) => [
      h('h3', {}, t('workshop.teamPreviewOf', { name: localName(view.measure) })),
      view.series.length ? chart(view) : h('p', {}, t('measures.none')),
      defineButton(view, d) ?? h('p', { class: 'meta' }, t('workshop.teamDefines')),
    ],
  });
}
