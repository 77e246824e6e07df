import { api, type Patient } from '../api';
import { h } from '../dom';
import { t } from '../i18n';

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

export async function patientsView(): Promise<HTMLElement> {
  const [populations, first] = await Promise.all([api.populations(), api.patients()]);
  const population = new Map(populations.items.map((p) => [p.id, p.name]));
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
    append(page.items);
    count.textContent = page.items.length ? '' : t('patients.noneFound', { q });
  });
  const append = (list: Patient[]) =>
    body.append(
      ...list.map((p) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, h('a', { href: `/patients/${p.id}` }, p.identifier)),
          h('td', {}, personName(p)),
          h('td', {}, population.get(p.population_id) ?? `#${p.population_id}`),
          h('td', {}, p.birth_date),
          h('td', {}, t(`sex.${p.sex}`)),
        ),
      ),
    );
  append(patients);
  more.addEventListener('click', async () => {
    if (!cursor) return;
    const page = await api.patients(cursor, q);
    cursor = page.next;
    more.hidden = !cursor;
    append(page.items);
  });
  return h(
    'section',
    {},
    h('h1', {}, t('patients.title')),
    h('p', {}, t('patients.intro')),
    find,
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        {},
        h('caption', {}, t('patients.caption')),
        h('thead', {}, h('tr', {}, ...['patients.identifier', 'patients.name', 'patients.population', 'patients.birthDate', 'patients.sex'].map((k) => h('th', { scope: 'col' }, t(k as 'patients.identifier'))))),
        body,
      ),
    ),
    more,
  );
}
