import type { StratificationSummary } from '../api';
import { h } from '../dom';
import { formatNumber, t } from '../i18n';

// A stratification's live numbers as a table: one row per stratum ("Other" last), a withheld
// number said in words, never shown as 0.
export function strataTable(summary: StratificationSummary, caption: string): HTMLElement {
  const withheld = t('value.withheld');
  const count = (n: number | null) => (n === null ? withheld : formatNumber(n));
  const amount = (n: number | null, digits: number) => (n === null ? withheld : formatNumber(n, digits));
  const scores = summary.strata[0] ? Object.keys(summary.strata[0].scores) : [];
  return h(
    'div',
    { class: 'table-wrap', tabindex: 0 },
    h(
      'table',
      {},
      h('caption', {}, caption, ' ', h('span', { class: 'meta' }, t('value.window', { from: summary.window.from, to: summary.window.to, currency: summary.currency }))),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, t('value.stratum')),
          h('th', { scope: 'col' }, t('value.people')),
          h('th', { scope: 'col' }, t('value.womenMen')),
          h('th', { scope: 'col' }, t('value.utilisation')),
          h('th', { scope: 'col' }, t('value.costPerYear', { currency: summary.currency })),
          ...scores.map((code) => h('th', { scope: 'col' }, t('value.scoreQuartiles', { code }))),
        ),
      ),
      h(
        'tbody',
        {},
        ...summary.strata.map((s) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, s.name === 'Other' ? t('value.other') : s.name),
            h('td', {}, count(s.people)),
            h('td', {}, s.sexes ? `${count(s.sexes.female ?? null)} / ${count(s.sexes.male ?? null)}` : withheld),
            h('td', {}, amount(s.utilisation_per_person_year, 1)),
            h('td', {}, amount(s.cost_per_person_year, 0)),
            ...scores.map((code) => {
              const q = s.scores[code];
              return h('td', {}, q ? `${formatNumber(q.median, 1)} (${formatNumber(q.q1, 1)}–${formatNumber(q.q3, 1)})` : withheld);
            }),
          ),
        ),
      ),
    ),
    summary.whole ? null : h('p', { class: 'meta' }, t('value.suppressedNote', { min: summary.min_cell })),
  );
}
