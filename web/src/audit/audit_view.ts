import { allPages, api, type AuditFilter, type AuditRecord, type User } from '../api';
import { h } from '../dom';
import { formatTime, t } from '../i18n';
import { navigate } from '../router';
import { pagedTable } from '../components/paged_table';
import { field } from '../components/form';

// The audit trail for its admins, newest first, narrowed by account, person, action and days
// (the filters live in the address, so a filtered view can be shared and reloaded), with the
// same records as a CSV file.
export async function auditView(): Promise<HTMLElement> {
  const filter = filterOf(new URLSearchParams(location.search));
  // The first page is loaded before the view shows, so a refusal shows as the page's error.
  const [first, accounts] = await Promise.all([api.audit(filter), allAccounts()]);
  const usernames = new Map(accounts.map((u) => [u.id, u.username]));
  let served = false;
  return h(
    'section',
    {},
    h('h1', {}, t('audit.title')),
    h('p', {}, t('audit.intro')),
    filterForm(filter, accounts),
    h('p', {}, h('a', { href: api.auditExport(filter), download: 'audit-trail.csv', class: 'button secondary' }, t('audit.csv'))),
    pagedTable<AuditRecord>(
      t('audit.title'),
      [t('audit.seq'), t('audit.time'), t('audit.user'), t('audit.action'), t('audit.resource'), t('audit.person'), t('audit.outcome')],
      (cursor) => (served ? api.audit(filter, cursor) : ((served = true), Promise.resolve(first))),
      (r) =>
        h(
          'tr',
          {},
          h('td', {}, String(r.seq)),
          h('td', {}, formatTime(r.time_ms)),
          h('td', {}, r.user_id === null ? '–' : (usernames.get(r.user_id) ?? `#${r.user_id}`), r.role ? h('span', { class: 'meta' }, ` (${r.role})`) : null),
          h('td', {}, r.action),
          h('td', {}, r.resource_id ? `${r.resource_type} ${r.resource_id}` : r.resource_type),
          h('td', {}, [r.person_id, ...(r.person_ids ?? [])].filter((p) => p !== null).join(', ') || '–'),
          h('td', { class: `outcome-${r.outcome}` }, t(`outcome.${r.outcome}`)),
        ),
    ),
  );
}

function filterOf(params: URLSearchParams): AuditFilter {
  const filter: AuditFilter = {};
  const user = Number(params.get('user_id'));
  const person = Number(params.get('person_id'));
  if (user > 0) filter.user_id = user;
  if (person > 0) filter.person_id = person;
  for (const name of ['action', 'from', 'to'] as const) {
    const value = params.get(name);
    if (value) filter[name] = value;
  }
  return filter;
}

// The accounts the reader administers (the first 2000), for the account filter and for names
// in the table.
const allAccounts = () => allPages(api.users, 2000);

function filterForm(filter: AuditFilter, accounts: User[]): HTMLElement {
  const user = h('select', { id: 'audit-user', name: 'user_id' }, h('option', { value: '' }, t('audit.anyone')), ...accounts.map((u) => h('option', { value: String(u.id), selected: u.id === filter.user_id }, `${u.display_name} (${u.username})`)));
  const person = h('input', { id: 'audit-person', name: 'person_id', type: 'number', min: 1, inputmode: 'numeric' });
  person.value = filter.person_id ? String(filter.person_id) : '';
  const action = h('input', { id: 'audit-action', name: 'action', maxlength: 64, autocomplete: 'off', list: 'audit-actions' });
  action.value = filter.action ?? '';
  const actions = h('datalist', { id: 'audit-actions' }, ...['patient.', 'response.', 'user.', 'membership.', 'auth.', 'audit.read', 'alert.'].map((a) => h('option', { value: a })));
  const from = h('input', { id: 'audit-from', name: 'from', type: 'date' });
  from.value = filter.from ?? '';
  const to = h('input', { id: 'audit-to', name: 'to', type: 'date' });
  to.value = filter.to ?? '';
  const form = h(
    'form',
    { class: 'card filters', role: 'search', 'aria-label': t('audit.filters') },
    field(t('audit.user'), user),
    field(t('audit.personId'), person, t('audit.personHint')),
    field(t('audit.action'), action, t('audit.actionHint')),
    actions,
    field(t('audit.from'), from),
    field(t('audit.to'), to),
    h('button', { type: 'submit' }, t('audit.apply')),
    ' ',
    h('a', { href: '/admin/audit' }, t('audit.clear')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const control of [user, person, action, from, to]) {
      if (control.value.trim()) params.set(control.name, control.value.trim());
    }
    void navigate(`/admin/audit${params.size ? `?${params}` : ''}`);
  });
  return form;
}
