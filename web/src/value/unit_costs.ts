import { api } from '../api';
import { session } from '../app_state';
import { field, onSubmit } from '../components/form';
import { h } from '../dom';
import { formatNumber, t } from '../i18n';
import { resolve } from '../router';

// A site's prices: its unit-cost table (replaced whole from a CSV file, all or nothing, every
// refused line named) and the value of a person's time per minute. Everyone signed in reads
// them; the site's admins change them.
export async function unitCostsView(params: Record<string, string>): Promise<HTMLElement> {
  const id = Number(params.id);
  const [site, table] = await Promise.all([api.siteDetail(id), api.unitCosts(id)]);
  const admin = session.user!.memberships.some((m) => m.role === 'admin' && (m.site_id === id || m.site_id === null));
  return h(
    'section',
    {},
    h('p', {}, h('a', { href: `/sites/${id}` }, t('common.back'))),
    h('h1', {}, t('costs.unitCostsOf', { site: site.name })),
    h('p', {}, t('costs.unitCostsIntro')),
    h('p', {}, t('costs.personTime', { value: formatNumber(site.person_time_value_per_minute, 2), currency: site.currency })),
    table.items.length
      ? h(
          'div',
          { class: 'table-wrap', tabindex: 0 },
          h(
            'table',
            {},
            h('caption', {}, t('costs.table')),
            h('thead', {}, h('tr', {}, ...['costs.code', 'costs.unitCost', 'costs.currency', 'costs.validFrom'].map((k) => h('th', { scope: 'col' }, t(k as never))))),
            h('tbody', {}, ...table.items.map((u) => h('tr', {}, h('th', { scope: 'row' }, u.code), h('td', {}, formatNumber(u.unit_cost, 2)), h('td', {}, u.currency), h('td', {}, u.valid_from)))),
          ),
        )
      : h('p', {}, t('costs.noTable')),
    admin ? uploadForm(id) : null,
    admin ? timeForm(id, site.person_time_value_per_minute) : null,
  );
}

function uploadForm(site: number): HTMLElement {
  const file = h('input', { id: 'unit-costs-file', name: 'file', type: 'file', accept: '.csv,text/csv', required: true });
  const form = h('form', { class: 'card' }, h('h2', {}, t('costs.replace')), field(t('costs.csvFile'), file, t('costs.csvHint')), h('button', { type: 'submit' }, t('costs.upload')));
  onSubmit(form, async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    await api.replaceUnitCosts(site, await chosen.text());
    await resolve();
  });
  return form;
}

function timeForm(site: number, value: number): HTMLElement {
  const input = h('input', { id: 'person-time', name: 'person_time_value_per_minute', type: 'number', min: 0, step: 'any', value: String(value), required: true });
  const form = h('form', { class: 'card' }, h('h2', {}, t('costs.personTimeTitle')), field(t('costs.personTimeLabel'), input, t('costs.personTimeHint')), h('button', { type: 'submit' }, t('costs.save')));
  onSubmit(form, async () => {
    await api.setPersonTimeValue(site, Number(input.value));
    await resolve();
  });
  return form;
}
