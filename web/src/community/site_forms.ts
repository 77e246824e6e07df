import { api, type Population, type Site } from '../api';
import { h } from '../dom';
import { localName, t } from '../i18n';
import { navigate, resolve } from '../router';
import { field, onSubmit } from '../components/form';
import { nameTranslations } from '../components/names';

// The forms that add and change sites and populations. Each is shown only to those the policy
// lets use it (sites: the community's admins; populations: the site's admins), so none is a
// button that fails.

function nameInput(id: string, value = ''): HTMLInputElement {
  const input = h('input', { id, name: 'name', required: true, maxlength: 200, autocomplete: 'off' });
  input.value = value;
  return input;
}

function countryInput(id: string, value = ''): HTMLInputElement {
  const input = h('input', { id, name: 'country', required: true, pattern: '[A-Z]{2}', maxlength: 2, size: 3, autocapitalize: 'characters', autocomplete: 'off' });
  input.value = value;
  return input;
}

export function addSiteForm(): HTMLElement {
  const name = nameInput('site-name');
  const country = countryInput('site-country');
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': 'add-site' },
    h('h2', { id: 'add-site' }, t('admin.addSite')),
    field(t('sites.name'), name),
    field(t('sites.country'), country, t('admin.countryHint')),
    h('button', { type: 'submit' }, t('admin.add')),
  );
  onSubmit(form, async () => {
    const site = await api.addSite({ name: name.value.trim(), country: country.value.trim().toUpperCase() });
    await navigate(`/sites/${site.id}`);
  });
  return form;
}

export function changeSiteForm(site: Site): HTMLElement {
  const name = nameInput('site-name', site.name);
  const country = countryInput('site-country', site.country);
  const form = h(
    'form',
    {},
    field(t('sites.name'), name),
    field(t('sites.country'), country, t('admin.countryHint')),
    h('button', { type: 'submit' }, t('admin.save')),
  );
  onSubmit(form, async () => {
    await api.changeSite(site.id, { name: name.value.trim(), country: country.value.trim().toUpperCase() });
    await resolve();
  });
  return h('details', { class: 'card' }, h('summary', {}, t('admin.changeSite')), form);
}

function describe(id: string, value = ''): HTMLTextAreaElement {
  const area = h('textarea', { id, name: 'description', rows: 3, maxlength: 2000 });
  area.value = value;
  return area;
}

export function addPopulationForm(siteId: number): HTMLElement {
  const name = nameInput('population-name');
  const names = nameTranslations('population-name');
  const description = describe('population-description');
  const descriptions = nameTranslations('population-description', {}, true);
  const form = h(
    'form',
    { class: 'card', 'aria-labelledby': 'add-population' },
    h('h2', { id: 'add-population' }, t('admin.addPopulation')),
    field(t('admin.populationName'), name),
    ...names.fields,
    field(t('admin.description'), description),
    ...descriptions.fields,
    h('button', { type: 'submit' }, t('admin.add')),
  );
  onSubmit(form, async () => {
    await api.addPopulation({ site_id: siteId, name: name.value.trim(), names: names.value(), description: description.value.trim(), descriptions: descriptions.value() });
    await resolve();
  });
  return form;
}

export function changePopulationForm(population: Population): HTMLElement {
  const name = nameInput(`population-${population.id}-name`, population.name);
  const names = nameTranslations(`population-${population.id}-name`, population.names);
  const description = describe(`population-${population.id}-description`, population.description);
  const descriptions = nameTranslations(`population-${population.id}-description`, population.descriptions, true);
  const form = h(
    'form',
    {},
    field(t('admin.populationName'), name),
    ...names.fields,
    field(t('admin.description'), description),
    ...descriptions.fields,
    h('button', { type: 'submit' }, t('admin.save')),
  );
  onSubmit(form, async () => {
    await api.changePopulation(population.id, { name: name.value.trim(), names: names.value(), description: description.value.trim(), descriptions: descriptions.value() });
    await resolve();
  });
  return h('details', {}, h('summary', {}, t('admin.changeNamed', { name: localName(population) })), form);
}
