import { api, type ScoreSeries } from '../api';
import { h } from '../dom';
import { formatDay, formatNumber, t } from '../i18n';
import { valueProfileChart } from '../measures/value_profile_chart';
import type { Extension, Questionnaire } from '../questionnaires/fhir_questionnaire';

// The person's coproduction value questionnaire on the dashboard, on the scale of 1 to 5 the
// team's value profile uses: each domain's subscale total divided by its items (the
// questionnaire's scoring extension says which), the latest answer beside the one before.

const SCORING = 'urn:covalue:fhir:extension:scoring';

// How many items each subscale of the questionnaire sums.
function subscaleItems(questionnaire: Questionnaire): Map<string, number> {
  const items = new Map<string, number>();
  const scoring = questionnaire.extension?.find((e) => e.url === SCORING);
  for (const subscale of scoring?.extension?.filter((e: Extension) => e.url === 'subscale') ?? []) {
    const name = subscale.extension?.find((e) => e.url === 'name')?.valueString;
    const count = subscale.extension?.filter((e) => e.url === 'item').length ?? 0;
    if (name && count) items.set(name, count);
  }
  return items;
}

export async function coproductionCard(series: ScoreSeries[]): Promise<HTMLElement | null> {
  if (!series.length) return null;
  const questionnaire = series[0]!.code.split('/')[0]!;
  const items = subscaleItems(await api.fhirRead<Questionnaire>(`Questionnaire/${encodeURIComponent(questionnaire)}`));
  const rows = series
    .map((s) => {
      const domain = s.code.split('/')[1] ?? s.code;
      const n = items.get(domain);
      const latest = s.points.at(-1);
      const before = s.points.at(-2);
      return n && latest ? { domain, latest: latest.value / n, before: before ? before.value / n : null, at: latest.effective_ms } : null;
    })
    .filter((r): r is { domain: string; latest: number; before: number | null; at: number } => r !== null);
  if (!rows.length) return null;
  const label = (domain: string) => t(`value.domain.${domain}` as 'value.domain.costs');
  const latestAt = Math.max(...rows.map((r) => r.at));
  const chart = valueProfileChart(
    rows.map((r) => ({ label: label(r.domain), people: r.latest, team: r.before })),
    {
      title: t('copro.title'),
      description: t('copro.description', { date: formatDay(latestAt) }),
      people: t('copro.latest', { date: formatDay(latestAt) }),
      team: t('copro.before'),
      none: t('profile.none'),
    },
  );
  return h(
    'section',
    { class: 'card coproduction', id: 'coproduction' },
    h('h2', {}, t('copro.title')),
    h('p', { class: 'meta' }, t('copro.scale')),
    h('figure', {}, chart),
    h(
      'details',
      {},
      h('summary', {}, t('dash.showTable')),
      h(
        'div',
        { class: 'table-wrap', tabindex: 0 },
        h(
          'table',
          {},
          h('caption', {}, t('copro.title')),
          h('thead', {}, h('tr', {}, ...(['copro.domain', 'copro.latestColumn', 'copro.before'] as const).map((k) => h('th', { scope: 'col' }, t(k))))),
          h('tbody', {}, ...rows.map((r) => h('tr', {}, h('th', { scope: 'row' }, label(r.domain)), h('td', {}, formatNumber(r.latest, 2)), h('td', {}, r.before === null ? '–' : formatNumber(r.before, 2))))),
        ),
      ),
    ),
  );
}
