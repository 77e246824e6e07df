import { api, type AuditRecord } from '../api';
import { h } from '../dom';
import { formatTime, t } from '../i18n';
import { pagedTable } from '../components/paged_table';

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
