import { api, type GuideItem } from '../api';
import { h } from '../dom';
import { language, t } from '../i18n';
import { text } from './texts';
import { printControls } from '../print';

// Reference mode ("high road"): every guide, and one guide whole at a glance, searchable.


export async function guidesView(): Promise<HTMLElement> {
  const guides = (await api.guides()).items;
  return h(
    'section',
    {},
    h('h1', {}, t('guides.title')),
    h('p', {}, t('guides.intro')),
    h(
      'ul',
      { class: 'cards' },
      ...guides.map((g) =>
        h('li', { class: 'card' }, h('h2', {}, h('a', { href: `/guides/${g.id}` }, text(g.title))), h('p', {}, text(g.description))),
      ),
    ),
  );
}

function render(items: GuideItem[], depth: number): HTMLElement[] {
  return items.map((item) => {
    if (item.type === 'group') {
      return h(
        'section',
        { class: 'guide-step', 'data-search': text(item.text).toLowerCase() },
        h(depth === 0 ? 'h2' : 'h3', {}, text(item.text)),
        item.introduction ? h('p', { class: 'intro' }, text(item.introduction)) : null,
        ...render(item.items ?? [], depth + 1),
      );
    }
    return h(
      'div',
      { class: 'guide-question', 'data-search': `${text(item.text)} ${text(item.hint)}`.toLowerCase() },
      h('p', { class: 'question-text' }, text(item.text)),
      item.hint ? h('p', { class: 'hint' }, text(item.hint)) : null,
    );
  });
}

export async function guideView(params: Record<string, string>): Promise<HTMLElement> {
  const guide = await api.guide(params.id ?? '');
  const content = h('div', { class: 'guide-content' }, ...render(guide.items, 0));
  const count = h('p', { role: 'status', class: 'muted' });
  const search = h('input', { id: 'guide-search', type: 'search' });
  search.addEventListener('input', () => {
    const needle = search.value.trim().toLowerCase();
    let shown = 0;
    content.querySelectorAll<HTMLElement>('.guide-question').forEach((q) => {
      const match = !needle || (q.dataset['search'] ?? '').includes(needle);
      q.hidden = !match;
      shown += match ? 1 : 0;
    });
    content.querySelectorAll<HTMLElement>('.guide-step').forEach((s) => {
      s.hidden = !!needle && !s.querySelector('.guide-question:not([hidden])');
    });
    count.textContent = needle ? t('guides.matches', { n: shown }) : '';
  });
  return h(
    'section',
    {},
    h('p', {}, h('a', { href: '/guides' }, t('common.back'))),
    h('h1', {}, text(guide.title)),
    h('p', {}, text(guide.description)),
    printControls(`/api/v1/guides/${guide.id}/print?lang=${language()}`, t('guides.printBlank')),
    h('div', { class: 'field' }, h('label', { for: 'guide-search' }, t('guides.search')), search),
    count,
    content,
  );
}
