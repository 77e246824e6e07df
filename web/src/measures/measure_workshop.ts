import { api, type MeasureDefinition } from '../api';
import { isCommunityAdmin } from '../app_state';
import { h } from '../dom';
import { t } from '../i18n';
import { navigate } from '../router';
import { field, onSubmit, select } from '../components/form';
import { hasData, notShared, sharedRange, siteChart } from './community_measures';

// Trying a measure before the community has it: a definition charted at every site from the
// stored observations (POST /api/v1/measures/preview, small cells suppressed as on the
// community's page), then defined for the whole community by its admin (POST /api/v1/measures).
// Definitions are the community's, so a team proposes one through its facilitator, who tries it
// here. A threshold is one of the fixed cut-points the server takes, so that sweeping thresholds
// cannot single out a person.

const CUT_POINTS = [0, 1, 2, 3, 4, 5, 10, 15, 20, 25, 30, 40, 50, 60, 70, 80, 90, 100, 200, 500, 1000];
const SYSTEMS: [string, string][] = [
  ['urn:covalue:fhir:codesystem:score', 'workshop.system.score'],
  ['urn:covalue:fhir:codesystem:registry', 'workshop.system.registry'],
  ['urn:covalue:fhir:codesystem:demo', 'workshop.system.demo'],
];
const KINDS: MeasureDefinition['kind'][] = ['proportion', 'count', 'continuous', 'rate', 'days-between', 'cases-between'];

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);

export function measureWorkshop(): HTMLElement {
  const name = h('input', { id: 'workshop-name', name: 'name', required: true, maxlength: 200, autocomplete: 'off' });
  const kind = select('workshop-kind', 'kind', KINDS.map((k) => [k, t(`workshop.kind.${k}`)]), 'proportion');
  const system = select('workshop-system', 'system', SYSTEMS.map(([v, k]) => [v, t(k as 'workshop.system.score')]));
  const code = h('input', { id: 'workshop-code', name: 'code', required: true, maxlength: 64, autocomplete: 'off', list: 'workshop-codes' });
  const codes = h('datalist', { id: 'workshop-codes' }, ...['phq-9', 'gad-7', 'phq-4', 'eq-vas'].map((c) => h('option', { value: c })));
  const threshold = select('workshop-threshold', 'threshold', CUT_POINTS.map((v) => [String(v), String(v)]), '10');
  const atLeast = select('workshop-at-least', 'at_least', [['false', t('workshop.atMost')], ['true', t('workshop.atLeast')]], 'false');
  const direction = select('workshop-direction', 'direction', [['higher', t('workshop.higher')], ['lower', t('workshop.lower')]]);
  const result = h('div', { class: 'workshop-result', 'aria-live': 'polite' });
  const definition = (): Partial<MeasureDefinition> => {
    const withThreshold = ['proportion', 'count', 'days-between', 'cases-between'].includes(kind.value);
    return {
      id: slug(name.value) || 'preview',
      name: name.value.trim(),
      kind: kind.value as MeasureDefinition['kind'],
      system: system.value,
      code: code.value.trim(),
      ...(withThreshold ? { threshold: Number(threshold.value), at_least: atLeast.value === 'true' } : {}),
      direction: direction.value as MeasureDefinition['direction'],
    };
  };
  const form = h(
    'form',
    { class: 'card workshop', novalidate: true, 'aria-labelledby': 'workshop-title' },
    h('h2', { id: 'workshop-title' }, t('workshop.title')),
    h('p', { class: 'meta' }, t('workshop.intro')),
    field(t('workshop.name'), name),
    field(t('workshop.kind'), kind),
    field(t('workshop.system'), system),
    field(t('workshop.code'), code, t('workshop.codeHint')),
    codes,
    field(t('workshop.threshold'), threshold, t('workshop.thresholdHint')),
    field(t('workshop.meets'), atLeast),
    field(t('workshop.direction'), direction),
    h('button', { type: 'submit' }, t('workshop.preview')),
  );
  onSubmit(form, async () => {
    const view = await api.previewMeasure(definition());
    const shared = sharedRange(view);
    const define = isCommunityAdmin() ? h('button', { type: 'button' }, t('workshop.define', { name: view.measure.name })) : null;
    const status = h('p', { role: 'alert', class: 'form-error' });
    define?.addEventListener('click', async () => {
      define.disabled = true;
      try {
        const defined = await api.defineMeasure(definition());
        await navigate(`/measures?measure=${encodeURIComponent(defined.id)}`);
      } catch (error) {
        define.disabled = false;
        status.textContent = error instanceof Error ? error.message : String(error);
      }
    });
    result.replaceChildren(
      h('h3', {}, t('workshop.previewOf', { name: view.measure.name })),
      h('ul', { class: 'small-multiples' }, ...view.series.map((s) => h('li', { class: 'card' }, hasData(s) ? siteChart(view, s, shared) : notShared(s)))),
      define ?? h('p', { class: 'meta' }, t('workshop.adminDefines')),
      status,
    );
  });
  return h('section', {}, form, result);
}
