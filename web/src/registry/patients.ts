import { allPages, api, type Alert, type LatestScore, type OverdueQuestionnaire, type Patient } from '../api';
import { session } from '../app_state';
import { h } from '../dom';
import { formatDay, formatNumber, localName, t } from '../i18n';
import { titlesInLanguage } from '../questionnaires/titles';
import { bandLabel } from './bands';

// The patients a professional cares for (the patients of their sites), each linking to the
// dashboard they share.

export async function ownPatientId(): Promise<number> {
  const mine = (await api.patients()).items;
  if (mine.length !== 1) throw new Error(t('patients.noRecord'));
  return mine[0]!.id;
}

// A patient's name as the site keeps it ("" when it keeps none): given names, then the family's.
export function personName(p: Patient): string {
  return [p.given, p.family].filter((part) => part).join(' ');
}

// What the list shows beside each person: their latest scores, open alerts and overdue
// questionnaires (the worklist's, gathered once for the page).
interface Overview {
  alerts: Map<number, Alert[]>;
  overdue: Map<number, OverdueQuestionnaire[]>;
  titles: Map<string, string>;
}

function byPatient<T extends { patient_id: number }>(items: T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const item of items) map.set(item.patient_id, [...(map.get(item.patient_id) ?? []), item]);
  return map;
}

async function loadOverview(): Promise<Overview> {
  const alerts = (await allPages(api.alerts)).filter((a) => a.status === 'active');
  const sites = [...new Set(session.user?.memberships.filter((m) => m.role === 'professional' && m.site_id !== null).map((m) => m.site_id!) ?? [])];
  const overdue = (await Promise.all(sites.map((s) => api.overdueQuestionnaires(s).then((page) => page.items).catch(() => [])))).flat();
  return { alerts: byPatient(alerts), overdue: byPatient(overdue), titles: new Map() };
}

// Each patient's latest totals: "PHQ-9 14 (moderate) · 3 Dec 2026".
function scoreList(scores: LatestScore[], titles: Map<string, string>): HTMLElement | string {
  if (!scores.length) return '–';
  return h(
    'ul',
    { class: 'scores' },
    ...scores.map((s) =>
      h(
        'li',
        {},
        h('span', { class: 'score-name' }, titles.get(s.questionnaire_id) ?? s.display),
        ' ',
        h('strong', {}, formatNumber(s.value)),
        s.band ? ` (${bandLabel(s.band)})` : '',
        h('span', { class: 'meta' }, ` · ${formatDay(s.effective_ms)}`),
      ),
    ),
  );
}

export async function patientsView(): Promise<HTMLElement> {
  const [populations, first, overview] = await Promise.all([api.populations(), api.patients(), loadOverview()]);
  const population = new Map(populations.items.map((p) => [p.id, localName(p)]));
  const patients: Patient[] = [...first.items];
  const more = h('button', { type: 'button', class: 'secondary', hidden: !first.next }, t('common.more'));
  let cursor = first.next;
  let q = '';
  const body = h('tbody', {});
  const search = h('input', { type: 'search', id: 'patient-search', autocomplete: 'off' });
  const count = h('p', { role: 'status' });
  const find = h('form', { role: 'search', class: 'search' }, h('label', { for: 'patient-search' }, t('patients.search')), search, h('button', { type: 'submit' }, t('patients.find')), count);
  find.addEventListener('submit', async (event) => {
    event.preventDefault();
    q = search.value.trim();
    const page = await api.patients(null, q);
    cursor = page.next;
    more.hidden = !cursor;
    body.replaceChildren();
    await append(page.items);
    count.textContent = page.items.length ? t('patients.found', { count: page.items.length }) : t('patients.noneFound', { q });
  });
  const append = async (list: Patient[]) => {
    const scores = list.length ? byPatient((await api.latestScores(list.map((p) => p.id))).items) : new Map<number, LatestScore[]>();
    const unnamed = [...scores.values()].flat().map((s) => s.questionnaire_id).filter((id) => !overview.titles.has(id));
    if (unnamed.length) {
      const titles = await titlesInLanguage(unnamed).catch(() => new Map<string, string>());
      titles.forEach((title, id) => overview.titles.set(id, title));
    }
    body.append(
      ...list.map((p) => {
        const alerts = overview.alerts.get(p.id) ?? [];
        const overdue = overview.overdue.get(p.id) ?? [];
        return h(
          'tr',
          { class: alerts.length ? 'has-alert' : undefined },
          h('th', { scope: 'row' }, h('a', { href: `/patients/${p.id}` }, personName(p) || p.identifier), personName(p) ? h('span', { class: 'meta' }, ` ${p.identifier}`) : null),
          h('td', {}, population.get(p.population_id) ?? `#${p.population_id}`, h('br'), h('span', { class: 'meta' }, `${p.birth_date} · ${t(`sex.${p.sex}`)}`)),
          h('td', {}, scoreList(scores.get(p.id) ?? [], overview.titles)),
          h('td', {}, alerts.length ? h('strong', { class: 'alert-count' }, t('patients.alerts', { count: alerts.length })) : '–'),
          h('td', {}, overdue.length ? overdue.map((o) => overview.titles.get(o.questionnaire_id) ?? o.title).join(', ') : '–'),
        );
      }),
    );
  };
  await append(patients);
  more.addEventListener('click', async () => {
    if (!cursor) return;
    const page = await api.patients(cursor, q);
    cursor = page.next;
    more.hidden = !cursor;
    await append(page.items);
  });
  return h(
    'section',
    {},
    h('h1', {}, t('patients.title')),
    h('p', {}, t('patients.intro')),
    find,
    h(
      'div',
      { class: 'table-wrap', tabindex: 0 },
      h(
        'table',
        { class: 'patient-list' },
        h('caption', {}, t('patients.caption')),
        h('thead', {}, h('tr', {}, ...(['patients.name', 'patients.population', 'patients.latest', 'patients.openAlerts', 'patients.overdue'] as const).map((k) => h('th', { scope: 'col' }, t(k))))),
        body,
      ),
    ),
    more,
  );
}
