// Doing a change from a button: run it, say it worked, redraw. A failure
// is said in words (a toast unless the caller shows it elsewhere) and
// nothing is redrawn, so what is on screen stays as it was.

import { toast } from '../dom.js';

const toastError = (error) => toast(error.message, 'error');

/**
 * Returns `run(action, message)`: awaits `action()`, then toasts `message`
 * (if any) and awaits `reload()`. Resolves to the action's result, or to
 * undefined after a failure (never rejects).
 * @param {() => any} reload
 * @param {{onError?: (error: any) => void}} [options]
 * @returns {<T>(action: () => Promise<T>, message?: string|null) => Promise<T|undefined>}
 */
export function actionRunner(reload, { onError = toastError } = {}) {
  return async (action, message) => {
    try {
      const result = await action();
      if (message) toast(message);
      await reload();
      return result;
    } catch (error) {
      onError(error);
      return undefined;
    }
  };
}
