import { api, ApiError, type Persona } from '../api';
import { sharesFor, worksIn } from '../app_state';
import { field, onSubmit } from '../components/form';
import { shareSwitch } from '../components/share';
import { h } from '../dom';
import { formatNumber, t } from '../i18n';
import { resolve } from '../router';
import { text } from '../workbooks/texts';

// A persona's stratum and live numbers as the reader may see them (withheld under the minimum
// cell for readers outside the site's staff); shared by the persona's page and the team's list.
export function personaFacts(p: Persona): HTMLElement[] {
  const withheld = t('value.withheld');
  const meta = h('p', { class: 'meta' }, p.professional ? t('value.personaProfessional') : p.stratum ? t('value.personaOf', { stratum: p.stratum === 'Other' ? t('value.other') : p.stratum }) : t('value.personaNoStratum'));
  if (!p.numbers) return [meta];
  const n = p.numbers;
  const scores = Object.entries(n.scores).flatMap(([code, q]) => [
    h('dt', {}, t('value.scoreMedian', { code })),
    h('dd', {}, q === null ? withheld : `${formatNumber(q.median)} (${formatNumber(q.q1)}–${formatNumber(q.q3)})`),
  ]);
  return [
    meta,
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, t('value.people')),
      h('dd', {}, n.people === null ? withheld : formatNumber(n.people)),
      h('dt', {}, t('value.utilisation')),
      h('dd', {}, n.utilisation_per_person_year === null ? withheld : formatNumber(n.utilisation_per_person_year, 1)),
      h('dt', {}, t('value.costPerYear', { currency: p.currency })),
      h('dd', {}, n.cost_per_person_year === null ? withheld : formatNumber(n.cost_per_person_year, 0)),
      ...scores,
    ),
    p.window ? h('p', { class: 'meta' }, t('value.personaWindow', { from: p.window.from, to: p.window.to })) : h('span'),
  ];
}

// One persona: its live numbers, its texts (the answers of its workbook, where every revision is
// kept) and, for the team's leads and the site's admins, whether the community may read it.
export async function personaView(params: Record<string, string>): Promise<HTMLElement> {
  const persona = await api.persona(Number(params.id));
  const [team, workbook, guide] = await Promise.all([
    api.team(persona.team_id),
    api.workbook(persona.workbook_id).catch((e: unknown) => (e instanceof ApiError && e.status === 403 ? null : Promise.reject(e))),
    api.guide('persona'),
  ]);
  const answers = new Map((workbook?.answers ?? []).map((a) => [a.link_id, a.text]));
  const texts = guide.items
    .filter((item) => answers.get(item.link_id))
    .flatMap((item) => [h('h3', {}, text(item.text)), h('div', { class: 'answer' }, answers.get(item.link_id) ?? '')]);
  return h(
    'section',
    {},
    h('p', {}, h('a', { href: `/teams/${team.id}/value` }, t('common.back'))),
    h('h1', {}, persona.name),
    persona.picture ? h('img', { class: 'portrait', src: `${persona.picture.href}?v=${persona.picture.width}x${persona.picture.height}-${Date.now()}`, alt: t('value.pictureOf', { name: persona.name }), width: persona.picture.width, height: persona.picture.height }) : null,
    ...personaFacts(persona),
    worksIn(team) ? pictureForm(persona) : null,
    shareSwitch('persona-shared', workbook?.shared ?? true, sharesFor(team), (shared) => api.shareWorkbook(persona.workbook_id, shared)),
    h('h2', {}, t('value.personaTextsTitle')),
    workbook?.text_visible === false ? h('p', { class: 'meta' }, t('workbook.progressOnly')) : texts.length ? h('div', {}, ...texts) : h('p', {}, t('value.personaNoTexts')),
    worksIn(team) ? h('p', {}, h('a', { href: `/workbooks/${persona.workbook_id}` }, t('value.personaTexts', { name: persona.name }))) : null,
  );
}

// A picture for the persona: a PNG or JPEG of at most 2 MiB, which the server writes again (only
// its pixels are kept); or none.
function pictureForm(persona: Persona): HTMLElement {
  const file = h('input', { id: 'persona-picture', name: 'picture', type: 'file', accept: 'image/png,image/jpeg', required: true });
  const form = h('form', { class: 'card' }, h('h2', {}, t('value.picture')), field(t('value.pictureFile'), file, t('value.pictureHint')), h('button', { type: 'submit' }, t('value.pictureUpload')));
  onSubmit(form, async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    await api.setPersonaPicture(persona.id, chosen);
    await resolve();
  });
  if (persona.picture) {
    form.append(h('button', { type: 'button', class: 'secondary', onclick: async () => { await api.removePersonaPicture(persona.id); await resolve(); } }, t('value.pictureRemove')));
  }
  return form;
}
