import { api, ApiError, type DueQuestionnaire, type OverdueQuestionnaire, type PlannedVisit } from '../api';
import { session } from '../app_state';
import { h } from '../dom';
import { formatDay, formatTime, t } from '../i18n';
import { titlesInLanguage } from '../questionnaires/titles';
import { resolve } from '../router';

// What the schedules ask of a patient, the visits planned for them, and the overdue worklist of
// a site's professionals.

const fillLink = (patient: number, d: DueQuestionnaire) => `/patients/${patient}/questionnaires/${encodeURIComponent(d.questionnaire_id)}`;

function stateText(d: DueQuestionnaire): string {
  const date = formatDay(d.state === 'upcoming' ? d.opens_ms : d.due_ms, true);
  return t(`due.state.${d.state}` as 'due.state.due', { date });
}

// What is asked with each questionnaire's title in the reader's language (the server names
// them as imported; a questionnaire's translations are in its FHIR resource).
export async function inReadersLanguage(due: DueQuestionnaire[]): Promise<DueQuestionnaire[]> {
  const titles = await titlesInLanguage(due.map((d) => d.questionnaire_id));
  return due.map((d) => ({ ...d, title: titles.get(d.questionnaire_id) ?? d.title }));
}

// The patient's own list: what to answer now (overdue and due, each with its day and a button),
// then when the next ones open. Returns the ids asked now, so the rest can be listed apart.
export function dueSection(patient: number, due: DueQuestionnaire[]): HTMLElement {
  const open = due.filter((d) => d.state === 'due' || d.state === 'overdue');
  const next = due.filter((d) => d.state === 'upcoming');
  return h(
    'section',
    { class: 'card due' },
    h('h2', {}, t('due.title')),
    open.length ? h('p', {}, t('due.intro')) : h('p', { role: 'status' }, t('due.none')),
    open.length
      ? h(
          'ul',
          { class: 'questionnaires' },
          ...open.map((d) =>
            h(
              'li',
              { class: d.state },
              h('a', { class: 'button', href: fillLink(patient, d) }, t('due.answer', { title: d.title })),
              h('span', { class: 'meta' }, stateText(d)),
            ),
          ),
        )
      : null,
    next.length ? h('ul', { class: 'meta' }, ...next.map((d) => h('li', {}, `${d.title}: ${stateText(d)}`))) : null,
  );
}

// The visits of a patient; their site's professionals plan and cancel them here.
export function visitsSection(patient: number, visits: PlannedVisit[], canPlan: boolean): HTMLElement {
  const message = h('p', { role: 'status' });
  const at = h('input', { id: 'visit-at', type: 'datetime-local', required: true });
  const note = h('input', { id: 'visit-note', type: 'text', maxlength: 200 });
  const form = h(
    'form',
    { class: 'visit-form' },
    h('div', { class: 'field' }, h('label', { for: 'visit-at' }, t('visits.at')), at),
    h('div', { class: 'field' }, h('label', { for: 'visit-note' }, t('visits.note')), note),
    h('button', { type: 'submit' }, t('visits.plan')),
    message,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!at.value) {
      at.focus();
      return;
    }
    try {
      // datetime-local is the reader's local time; the API takes an instant with its zone.
      await api.planVisit(patient, new Date(at.value).toISOString(), note.value.trim());
      message.textContent = t('visits.planned');
      await resolve();
    } catch (error) {
      message.textContent = error instanceof ApiError ? error.detail : String(error);
    }
  });
  const cancel = (visit: PlannedVisit) => {
    const button = h('button', { type: 'button', class: 'secondary' }, t('visits.cancel'));
    button.addEventListener('click', async () => {
      button.disabled = true;
      await api.cancelVisit(visit.id);
      await resolve();
    });
    return button;
  };
  return h(
    'section',
    { class: 'card visits' },
    h('h2', {}, t('visits.title')),
    visits.length
      ? h(
          'ul',
          {},
          ...visits.map((v) =>
            h(
              'li',
              {},
              h('time', { datetime: new Date(v.at_ms).toISOString() }, formatTime(v.at_ms)),
              v.note ? ` · ${v.note}` : '',
              canPlan ? cancel(v) : null,
            ),
          ),
        )
      : h('p', {}, t('visits.none')),
    canPlan ? form : null,
  );
}

// The site's professionals and admins: who is overdue with what, at each of their sites.
export async function overdueSection(): Promise<HTMLElement | null> {
  const sites = [
    ...new Set(
      (session.user?.memberships ?? [])
        .filter((m) => m.site_id !== null && (m.role === 'professional' || m.role === 'admin'))
        .map((m) => m.site_id as number),
    ),
  ];
  if (!sites.length) return null;
  const overdue: OverdueQuestionnaire[] = [];
  for (const site of sites) overdue.push(...(await api.overdueQuestionnaires(site)).items);
  return h(
    'section',
    { class: 'card overdue-questionnaires' },
    h('h2', {}, t('schedules.overdue')),
    h('p', {}, t('schedules.overdueIntro')),
    overdue.length
      ? h(
          'ul',
          {},
          ...overdue.map((o) =>
            h(
              'li',
              {},
              h('a', { href: `/patients/${o.patient_id}` }, o.identifier),
              ' · ',
              t('schedules.overdueLine', { title: o.title, date: formatDay(o.due_ms, true) }),
            ),
          ),
        )
      : h('p', { role: 'status' }, t('schedules.noneOverdue')),
  );
}
