import { api, ApiError } from '../api';
import { h } from '../dom';
import { t } from '../i18n';

// One's own calendar feed: a secret address a calendar app subscribes to (due days and visits).
// The address is shown once when made; making another stops the one before.
export function calendarFeed(): HTMLElement {
  const address = h('input', { id: 'feed-address', type: 'text', readonly: true, hidden: true });
  const label = h('label', { for: 'feed-address', hidden: true }, t('feed.address'));
  const message = h('p', { role: 'status' });
  const create = h('button', { type: 'button' }, t('feed.create'));
  const remove = h('button', { type: 'button', class: 'secondary' }, t('feed.remove'));
  create.addEventListener('click', async () => {
    try {
      const feed = await api.createCalendarFeed();
      address.value = new URL(feed.path, location.origin).href;
      address.hidden = false;
      label.hidden = false;
      address.select();
      message.textContent = '';
    } catch (error) {
      message.textContent = error instanceof ApiError ? error.detail : String(error);
    }
  });
  remove.addEventListener('click', async () => {
    await api.removeCalendarFeed();
    address.hidden = true;
    label.hidden = true;
    message.textContent = t('feed.removed');
  });
  return h('section', { class: 'card' }, h('h2', {}, t('feed.title')), h('p', {}, t('feed.intro')), h('div', { class: 'field' }, label, address), h('p', {}, create, ' ', remove), message);
}
