import { ApiError } from '../api';
import { t } from '../i18n';

// A participant's quick changes each send a request, and two requests in flight may be handled
// by the server in either order: a whole sort sent a moment before the next one could land
// after it and put the older piles back. So each save waits for the one before it has
// answered. The status says "Saving…" while any is waiting, and when the last has answered,
// "Saved." — or the first refusal of that run, so an error is never hidden by a later success.
export function savesInOrder(status: HTMLElement): (send: () => Promise<unknown>) => Promise<void> {
  let last: Promise<void> = Promise.resolve();
  let waiting = 0;
  let refusal: string | null = null;
  return (send) => {
    waiting++;
    status.textContent = t('join.saving');
    last = last.then(async () => {
      try {
        await send();
      } catch (error) {
        refusal ??= error instanceof ApiError ? error.detail : String(error);
      } finally {
        waiting--;
        if (waiting === 0) {
          status.textContent = refusal ?? t('join.saved');
          refusal = null;
        }
      }
    });
    return last;
  };
}
