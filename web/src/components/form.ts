import { ApiError } from '../api';
import { h } from '../dom';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

// A labelled control. The control's name is the API member it sets, so a refusal naming that
// member (RFC 9457 `field`, a JSON pointer) marks it.
export function field(label: string, control: Control, hint?: string): HTMLElement {
  const hintId = hint ? `${control.id}-hint` : undefined;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h(
    'div',
    { class: 'field' },
    h('label', { for: control.id }, label),
    control,
    hint ? h('p', { class: 'meta', id: hintId }, hint) : null,
  );
}

// A <select> of [value, label] options.
export function select(id: string, name: string, options: [string, string][], value = ''): HTMLSelectElement {
  return h(
    'select',
    { id, name },
    ...options.map(([v, label]) => h('option', { value: v, selected: v === value }, label)),
  );
}

// Submits a form through action. While it runs the submit button is disabled; a refusal is
// written to the form's status line (role=alert, so it is announced) and the control it names
// gets aria-invalid and the focus. Success is action's to show.
export function onSubmit(form: HTMLFormElement, action: () => Promise<void>): HTMLElement {
  const status = h('p', { class: 'form-error', role: 'alert' });
  form.append(status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector<HTMLButtonElement>('button[type=submit]');
    if (button) button.disabled = true;
    status.textContent = '';
    form.querySelectorAll('[aria-invalid]').forEach((c) => c.removeAttribute('aria-invalid'));
    try {
      await action();
    } catch (error) {
      status.textContent = error instanceof ApiError ? error.detail : String(error);
      const member = error instanceof ApiError ? error.field?.split('/').filter(Boolean).pop() : undefined;
      const control = member ? form.querySelector<Control>(`[name="${CSS.escape(member)}"]`) : null;
      control?.setAttribute('aria-invalid', 'true');
      control?.focus();
    } finally {
      if (button) button.disabled = false;
    }
  });
  return status;
}
