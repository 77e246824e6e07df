import { type Page } from '../api';
import { h } from '../dom';
import { t } from '../i18n';

// A table that pages with a "Show more" button.
export function pagedTable<T>(
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
    { class: 'table-wrap', tabindex: 0 },
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
