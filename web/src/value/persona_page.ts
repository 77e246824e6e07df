import { api, ApiError, type Persona } from '../api';
import { sharesFor, worksIn } from '../app_state';
import { shareSwitch } from '../components/share';
import { h } from '../dom';
import { formatNumber, t } from '../i18n';
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
    ...personaFacts(persona),
    shareSwitch('persona-shared', workbook?.shared ?? true, sharesFor(team), (shared) => api.shareWorkbook(persona.workbook_id, shared)),
    h('h2', {}, t('value.personaTextsTitle')),
    workbook?.text_visible === false ? h('p', { class: 'meta' }, t('workbook.progressOnly')) : texts.length ? h('div', {}, ...texts) : h('p', {}, t('value.personaNoTexts')),
    worksIn(team) ? h('p', {}, h('a', { href: `/workbooks/${persona.workbook_id}` }, t('value.personaTexts', { name: persona.name }))) : null,
  );
}
