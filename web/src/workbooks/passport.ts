import { api, type Guide, type GuideItem, type Workbook } from '../api';
import { profileChart } from './profile_chart';
import { svgDownload } from '../components/svg';
import { h } from '../dom';
import { t } from '../i18n';
import { text } from './texts';

// A team's improvement passport: one cycle per passport workbook, oldest first, with the
// six-domain self-ratings drawn over the cycles and given as a table, and each cycle's stamps
// (one per learning session: the instances of the passport's repeating group).

const PASSPORT = 'improvement-passport';


function flatten(items: GuideItem[]): GuideItem[] {
  return items.flatMap((i) => (i.type === 'group' ? flatten(i.items ?? []) : [i]));
}

export async function passportTimeline(teamId: number): Promise<HTMLElement | null> {
  const all = (await api.teamWorkbooks(teamId)).items.filter((w) => w.guide_id === PASSPORT);
  if (all.length === 0) return null;
  const [guide, cycles] = await Promise.all([api.guide(PASSPORT), Promise.all(all.map((w) => api.workbook(w.id)))]);
  return render(guide, cycles);
}

function render(guide: Guide, cycles: Workbook[]): HTMLElement {
  const items = flatten(guide.items);
  const ratings = items.filter((i) => i.type === 'rating');
  const answer = (w: Workbook, key: string) => w.answers.find((a) => a.key === key)?.text ?? '';
  const labels = cycles.map((_, i) => t('passport.cycle', { n: i + 1 }));
  const series = ratings.map((r) => ({
    label: text(r.text),
    values: cycles.map((w) => {
      const v = Number(answer(w, r.link_id));
      return v >= 1 && v <= 5 ? v : null;
    }),
  }));
  const table = h(
    'table',
    {},
    h('caption', {}, t('passport.ratings')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('passport.domain')), ...labels.map((l) => h('th', { scope: 'col' }, l)))),
    h('tbody', {}, ...series.map((s) => h('tr', {}, h('th', { scope: 'row' }, s.label), ...s.values.map((v) => h('td', {}, v === null ? '–' : String(v)))))),
  );
  const chart = profileChart(t('passport.chartTitle'), t('passport.chartDescription', { n: cycles.length }), labels, series);
  const download = svgDownload(chart, 'coproduction-value-profile.svg', t('passport.downloadSvg'));
  const repeating = guide.items.filter((i) => i.repeats);
  const inRepeating = new Set(repeating.flatMap((g) => flatten(g.items ?? [])).map((i) => i.link_id));
  const shown = items.filter((i) => i.type !== 'rating' && !inRepeating.has(i.link_id));
  // Each instance of a repeating group as one line of its answers, in the group's order.
  const instances = (w: Workbook, group: GuideItem): string[] => {
    const order = flatten(group.items ?? []).map((i) => i.link_id);
    const lines = new Map<number, string[]>();
    for (const a of w.answers) {
      if (!a.text || !order.includes(a.link_id)) continue;
      lines.set(a.instance, [...(lines.get(a.instance) ?? []), a.text]);
    }
    return [...lines.entries()].sort(([x], [y]) => x - y).map(([, parts]) => parts.join(' · '));
  };
  return h(
    'section',
    { class: 'passport' },
    h('h2', {}, t('passport.title')),
    h('figure', {}, chart, h('figcaption', {}, download)),
    h('div', { class: 'table-wrap', tabindex: 0 }, table),
    h(
      'ol',
      { class: 'cycles' },
      ...cycles.map((w, i) =>
        h(
          'li',
          { class: 'card' },
          h('h3', {}, h('a', { href: `/workbooks/${w.id}` }, labels[i]!)),
          h('dl', { class: 'facts' }, ...shown.flatMap((item) => {
            const value = answer(w, item.link_id);
            const display = item.type === 'choice' ? text(item.options?.find((o) => o.code === value)?.text) : value;
            return display ? [h('dt', {}, text(item.text)), h('dd', {}, display)] : [];
          })),
          ...repeating.flatMap((group) => {
            const lines = instances(w, group);
            return lines.length
              ? [h('h4', {}, text(group.text)), h('ul', { class: 'stamps' }, ...lines.map((line) => h('li', {}, line)))]
              : [];
          }),
        ),
      ),
    ),
  );
}
