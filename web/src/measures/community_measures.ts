import { api, type MeasureChart, type MeasureSeries, type Period } from '../api';
import { fileWords, range, spcChart, spcFile } from './spc_chart';
import { pngDownload, svgDownload } from '../components/svg';
import { h } from '../dom';
import { formatValue, localName, t } from '../i18n';
import { navigate } from '../router';
import { measureWorkshop } from './measure_workshop';
import { slug } from '../slug';

// For the community (facilitators, researchers, its admin): one measure at every site as small
// multiples on the same scale of time and, unless the reader switches to free scales, of value
// (sites compared at a glance, as qicharts2's facets are by default), each cell under the
// minimum size left out and marked, a site with nothing to show said to have shared nothing,
// each chart with a table view and SVG and PNG downloads.

// A small multiple's viewBox width: no wider than a phone's cell, so its 12-unit text is drawn
// at 11 px or more wherever it is shown (the grid's cells are at least this wide elsewhere).
const CELL_WIDTH = 340;

// Months and quarters only: weeks do not nest in months, so the server refuses them to the
// community (their small cells could be recovered by subtraction).
const PERIODS: Period[] = ['month', 'quarter'];
const value = (v: number | null) => formatValue(v);

export async function communityMeasuresView(): Promise<HTMLElement> {
  const search = new URLSearchParams(location.search);
  const measures = (await api.measures()).items;
  const chosen = measures.find((m) => m.id === search.get('measure')) ?? measures[0];
  const period = (PERIODS as string[]).includes(search.get('period') ?? '') ? (search.get('period') as Period) : 'month';
  const free = search.get('scale') === 'free';
  if (!chosen) return h('section', {}, h('h1', {}, t('community.title')), h('p', {}, t('measures.none')), measureWorkshop());
  const view = await api.crossSiteChart(chosen.id, period);
  const go = (next: { measure?: string; period?: string; free?: boolean }) =>
    void navigate(`/measures?${new URLSearchParams({ measure: next.measure ?? chosen.id, period: next.period ?? period, ...((next.free ?? free) ? { scale: 'free' } : {}) })}`);
  const shared = free ? undefined : sharedRange(view);
  const scaleField = h('input', { id: 'community-free', type: 'checkbox', checked: free });
  scaleField.addEventListener('change', () => go({ free: scaleField.checked }));
  const measureField = h('select', { id: 'community-measure' }, ...measures.map((m) => h('option', { value: m.id, ...(m.id === chosen.id ? { selected: '' } : {}) }, localName(m))));
  measureField.addEventListener('change', () => go({ measure: measureField.value }));
  const periodField = h('select', { id: 'community-period' }, ...PERIODS.map((p) => h('option', { value: p, ...(p === period ? { selected: '' } : {}) }, t(`measures.period.${p}`))));
  periodField.addEventListener('change', () => go({ period: periodField.value }));
  return h(
    'section',
    { class: 'measures community' },
    h('h1', {}, t('community.title')),
    h('p', { class: 'lede' }, t('community.about', { min: view.min_cell ?? 1 })),
    h(
      'form',
      { class: 'controls' },
      h('div', { class: 'field inline' }, h('label', { for: 'community-measure' }, t('community.measure')), measureField),
      h('div', { class: 'field inline' }, h('label', { for: 'community-period' }, t('measures.period')), periodField),
      h('div', { class: 'field inline check' }, scaleField, h('label', { for: 'community-free' }, t('community.freeScales'))),
    ),
    h('p', { class: 'meta', role: 'status' }, free ? t('community.freeNote') : t('community.sharedNote')),
    h('ul', { class: 'small-multiples' }, ...view.series.map((s) => h('li', { class: 'card' }, hasData(s) ? siteChart(view, s, shared) : notShared(s)))),
    measureWorkshop(),
  );
}

// One value scale for every site: the union of their ranges.
export function sharedRange(view: MeasureChart): [number, number] | undefined {
  const ranges = view.series.filter(hasData).map((s) => range(s.points, view.measure.target));
  return ranges.length ? [Math.min(...ranges.map((r) => r[0])), Math.max(...ranges.map((r) => r[1]))] : undefined;
}

// Whether a site shows anything: a value or a cell left out for its size.
export function hasData(s: MeasureSeries): boolean {
  return s.points.some((p) => p.y !== null || p.suppressed);
}

export function notShared(s: MeasureSeries): HTMLElement {
  return h('figure', { class: 'site-chart not-shared' }, h('h2', {}, s.site), h('p', {}, h('strong', {}, t('community.notShared'))), h('p', { class: 'meta' }, t('community.notSharedWhy')));
}

export function siteChart(view: MeasureChart, s: MeasureSeries, domain?: [number, number]): HTMLElement {
  const suppressed = s.points.filter((p) => p.suppressed).length;
  const svg = spcChart(s, [], view.measure.target, {
    title: t('community.chartTitle', { site: s.site, name: localName(view.measure) }),
    description: t('community.chartDescription', { n: s.points.length, suppressed }),
    change: () => '',
    suppressed: t('community.suppressed', { min: view.min_cell ?? 1 }),
    point: (p) => (p.sigma_signal && p.y !== null ? t(p.ucl !== null && p.y > p.ucl ? 'measures.aboveLimit' : 'measures.belowLimit', { value: value(p.y), limit: value(p.ucl !== null && p.y > p.ucl ? p.ucl : p.lcl) }) : null),
  }, CELL_WIDTH, 210, domain);
  const name = `${slug(view.measure.id)}-${slug(s.site)}`;
  const file = () => spcFile(svg, s, view.measure.target, t('community.chartTitle', { site: s.site, name: localName(view.measure) }), fileWords(localName(view.measure), t(`measures.period.${view.period}`)));
  return h(
    'figure',
    { class: 'site-chart' },
    h('h2', {}, s.site),
    svg,
    h(
      'figcaption',
      {},
      suppressed ? h('p', { class: 'meta' }, t('community.suppressedCount', { n: suppressed, min: view.min_cell ?? 1 })) : null,
      svgDownload(file, `${name}.svg`, t('measures.downloadSvg')),
      ' · ',
      pngDownload(file, `${name}.png`, t('measures.downloadPng')),
    ),
    h(
      'details',
      {},
      h('summary', {}, t('measures.showTable')),
      h(
        'div',
        { class: 'table-wrap', tabindex: 0 },
        h(
          'table',
          {},
          h('caption', {}, `${s.site}: ${localName(view.measure)}`),
          h('thead', {}, h('tr', {}, ...(['measures.col.period', 'measures.col.value', 'measures.col.n', 'measures.col.cl', 'measures.col.lcl', 'measures.col.ucl'] as const).map((k) => h('th', { scope: 'col' }, t(k))))),
          h('tbody', {}, ...s.points.map((p) => h('tr', {}, h('th', { scope: 'row' }, p.x), h('td', {}, p.suppressed ? t('community.suppressed', { min: view.min_cell ?? 1 }) : value(p.y)), h('td', {}, value(p.cell)), h('td', {}, value(p.cl)), h('td', {}, value(p.lcl)), h('td', {}, value(p.ucl))))),
        ),
      ),
    ),
  );
}
