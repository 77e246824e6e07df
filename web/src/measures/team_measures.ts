import { api, type MeasureChart, type MeasureDefinition, type MeasureSeries, type Period, type SpcPoint, type ValueProfile } from '../api';
import { QUADRANTS } from './calls';
import { chartWidth, fileWords, spcChart, spcFile } from './spc_chart';
import { isPartial, MIN_CELL_DEFAULT } from './periods';
import { round, valueProfileChart } from './value_profile_chart';
import { pngDownload, svgDownload } from '../components/svg';
import { h } from '../dom';
import { formatValue, localName, t } from '../i18n';
import { navigate, resolve } from '../router';
import { administers, session } from '../app_state';
import { field, onSubmit, select as choice } from '../components/form';
import { teamWorkshop } from './measure_workshop';
import { slug } from '../slug';

// A team's measures as SPC charts: each measure its team's population reports, with the changes
// the team tested (from its improvement passports) marked on the time axis, the points after
// the first change judged against the baseline before it (or new limits for each phase), every
// signal explained in words, a table view, and SVG and PNG downloads.

const LIMITS = ['baseline', 'phases'] as const;
const RULES = ['anhoej', 'mdc'] as const;
const PERIODS: Period[] = ['month', 'week', 'quarter'];

const value = (v: number | null) => formatValue(v);

function select<T extends string>(id: string, label: string, options: readonly T[], current: T, name: (v: T) => string, onChange: (v: T) => void): HTMLElement {
  const field = h('select', { id }, ...options.map((o) => h('option', { value: o, ...(o === current ? { selected: '' } : {}) }, name(o))));
  field.addEventListener('change', () => onChange(field.value as T));
  return h('div', { class: 'field inline' }, h('label', { for: id }, label), field);
}

export async function teamMeasuresView(params: Record<string, string>): Promise<HTMLElement> {
  const teamId = Number(params['id']);
  const search = new URLSearchParams(location.search);
  const period = (PERIODS as string[]).includes(search.get('period') ?? '') ? (search.get('period') as Period) : 'month';
  const limits = search.get('limits') === 'phases' ? 'phases' : 'baseline';
  const rules = search.get('rules') === 'mdc' ? 'mdc' : 'anhoej';
  const [team, measures, profile] = await Promise.all([api.team(teamId), api.measures(), api.teamValueProfile(teamId)]);
  // Making Data Count's rules are for XmR charts: the other measures keep Anhøj's.
  const charts = await Promise.all(
    measures.items.map((m) => api.teamMeasureChart(teamId, m.id, period, limits, rules === 'mdc' && m.chart === 'i' ? 'mdc' : 'anhoej')),
  );
  const shown = charts.filter((c) => c.series.length > 0);
  const reload = (next: { period?: Period; limits?: string; rules?: string }) => {
    const query = new URLSearchParams({ period: next.period ?? period, limits: next.limits ?? limits, rules: next.rules ?? rules });
    void navigate(`${location.pathname}?${query}`);
  };
  return h(
    'section',
    { class: 'measures' },
    h('p', {}, h('a', { href: `/teams/${teamId}` }, t('common.back'))),
    h('h1', {}, t('measures.title', { team: localName(team) })),
    h('p', { class: 'lede' }, t('measures.about')),
    h(
      'form',
      { class: 'controls' },
      select('measure-period', t('measures.period'), PERIODS, period, (p) => t(`measures.period.${p}`), (p) => reload({ period: p })),
      select('measure-limits', t('measures.limits'), LIMITS, limits, (l) => t(`measures.limits.${l}`), (l) => reload({ limits: l })),
      select('measure-rules', t('measures.rules'), RULES, rules, (r) => t(`measures.rules.${r}`), (r) => reload({ rules: r })),
    ),
    shown.length ? compass(shown) : h('p', {}, t('measures.none')),
    valueProfileSection(profile),
    ...shown.map((chart) => measureSection(chart, teamId)),
    teamWorkshop(teamId, period, (view) => measureSection(view, teamId, true)),
  );
}

