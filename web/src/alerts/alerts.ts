import { api, ApiError, type Alert, type CrisisContacts } from '../api';
import { h } from '../dom';
import { formatTime, language, t } from '../i18n';
import { resolve } from '../router';
import { overdueSection } from '../schedules/due';

// Clinical alerts: what a person is told at once when an answer raises one, the worklist a
// site's professionals see first, and the form that acknowledges an alert with a note.

// The site's words for what to do now, in the reader's language (English when it has none).
export function crisisText(contacts: CrisisContacts): string {
  return contacts[language()] ?? contacts['en'] ?? Object.values(contacts)[0] ?? '';
}

// The message a person reads after an answer raised an alert: what to do now first, then what
// the answer was about. role="alert" so a screen reader says it at once.
export function crisisNotice(alerts: Alert[], contacts: CrisisContacts): HTMLElement {
  return h(
    'div',
    { class: 'crisis', role: 'alert' },
    h('p', { class: 'crisis-now' }, crisisText(contacts)),
    h('ul', {}, ...alerts.map((a) => h('li', {}, a.message))),
  );
}

const severity = (a: Alert) => t(`alert.severity.${a.severity}` as 'alert.severity.high');

// A professional acknowledges an alert: a note is required; the page reloads without it.
export function acknowledgeForm(alert: Alert): HTMLElement {
  const id = `ack-${alert.id}`;
  const field = h('textarea', { id, rows: 2, maxlength: 2000, 'aria-required': 'true' });
  const message = h('p', { role: 'status' });
  const form = h(
    'form',
    { class: 'acknowledge', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: id }, t('alert.noteLabel')), field),
    h('button', { type: 'submit' }, t('alert.acknowledge')),
    message,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!field.value.trim()) {
      message.textContent = t('alert.noteNeeded');
      field.focus();
      return;
    }
    try {
      await api.acknowledgeAlert(alert.id, field.value);
      message.textContent = t('alert.acknowledged');
      await resolve();
    } catch (error) {
      message.textContent = error instanceof ApiError ? error.detail : String(error);
    }
  });
  return form;
}

// One alert as a row of the worklist or the dashboard: the patient, the rule, when.
export function alertItem(alert: Alert, withPatient: boolean, acknowledge: boolean): HTMLElement {
  return h(
    'li',
    { class: `alert alert-${alert.severity}` },
    h(
      'p',
      {},
      h('strong', {}, severity(alert)),
      ' · ',
      withPatient ? h('a', { href: `/patients/${alert.patient_id}` }, alert.patient_identifier) : null,
      withPatient ? ' · ' : null,
      h('time', { datetime: new Date(alert.created_ms).toISOString() }, formatTime(alert.created_ms)),
    ),
    h('p', {}, alert.message),
    acknowledge ? acknowledgeForm(alert) : null,
  );
}

// The worklist: the open alerts of the caller's sites, newest first.
export async function worklistView(): Promise<HTMLElement> {
  const [open, overdue] = await Promise.all([api.alerts(), overdueSection()]);
  return h(
    'section',
    { class: 'worklist' },
    h('h1', {}, t('alert.worklist')),
    h('p', { class: 'lede' }, t('alert.worklistIntro')),
    open.items.length
      ? h('ul', { class: 'alerts' }, ...open.items.map((a) => alertItem(a, true, false)))
      : h('p', { role: 'status' }, t('alert.none')),
    overdue,
  );
}

// The site's admins: alerts left open past the site's deadline.
export async function overdueView(): Promise<HTMLElement> {
  const overdue = await api.overdueAlerts();
  return h(
    'section',
    {},
    h('h1', {}, t('alert.overdue')),
    overdue.items.length
      ? h(
          'ul',
          { class: 'alerts' },
          ...overdue.items.map((a) =>
            h('li', { class: 'alert alert-high' }, h('p', {}, `${a.patient_identifier} · ${a.message}`), h('p', { class: 'meta' }, t('alert.dueSince', { date: formatTime(a.due_ms ?? a.created_ms) }))),
          ),
        )
      : h('p', { role: 'status' }, t('alert.noneOverdue')),
  );
}
