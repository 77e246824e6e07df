import { api, ApiError, type Schedule, type ScheduleKind, type ScheduleUnit } from '../api';
import { h } from '../dom';
import { formatDay, formatNumber, localName, t } from '../i18n';
import { resolve } from '../router';

// A site's questionnaire schedules (its admins change them; its staff read them): what each
// population is asked and when, where its people stand, and the form that adds a schedule.

interface QuestionnaireEntry {
  resource: { id: string; title?: string; name?: string; subjectType?: string[] };
}

function describe(s: Schedule): string {
  const unit = t(`schedules.unit.${s.unit}` as 'schedules.unit.days');
  let text = t(`schedules.describe.${s.kind}` as 'schedules.describe.every', { every: s.every, unit, window: s.window_days });
  if (s.until) text += `, ${t('schedules.describe.until', { date: formatDay(Date.parse(s.until), true) })}`;
  return s.active ? text : `${text} (${t('schedules.paused')})`;
}

function select(id: string, options: [string, string][]): HTMLSelectElement {
  return h('select', { id }, ...options.map(([value, label]) => h('option', { value }, label))) as HTMLSelectElement;
}

export async function schedulesView(params: Record<string, string>): Promise<HTMLElement> {
  const site = Number(params.id);
  const [about, populations, schedules, counts, bundle] = await Promise.all([
    api.site(site),
    api.populations(site),
    api.schedules(site),
    api.scheduleCounts(site),
    api.fhirRead<{ entry?: QuestionnaireEntry[] }>('Questionnaire?_count=200'),
  ]);
  const forPatients = (bundle.entry ?? []).map((e) => e.resource).filter((q) => !q.subjectType?.includes('Group'));
  const title = (id: string) => {
    const q = forPatients.find((r) => r.id === id);
    return q?.title ?? q?.name ?? id;
  };
  const populationName = (id: number) => ((p) => (p ? localName(p) : String(id)))(populations.items.find((p) => p.id === id));
  const message = h('p', { role: 'status' });

  const row = (s: Schedule) => {
    const toggle = h('button', { type: 'button', class: 'secondary' }, s.active ? t('schedules.pause') : t('schedules.resume'));
    toggle.addEventListener('click', async () => {
      try {
        await api.changeSchedule(s.id, {
          kind: s.kind,
          ...(s.kind === 'every' ? { every: s.every, unit: s.unit } : {}),
          window_days: s.window_days,
          ...(s.until ? { until: s.until } : {}),
          active: !s.active,
        });
        await resolve();
      } catch (error) {
        message.textContent = error instanceof ApiError ? error.detail : String(error);
      }
    });
    return h('tr', {}, h('td', {}, populationName(s.population_id)), h('td', {}, title(s.questionnaire_id)), h('td', {}, describe(s)), h('td', {}, toggle));
  };

  const population = select('schedule-population', populations.items.map((p) => [String(p.id), localName(p)]));
  const questionnaire = select('schedule-questionnaire', forPatients.map((q) => [q.id, q.title ?? q.name ?? q.id]));
  const kind = select('schedule-kind', (['every', 'at_enrolment', 'before_visits'] as ScheduleKind[]).map((k) => [k, t(`schedules.kind.${k}` as 'schedules.kind.every')]));
  const every = h('input', { id: 'schedule-every', type: 'number', min: 1, max: 366, value: '3' });
  const unit = select('schedule-unit', (['months', 'weeks', 'days'] as ScheduleUnit[]).map((u) => [u, t(`schedules.unit.${u}` as 'schedules.unit.days')]));
  const window = h('input', { id: 'schedule-window', type: 'number', min: 0, max: 365, value: '14' });
  const until = h('input', { id: 'schedule-until', type: 'date' });
  const everyField = h('div', { class: 'field' }, h('label', { for: 'schedule-every' }, t('schedules.every')), every, h('label', { for: 'schedule-unit', class: 'visually-hidden' }, t('schedules.every')), unit);
  kind.addEventListener('change', () => (everyField.hidden = kind.value !== 'every'));
  const form = h(
    'form',
    { class: 'card' },
    h('h2', {}, t('schedules.add')),
    h('div', { class: 'field' }, h('label', { for: 'schedule-population' }, t('schedules.population')), population),
    h('div', { class: 'field' }, h('label', { for: 'schedule-questionnaire' }, t('schedules.questionnaire')), questionnaire),
    h('div', { class: 'field' }, h('label', { for: 'schedule-kind' }, t('schedules.kind')), kind),
    everyField,
    h('div', { class: 'field' }, h('label', { for: 'schedule-window' }, t('schedules.window')), window),
    h('div', { class: 'field' }, h('label', { for: 'schedule-until' }, t('schedules.until')), until),
    h('button', { type: 'submit' }, t('schedules.add')),
    message,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api.defineSchedule({
        population_id: Number(population.value),
        questionnaire_id: questionnaire.value,
        kind: kind.value as ScheduleKind,
        ...(kind.value === 'every' ? { every: Number(every.value), unit: unit.value as ScheduleUnit } : {}),
        window_days: Number(window.value),
        ...(until.value ? { until: until.value } : {}),
      });
      message.textContent = t('schedules.added');
      await resolve();
    } catch (error) {
      message.textContent = error instanceof ApiError ? error.detail : String(error);
    }
  });

  return h(
    'section',
    {},
    h('p', {}, h('a', { href: `/sites/${site}` }, t('common.back'))),
    h('h1', {}, t('schedules.title', { site: about.name })),
    h('p', { class: 'lede' }, t('schedules.intro')),
    schedules.items.length
      ? h(
          'table',
          {},
          h('thead', {}, h('tr', {}, h('th', {}, t('schedules.population')), h('th', {}, t('schedules.questionnaire')), h('th', {}, t('schedules.kind')), h('th', {}, ''))),
          h('tbody', {}, ...schedules.items.map(row)),
        )
      : h('p', {}, t('schedules.none')),
    counts.items.length
      ? h(
          'table',
          {},
          h('caption', {}, t('schedules.counts')),
          h('thead', {}, h('tr', {}, ...(['population', 'counts.patients', 'counts.overdue', 'counts.due', 'counts.completed'] as const).map((k) => h('th', {}, t(`schedules.${k}`))))),
          h('tbody', {}, ...counts.items.map((c) => h('tr', {}, h('td', {}, populationName(c.population_id)), ...[c.patients, c.overdue, c.due, c.completed].map((n) => h('td', { class: 'number' }, formatNumber(n)))))),
        )
      : null,
    form,
  );
}