// The six-domain coproduction value profile: the people's view (their questionnaire's latest
// quarter) beside the team's (its latest passport's self-ratings), where they differ by a point
// or more named in words, the numbers as a table, and downloads.
function valueProfileSection(profile: ValueProfile): HTMLElement {
  const rows = profile.domains.map((d) => ({ ...d, label: t(`value.domain.${d.domain}`) }));
  const answers = profile.domains.reduce((most, d) => Math.max(most, d.people_n), 0);
  const svg = valueProfileChart(rows, {
    title: t('profile.chartTitle'),
    description: t('profile.chartDescription', { quarter: profile.quarter ?? '–', date: profile.passport_date ?? '–' }),
    people: profile.quarter ? t('profile.people', { quarter: profile.quarter }) : t('profile.peopleNone'),
    team: t('profile.team'),
    none: t('profile.none'),
  });
  const gaps = rows.filter((r) => r.people !== null && r.team !== null && Math.abs(r.team - r.people) >= 1);
  const cell = (v: number | null) => h('td', {}, v === null ? '–' : round(v));
  const table = h(
    'table',
    {},
    h('caption', {}, t('profile.title')),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t('passport.domain')),
        h('th', { scope: 'col' }, t('profile.people', { quarter: profile.quarter ?? '–' })),
        h('th', { scope: 'col' }, t('profile.people', { quarter: profile.previous_quarter ?? '–' })),
        h('th', { scope: 'col' }, t('profile.answers')),
        h('th', { scope: 'col' }, t('profile.team')),
        h('th', { scope: 'col' }, t('profile.teamPrevious')),
      ),
    ),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, h('th', { scope: 'row' }, r.label), cell(r.people), cell(r.people_previous), h('td', {}, String(r.people_n)), cell(r.team), cell(r.team_previous)))),
  );
  return h(
    'section',
    { class: 'card value-profile', 'aria-labelledby': 'profile-title' },
    h('h2', { id: 'profile-title' }, t('profile.title')),
    h('p', {}, t('profile.about', { answers })),
    profile.passport_id === null ? h('p', { class: 'hint' }, t('profile.noPassport')) : null,
    h('figure', {}, svg, h('figcaption', {}, svgDownload(svg, 'value-profile.svg', t('measures.downloadSvg')), ' · ', pngDownload(svg, 'value-profile.png', t('measures.downloadPng')))),
    gaps.length
      ? h('ul', { class: 'gaps' }, ...gaps.map((g) => h('li', {}, t(g.team! > g.people! ? 'profile.teamHigher' : 'profile.peopleHigher', { domain: g.label, team: round(g.team!), people: round(g.people!) }))))
      : null,
    h('details', {}, h('summary', {}, t('measures.showTable')), h('div', { class: 'table-wrap', tabindex: 0 }, table)),
  );
}

// A point's own signal in words, from its codes: beyond a limit (Shewhart's rule, or Making
// Data Count's), or one of Making Data Count's rules, which judge points one by one. Anhøj's
// runs rules judge a whole part (runsText).
function pointText(chart: MeasureChart, points: SpcPoint[], p: SpcPoint): string | null {
  const sentences: string[] = [];
  if (p.sigma_signal && p.y !== null) {
    sentences.push(
      p.ucl !== null && p.y > p.ucl
        ? t('measures.aboveLimit', { value: value(p.y), limit: value(p.ucl) })
        : t('measures.belowLimit', { value: value(p.y), limit: value(p.lcl) }),
    );
  }
  if (chart.rules === 'mdc' && p.y !== null && p.cl !== null) {
    const high = p.y > p.cl;
    const before = points.slice(0, points.indexOf(p)).reverse().find((q) => q.y !== null);
    if (p.signals.includes('mdc_trend')) {
      const rising = before?.y !== null && before !== undefined ? p.y > before.y! : high;
      sentences.push(t('measures.mdcTrend', { direction: t(rising ? 'measures.mdcHigher' : 'measures.mdcLower') }));
    }
    if (p.signals.includes('mdc_two_of_three')) {
      sentences.push(t('measures.mdcTwoOfThree', { side: t(high ? 'measures.mdcUpper' : 'measures.mdcLowerLimit') }));
    }
    if (p.signals.includes('mdc_shift')) sentences.push(t('measures.mdcShift', { side: t(high ? 'measures.mdcAbove' : 'measures.mdcBelow') }));
  }
  return sentences.length ? sentences.join(' ') : null;
}

function runsText(part: MeasureSeries['parts'][number], parts: number): string[] {
  if (!part.runs_signal) return [];
  const where = parts > 1 ? t('measures.inPhase', { part: part.part }) : '';
  const out: string[] = [];
  if (part.longest_run > part.longest_run_max) {
    out.push(where + t('measures.longRun', { n: part.longest_run, max: part.longest_run_max }));
  }
  if (part.n_crossings < part.n_crossings_min) {
    out.push(where + t('measures.fewCrossings', { n: part.n_crossings, min: part.n_crossings_min }));
  }
  return out;
}

