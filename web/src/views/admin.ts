import { api, type AuditRecord, type Page, type User } from '../api';
import { h } from '../dom';
import { formatTime, t } from '../i18n';
import { describeMembership, loadNames, type Names } from './names';

// A table that pages with a "Show more" button.
function pagedTable<T>(
  caption: string,
  headings: string[],
  load: (cursor?: string) => Promise<Page<T>>,
  row: (item: T) => HTMLTableRowElement,
): HTMLElement {
  const body = h('tbody');
  const more = h('button', { type: 'button', class: 'secondary' }, t('common.more'));
  let cursor: string | undefined;
  async function loadMore(): Promise<void> {
    const page = await load(cursor);
    body.append(...page.items.map(row));
    cursor = page.next ?? undefined;
    more.hidden = !cursor;
  }
  more.addEventListener('click', () => void loadMore());
  void loadMore();
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, ...headings.map((x) => h('th', { scope: 'col' }, x)))),
      body,
    ),
    more,
  );
}

export async function usersView(): Promise<HTMLElement> {
  const names: Names = await loadNames();
  return h(
    'section',
    {},
    h('h1', {}, t('users.title')),
    pagedTable<User>(
      t('users.title'),
      [t('users.username'), t('users.name'), t('users.roles')],
      (cursor) => api.users(cursor),
      (user) =>
        h(
          'tr',
          {},
          h('td', {}, user.username),
          h('td', {}, user.display_name),
          h('td', {}, user.memberships.map((m) => describeMembership(m, names)).join('; ')),
        ),
    ),
  );
}

export async function auditView(): Promise<HTMLElement> {
  // The first page is loaded before the view shows, so a refusal shows as the page's error.
  const first = await api.audit();
  let served = false;
  return h(
    'section',
    {},
    h('h1', {}, t('audit.title')),
    h('p', {}, t('audit.intro')),
    pagedTable<AuditRecord>(
      t('audit.title'),
      [t('audit.seq'), t('audit.time'), t('audit.user'), t('audit.action'), t('audit.resource'), t('audit.outcome')],
      (cursor) => (served ? api.audit(cursor) : ((served = true), Promise.resolve(first))),
      (r) =>
        h(
          'tr',
          {},
          h('td', {}, String(r.seq)),
          h('td', {}, formatTime(r.time_ms)),
          h('td', {}, r.user_id === null ? '–' : String(r.user_id)),
          h('td', {}, r.action),
          h('td', {}, r.resource_id ? `${r.resource_type} ${r.resource_id}` : r.resource_type),
          h('td', { class: `outcome-${r.outcome}` }, t(`outcome.${r.outcome}`)),
        ),
    ),
  );
}
