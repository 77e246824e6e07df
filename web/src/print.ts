import { h } from './dom';
import { t } from './i18n';

// One click to a printed copy: the server's print document loads in a hidden frame and the
// browser's print dialog opens on it, so what prints is the clean document, not the app around
// it. The frame goes once printing is over. A link beside the button opens the same document
// to read or save. A document that does not load as HTML (signed out, no longer shared) is
// reported in `status` instead of printed.
export function printControls(url: string, label: string): HTMLElement {
  const status = h('span', { role: 'status' });
  const button = h('button', { type: 'button', class: 'secondary' }, label);
  button.addEventListener('click', () => {
    status.textContent = '';
    document.querySelector('iframe.print-frame')?.remove();
    const frame = h('iframe', { class: 'print-frame', title: label, tabindex: '-1', 'aria-hidden': 'true' });
    frame.addEventListener('load', () => {
      const page = frame.contentWindow;
      if (!page || frame.contentDocument?.contentType !== 'text/html') {
        status.textContent = t('print.failed');
        frame.remove();
        return;
      }
      page.addEventListener('afterprint', () => frame.remove(), { once: true });
      page.focus();
      page.print();
    }, { once: true });
    frame.src = url;
    document.body.append(frame);
  });
  return h('p', { class: 'print' }, button, ' ', h('a', { href: url, target: '_blank', rel: 'noopener' }, t('print.open')), ' ', status);
}
