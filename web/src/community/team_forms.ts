import { api, type Population, type Team } from '../api';
import { h } from '../dom';
import { localName, t } from '../i18n';
import { navigate, resolve } from '../router';
import { field, onSubmit, select } from '../components/form';
import { nameTranslations } from '../components/names';
import type { Names } from '../shell/names';

// Adding a team (a site's admins, for a population of their sites) and renaming it or moving it
// to another population of its site (the site's admins; its leads may rename it).

function populationChoice(id: string, populations: Population[], names: Names, value?: number): HTMLSelectElement {
  return select(
    id,
    'population_id',
    populations.map((p) => [String(p.id), `${localName(p)} (${names.site(p.site_id)})`]),
    value === undefined ? '' : String(value),
  );
}

export function addTeamForm(populations: Population[], names: Names): HTMLElement {
  const name = h('input', { id: 'team-name', name: 'name', required: true, maxlength: 200, autocomplete: 'off' });
  const population = populationChoice('team-population', populations, names);
  const translations = nameTranslations('team-name');
  const form = h(
    'form',
    { class: 'card', 'aria-labelledby': 'add-team' },
    h('h2', { id: 'add-team' }, t('admin.addTeam')),
    field(t('admin.teamName'), name),
    ...translations.fields,
    field(t('team.population'), population),
    h('button', { type: 'submit' }, t('admin.add')),
  );
  onSubmit(form, async () => {
    const team = await api.addTeam({ population_id: Number(population.value), name: name.value.trim(), names: translations.value() });
    await navigate(`/teams/${team.id}`);
  });
  return form;
}

export function changeTeamForm(team: Team, populations: Population[] | null, names: Names): HTMLElement {
  const name = h('input', { id: 'team-name', name: 'name', required: true, maxlength: 200, autocomplete: 'off' });
  name.value = team.name;
  const population = populations ? populationChoice('team-population', populations, names, team.population_id) : null;
  const translations = nameTranslations('team-name', team.names);
  const form = h(
    'form',
    {},
    field(t('admin.teamName'), name),
    ...translations.fields,
    population ? field(t('team.population'), population) : null,
    h('button', { type: 'submit' }, t('admin.save')),
  );
  onSubmit(form, async () => {
    await api.changeTeam(team.id, { name: name.value.trim(), names: translations.value(), ...(population ? { population_id: Number(population.value) } : {}) });
    await resolve();
  });
  return h('details', { class: 'card' }, h('summary', {}, t('admin.changeTeam')), form);
}
