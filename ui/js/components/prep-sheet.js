// The prep sheet for a person's next 1-on-1, shown in a dialog and
// copyable as Markdown.

import * as api from '../api.js';
import { h, setSanitizedHtml, toast } from '../dom.js';

/** @param {import('../api.js').Person} person */
export async function openPrepSheet(person) {
  let sheet;
  try {
    sheet = await api.prepSheet(person.id);
  } catch (error) {
    toast(error.message, 'error');
    return;
  }
  const body = h('div', { class: 'markdown-body plain prep-body', id: 'prep-sheet' });
  setSanitizedHtml(body, sheet.html);
  const dialog = /** @type {HTMLDialogElement} */ (h('dialog', { class: 'sheet wide', id: 'prep-dialog', 'aria-labelledby': 'prep-title' }));
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(sheet.markdown);
      toast('Copied as Markdown');
    } catch {
      // Some webviews refuse the clipboard API: fall back to a selection.
      const area = /** @type {HTMLTextAreaElement} */ (h('textarea', { class: 'visually-hidden' }));
      area.value = sheet.markdown;
      dialog.append(area);
      area.select();
      const ok = document.execCommand('copy');
      area.remove();
      toast(ok ? 'Copied as Markdown' : 'Could not copy; select the text instead', ok ? 'info' : 'error');
    }
  };
  dialog.append(
    h('div', { class: 'sheet-head' },
      h('h2', { id: 'prep-title', text: `Prep for your 1-on-1 with ${person.name}` }),
      h('p', { text: 'What is open with them, and a few questions to ask.' })),
    h('div', { class: 'sheet-body scroll' }, body),
    h('div', { class: 'sheet-foot' },
      h('button', { type: 'button', class: 'button', 'data-action': 'copy-prep', onclick: copy }, 'Copy as Markdown'),
      h('button', { type: 'button', class: 'button primary', onclick: () => dialog.close() }, 'Done')));
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}
