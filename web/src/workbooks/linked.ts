import { api, ApiError } from '../api';
import { h } from '../dom';
import { formatNumber, t } from '../i18n';

// The personas and process maps an answer links to ([label](/personas/12), [label](/process-maps/7),
// as the picker writes them; the server reads them the same way for the print and exports),
// each once, in order of first appearance.
export function linksIn(markdown: string): { kind: 'persona' | 'process-map'; id: number }[] {
  const found: { kind: 'persona' | 'process-map'; id: number }[] = [];
  for (const m of markdown.matchAll(/\]\((?:[a-z][a-z0-9+.-]*:\/\/[^/\s)]+)?\/(personas|process-maps)\/(\d+)(?:[?#][^)]*)?\)/gi)) {
    const kind = m[1] === 'personas' ? 'persona' : 'process-map';
    const id = Number(m[2]);
    if (id > 0 && !found.some((f) => f.kind === kind && f.id === id)) found.push({ kind, id });
  }
  return found;
}

// Under an answer: a card for each persona (its stratum's people, as the reader may see them) and
// map (its picture and total cost) it links to; one the reader may not see says so.
export function linkedCards(markdown: string): HTMLElement {
  const box = h('div', { class: 'linked-cards' });
  for (const link of linksIn(markdown).slice(0, 12)) {
    const card = h('article', { class: 'card linked' }, h('p', { class: 'meta' }, t('common.loading')));
    box.append(card);
    void fill(card, link).catch((error: unknown) => {
      card.replaceChildren(h('p', { class: 'meta' }, error instanceof ApiError && (error.status === 403 || error.status === 404) ? t('workbook.linkedHidden') : t('workbook.linkedFailed')));
    });
  }
  return box;
}

async function fill(card: HTMLElement, link: { kind: 'persona' | 'process-map'; id: number }): Promise<void> {
  if (link.kind === 'persona') {
    const p = await api.persona(link.id);
    const people = p.numbers ? (p.numbers.people === null ? t('value.withheld') : formatNumber(p.numbers.people)) : null;
    card.replaceChildren(
      h('h4', {}, h('a', { href: `/personas/${p.id}` }, t('workbook.personaLink', { name: p.name }))),
      h('p', { class: 'meta' }, p.stratum ? `${p.stratum === 'Other' ? t('value.other') : p.stratum}${people !== null ? ` · ${t('value.people')}: ${people}` : ''}` : t('value.personaNoStratum')),
    );
    return;
  }
  const [map, costs] = await Promise.all([api.processMap(link.id), api.mapCosts(link.id)]);
  card.replaceChildren(
    h('h4', {}, h('a', { href: `/process-maps/${map.id}` }, t('workbook.mapLink', { name: map.name }))),
    h('img', { class: 'map-thumbnail', src: `/api/v1/process-maps/${map.id}/export?format=svg`, alt: t('map.pictureAlt', { name: map.name, steps: map.steps.map((s) => s.title).join('; ') }) }),
    h('p', { class: 'meta' }, t('workbook.mapTotal', { total: formatNumber(costs.total, 0), currency: costs.currency })),
  );
}