// Where the latest point stands: a signal (a point beyond a limit, or its phase's runs) that
// is an improvement or a concern by the measure's direction, or none.
function latestState(chart: MeasureChart): 'improvement' | 'concern' | 'none' {
  const series = chart.series[0]!;
  if (series.variation) {
    return series.variation === 'special_cause_improvement' ? 'improvement' : series.variation === 'special_cause_concern' ? 'concern' : 'none';
  }
  const last = [...series.points].reverse().find((p) => p.y !== null && p.cl !== null);
  if (!last) return 'none';
  const part = series.parts.find((p) => p.part === last.part);
  if (!last.sigma_signal && !part?.runs_signal) return 'none';
  const higher = last.y! > last.cl!;
  return higher === (chart.measure.direction === 'higher') ? 'improvement' : 'concern';
}

// What a reader must know of a headline value: its period has not ended, or it rests on fewer
// people than the minimum cell.
function headlineMarks(chart: MeasureChart, p: SpcPoint): HTMLElement | null {
  const marks = [
    isPartial(p.x, chart.period) ? t('measures.partial') : null,
    p.cell !== null && p.cell < (chart.min_cell ?? MIN_CELL_DEFAULT) ? t('measures.fewPeople', { n: p.cell, min: chart.min_cell ?? MIN_CELL_DEFAULT }) : null,
  ].filter((m): m is string => m !== null);
  return marks.length ? h('em', { class: 'marks' }, `${marks.join(', ')} `) : null;
}

// The value compass (Nelson, Mohr, Batalden and Plume 1996): the four quadrants with their
// measures, each with its latest value and whether it signals.
function compass(charts: MeasureChart[]): HTMLElement {
  return h(
    'section',
    { class: 'card compass', 'aria-labelledby': 'compass-title' },
    h('h2', { id: 'compass-title' }, t('measures.compass')),
    h(
      'div',
      { class: 'quadrants' },
      ...QUADRANTS.map((q) => {
        const mine = charts.filter((c) => c.measure.quadrant === q);
        return h(
          'section',
          { class: `quadrant quadrant-${q}` },
          h('h3', {}, t(`measures.quadrant.${q}`)),
          mine.length
            ? h(
                'ul',
                {},
                ...mine.map((c) => {
                  const last = [...c.series[0]!.points].reverse().find((p) => p.y !== null);
                  const state = latestState(c);
                  return h(
                    'li',
                    { class: `state-${state}` },
                    h('a', { href: `#measure-${slug(c.measure.id)}` }, localName(c.measure)),
                    ` ${last ? `${value(last.y)} (${last.x})` : '–'} `,
                    last ? headlineMarks(c, last) : null,
                    h('strong', {}, t(`measures.state.${state}`)),
                  );
                }),
              )
            : h('p', { class: 'muted' }, t('measures.noneInQuadrant')),
        );
      }),
    ),
  );
}

// The team's notes on a chart's points: listed with who wrote them, each removable, and a form
// that notes a point, for those who may write them (the team and the site's admins).
function notesPart(teamId: number, chart: MeasureChart, labels: string[]): HTMLElement {
  const team = session.user?.memberships.some((m) => m.team_id === teamId) ?? false;
  const writer = team || administers(chart.series[0]?.site_id ?? -1);
  const notes = chart.notes ?? [];
  const list = notes.length
    ? h(
        'ul',
        { class: 'chart-notes' },
        ...notes.map((n) => {
          const remove = writer ? h('button', { type: 'button', class: 'secondary', 'aria-label': t('notes.removeNamed', { period: n.period }) }, t('notes.remove')) : null;
          remove?.addEventListener('click', async () => {
            remove.disabled = true;
            await api.deleteChartNote(n.id).catch(() => (remove.disabled = false));
            await resolve();
          });
          return h('li', {}, h('strong', {}, `${n.period}: `), n.text, h('span', { class: 'meta' }, ` · ${n.author}`), ' ', remove);
        }),
      )
    : null;
  if (!writer) return h('div', {}, list);
  const id = `note-${slug(chart.measure.id)}`;
  const period = choice(`${id}-period`, 'period', [...labels].reverse().map((x) => [x, x]));
  const words = h('textarea', { id: `${id}-text`, name: 'text', rows: 2, maxlength: 500 });
  const form = h('form', {}, field(t('notes.period'), period), field(t('notes.text'), words), h('button', { type: 'submit' }, t('notes.add')));
  onSubmit(form, async () => {
    await api.addChartNote(teamId, chart.measure.id, period.value, words.value.trim());
    await resolve();
  });
  return h('div', {}, list, h('details', { class: 'card' }, h('summary', {}, t('notes.addTitle')), form));
}

