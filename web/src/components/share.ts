import { h } from '../dom';
import { t } from '../i18n';

// "Shared with the community": a switch for who may share (the team's leads, the site's admins),
// a sentence for everyone else. share() is the call; a refusal puts the switch back and says why.
export function shareSwitch(id: string, shared: boolean, mayShare: boolean, share: (shared: boolean) => Promise<unknown>): HTMLElement {
  if (!mayShare) return h('p', { class: 'meta' }, shared ? t('share.isShared') : t('share.notShared'));
  const box = h('input', { id, type: 'checkbox', checked: shared });
  const status = h('span', { class: 'meta', role: 'status' });
  box.addEventListener('change', async () => {
    box.disabled = true;
    try {
      await share(box.checked);
      status.textContent = box.checked ? t('share.nowShared') : t('share.nowPrivate');
    } catch (error) {
      box.checked = !box.checked;
      status.textContent = error instanceof Error ? error.message : String(error);
    } finally {
      box.disabled = false;
    }
  });
  return h('div', { class: 'check' }, box, h('label', { for: id }, t('share.label')), ' ', status);
}
