// Long work (an import, a restore): a dialog that says what it is doing,
// how far it has got, and lets the person cancel it with nothing changed.

import * as api from '../api.js';
import { h } from '../dom.js';

/** What each stage is called, for a person. */
const STAGES = {
  reading: 'Reading the file',
  checking: 'Checking every record',
  writing: 'Writing records',
  indexing: 'Building the search index',
  verifying: 'Checking the backup is whole',
  saving_current: 'Saving your journal as it is, first',
  copying: 'Restoring the backup',
  updating: 'Updating your journal',
};

/** Work that ends sooner than this never shows the dialog. */
const SHOW_AFTER_MS = 250;

/**
 * Runs `work`, which reports its steps to the function it is given, and
 * shows a progress dialog with a Cancel button once it takes longer than a
 * moment. Resolves or rejects as `work` does; a cancelled work rejects with
 * an ApiError of code `cancelled`.
 * @template T
 * @param {{id: string, title: string}} options
 * @param {(onProgress: (step: import('../api.js').Step) => void) => Promise<T>} work
 * @returns {Promise<T>}
 */
export async function withProgress({ id, title }, work) {
  /** @type {HTMLDialogElement|null} */
  let dialog = null;
  /** @type {import('../api.js').Step|null} */
  let last = null;
  let timer = 0;
  const stage = h('p', { class: 'progress-stage', id: `${id}-stage`, text: '' });
  const bar = /** @type {HTMLProgressElement} */ (h('progress', { class: 'progress-bar', 'aria-labelledby': `${id}-stage` }));
  const detail = h('p', { class: 'small muted progress-detail', 'aria-live': 'polite', text: '' });
  const cancel = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'button quiet', 'data-action': 'cancel-work', text: 'Cancel' }));
  const stop = () => {
    if (cancel.disabled) return;
    cancel.disabled = true;
    cancel.textContent = 'Cancelling…';
    detail.textContent = 'Stopping; nothing will be changed.';
    api.cancelWork().catch(() => {});
  };
  cancel.addEventListener('click', stop);

  const draw = () => {
    if (!last) return;
    stage.textContent = STAGES[last.stage] ?? 'Working';
    if (last.total > 0) {
      bar.max = last.total;
      bar.value = Math.min(last.done, last.total);
    } else {
      bar.removeAttribute('value');
    }
    if (!cancel.disabled) {
      detail.textContent = last.total > 0
        ? (last.stage === 'writing'
          ? `${last.done.toLocaleString()} of ${last.total.toLocaleString()} records`
          : `${Math.floor((100 * last.done) / last.total)}%`)
        : '';
    }
  };
  const show = () => {
    dialog = /** @type {HTMLDialogElement} */ (h('dialog', { class: 'sheet small progress-sheet', id, 'aria-labelledby': `${id}-title`, 'aria-busy': 'true' },
      h('div', { class: 'sheet-head' }, h('h2', { id: `${id}-title`, text: title })),
      h('div', { class: 'sheet-body stack-small' }, stage, bar, detail,
        h('div', { class: 'form-actions' }, cancel))));
    // Esc asks to cancel the work instead of hiding the dialog over it.
    dialog.addEventListener('cancel', (event) => { event.preventDefault(); stop(); });
    document.body.append(dialog);
    draw();
    dialog.showModal();
    cancel.focus();
  };
  /** @param {import('../api.js').Step} step */
  const onProgress = (step) => {
    last = step;
    if (dialog) draw();
    else if (!timer) timer = window.setTimeout(show, SHOW_AFTER_MS);
  };
  try {
    return await work(onProgress);
  } finally {
    window.clearTimeout(timer);
    if (dialog) { dialog.close(); dialog.remove(); }
  }
}
