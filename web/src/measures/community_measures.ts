import { api, type MeasureChart, type MeasureSeries, type Period } from '../api';
import { spcChart } from './spc_chart';
import { pngDownload, svgDownload } from '../components/svg';
import { h } from '../dom';
import { t } from '../i18n';
import { navigate } from '../router';

// For the community (facilitators, researchers, its admin): one measure at every site as small
// multiples on the same scale of time, each cell under the minimum size left out and marked,
// each chart with a table view and SVG and PNG downloads.

// Months and quarters only: weeks do not nest in months, so the server refuses them to the
// community (their small cells could be recovered by subtraction).
const PERIODS: Period[] = ['month', 'quarter'];
const value = (v: number | null) => (v === null ? '–' : String(Number(v.toPrecision(4))));
const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export async function communityMeasuresView(): Promise<HTMLElement> {
  const search = new URLSearchParams(location.search);
  const measures = (await api.measures()).items;
  const chosen = measures.find((m) => m.id === search.get('measure')) ?? measures[0];
  const period = (PERIODS as string[]).includes(search.get('period') ?? '') ? (search.get('period') as Period) : 'month';
  if (!chosen) return h('section', {}, h('h1', {}, t('community.title')), h('p', {}, t('measures.none')));
  const view = await api.crossSiteChart(chosen.id, period);
  const go = (next: { measure?: string; period?: string }) =>
    void navigate(`/measures?${new URLSearchParams({ measure: next.measure ?? chosen.id, period: next.period ?? period })}`);
  const measureField = h('select', { id: 'community-measure' }, ...measures.map((m) => h('option', { value: m.id, ...(m.id === chosen.id ? { selected: '' } : {}) }, m.name)));
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
    ),
    h('ul', { class: 'small-multiples' }, ...view.series.map((s) => h('li', { class: 'card' }, siteChart(view, s)))),
  );
}

function siteChart(view: MeasureChart, s: MeasureSeries): HTMLElement {
  const suppressed = s.points.filter((p) => p.suppressed).length;
  const svg = spcChart(s, [], view.measure.target, {
    title: t('community.chartTitle', { site: s.site, name: view.measure.name }),
    description: t('community.chartDescription', { n: s.points.length, suppressed }),
    change: () => '',
    suppressed: t('community.suppressed', { min: view.min_cell ?? 1 }),
    point: (p) => (p.sigma_signal && p.y !== null ? t(p.ucl !== null && p.y > p.ucl ? 'measures.aboveLimit' : 'measures.belowLimit', { value: value(p.y), limit: value(p.ucl !== null && p.y > p.ucl ? p.ucl : p.lcl) }) : null),
  }, 360, 200);
  const name = `${slug(view.measure.id)}-${slug(s.site)}`;
  return h(
    'figure',
    { class: 'site-chart' },
    h('h2', {}, s.site),
    svg,
    h(
      'figcaption',
      {},
      suppressed ? h('p', { class: 'meta' }, t('community.suppressedCount', { n: suppressed, min: view.min_cell ?? 1 })) : null,
      svgDownload(svg, `${name}.svg`, t('measures.downloadSvg')),
      ' · ',
      pngDownload(svg, `${name}.png`, t('measures.downloadPng')),
    ),
    h(
      'details',
      {},
      h('summary', {}, t('measures.showTable')),
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          {},
          h('caption', {}, `${s.site}: ${view.measure.name}`),
          h('thead', {}, h('tr', {}, ...(['measures.col.period', 'measures.col.value', 'measures.col.n', 'measures.col.cl', 'measures.col.lcl', 'measures.col.ucl'] as const).map((k) => h('th', { scope: 'col' }, t(k))))),
          h('tbody', {}, ...s.points.map((p) => h('tr', {}, h('th', { scope: 'row' }, p.x), h('td', {}, p.suppressed ? t('community.suppressed', { min: view.min_cell ?? 1 }) : value(p.y)), h('td', {}, value(p.cell)), h('td', {}, value(p.cl)), h('td', {}, value(p.lcl)), h('td', {}, value(p.ucl))))),
        ),
      ),
    ),
  );
}