// preview: a definition tried on the team's data (POST …/measures/preview), which has no notes.
export function measureSection(chart: MeasureChart, teamId: number, preview = false): HTMLElement {
  const m: MeasureDefinition = chart.measure;
  const series = chart.series[0]!;
  const changes = chart.changes ?? [];
  const notes = new Map<string, string>();
  for (const n of chart.notes ?? []) notes.set(n.period, notes.has(n.period) ? `${notes.get(n.period)}; ${n.text}` : n.text);
  const signalled = series.points.filter((p) => pointText(chart, series.points, p) !== null);
  const runs = chart.rules === 'anhoej' ? series.parts.flatMap((part) => runsText(part, series.parts.length)) : [];
  const svg = spcChart(series, changes, m.target, {
    title: t('measures.chartTitle', { name: localName(m), chart: chart.chart }),
    description: t('measures.chartDescription', { n: series.points.length, from: series.points[0]?.x ?? '', to: series.points.at(-1)?.x ?? '', signals: signalled.length }),
    change: (c) => t('measures.changeLabel', { date: c.date }),
    suppressed: t('measures.suppressed'),
    point: (p) => pointText(chart, series.points, p),
    notes,
  }, chartWidth());
  const table = h(
    'table',
    {},
    h('caption', {}, localName(m)),
    h(
      'thead',
      {},
      h('tr', {}, ...(['measures.col.period', 'measures.col.value', 'measures.col.n', 'measures.col.cl', 'measures.col.lcl', 'measures.col.ucl', 'measures.col.signal', 'notes.column'] as const).map((k) => h('th', { scope: 'col' }, t(k)))),
    ),
    h(
      'tbody',
      {},
      ...series.points.map((p) =>
        h('tr', {}, h('th', { scope: 'row' }, p.x, isPartial(p.x, chart.period) ? h('em', { class: 'marks' }, ` (${t('measures.partial')})`) : null), h('td', {}, p.suppressed ? t('measures.suppressed') : value(p.y)), h('td', {}, value(p.cell)), h('td', {}, value(p.cl)), h('td', {}, value(p.lcl)), h('td', {}, value(p.ucl)), h('td', {}, pointText(chart, series.points, p) ?? ''), h('td', {}, notes.get(p.x) ?? '')),
      ),
    ),
  );
  const name = slug(m.id);
  const file = () => spcFile(svg, series, m.target, t('measures.chartTitle', { name: localName(m), chart: chart.chart }), fileWords(m.name, t(`measures.period.${chart.period}`)));
  return h(
    'section',
    { class: 'card measure', id: `measure-${preview ? 'preview-' : ''}${name}` },
    h('h2', {}, localName(m)),
    h('p', { class: 'meta' }, t('measures.meta', { chart: chart.chart, direction: t(`measures.direction.${m.direction}`), quadrant: t(`measures.quadrant.${m.quadrant}`) })),
    series.variation
      ? h(
          'p',
          { class: 'icons' },
          h('span', { class: `icon variation-${series.variation}` }, t(`measures.variation.${series.variation}`)),
          series.assurance ? h('span', { class: `icon assurance-${series.assurance}` }, t(`measures.assurance.${series.assurance}`)) : null,
        )
      : null,
    changes.length
      ? h('ul', { class: 'changes' }, ...changes.map((c) => h('li', {}, h('strong', {}, t('measures.changeLabel', { date: c.date })), ` ${c.text}`)))
      : null,
    h('figure', {}, svg, h('figcaption', {}, svgDownload(file, `${name}.svg`, t('measures.downloadSvg')), ' · ', pngDownload(file, `${name}.png`, t('measures.downloadPng')))),
    preview ? null : notesPart(teamId, chart, series.points.map((p) => p.x)),
    signalled.length || runs.length
      ? h(
          'div',
          { class: 'signals' },
          h('h3', {}, t('measures.signals')),
          runs.length ? h('ul', { class: 'runs' }, ...runs.map((text) => h('li', {}, text))) : null,
          signalled.length ? h('ul', { class: 'points' }, ...signalled.map((p) => h('li', {}, h('strong', {}, `${p.x}: `), pointText(chart, series.points, p)))) : null,
        )
      : h('p', {}, t('measures.noSignals')),
    h('details', {}, h('summary', {}, t('measures.showTable')), h('div', { class: 'table-wrap', tabindex: 0 }, table)),
  );
}
