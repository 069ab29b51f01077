// Protecting the journal with a passphrase: the dialogs that turn
// encryption on, change the passphrase and turn it off, the recovery key
// shown once (copy, print, "I have saved it"), and the first-run question.

import * as api from '../api.js';
import { h, icon, toast } from '../dom.js';
import { holdAutoLock, refreshLockInfo } from '../lock.js';
import { field, formDialog } from './dialog.js';

/**
 * A password input (nothing is echoed, nothing autocorrected).
 * @param {'new-password'|'current-password'} autocomplete
 */
export function secretInput(autocomplete = 'new-password') {
  return h('input', { type: 'password', autocomplete, spellcheck: 'false', autocapitalize: 'off' });
}

/** The plain statement that must come before a passphrase is set. */
function lossWarning() {
  return h('div', { class: 'callout warn', role: 'note' },
    h('strong', { text: 'There is no reset. ' }),
    'Candor keeps no copy of the passphrase. After this you get a recovery key: if you lose both the passphrase and the recovery key, nobody can open this journal again, not you and not Candor. The notes are gone.');
}

/**
 * Turns encryption on: a new passphrase typed twice, after the warning.
 * @param {{onDone?: () => any}} [options]
 */
export function openEnableDialog({ onDone } = {}) {
  const understand = h('label', { class: 'toggle', dataset: { field: 'understand' } },
    h('input', { type: 'checkbox', name: 'understand', id: 'enable-understand' }),
    'I understand: losing both the passphrase and the recovery key means losing this journal');
  const release = holdAutoLock('enable-dialog');
  const dialog = formDialog({
    id: 'enable-encryption',
    title: 'Protect this journal with a passphrase',
    description: 'Candor encrypts the whole journal file (notes, feedback, the search index) and every backup made from now on, and asks for the passphrase each time it opens.',
    fields: [
      field('passphrase', 'New passphrase', secretInput(), 'At least 8 characters. A few unrelated words are easy to remember and hard to guess.'),
      field('confirm', 'Type it again', secretInput()),
      lossWarning(),
      understand,
    ],
    submitLabel: 'Encrypt the journal',
    onSubmit: async (data) => {
      if (data.get('understand') !== 'on') {
        throw new api.ApiError({ code: 'invalid_input', field: 'understand', message: 'Tick the box to say you understand there is no reset.' });
      }
      const shown = await api.enableEncryption(String(data.get('passphrase')), String(data.get('confirm')));
      await refreshLockInfo();
      // Answered: the first-run question is not asked again, even if
      // encryption is turned off later.
      api.updateSettings({ encryption_offered: true }).catch(() => {});
      showRecoveryKey(shown.recovery_key, {
        title: 'Encrypted. Now save your recovery key',
        onDone: async () => { toast('Your journal is encrypted'); await onDone?.(); },
      });
    },
  });
  dialog.addEventListener('close', release);
  return dialog;
}

/** Changes the passphrase: the current one, then the new one twice. @param {{onDone?: () => any}} [options] */
export function openChangeDialog({ onDone } = {}) {
  const release = holdAutoLock('change-dialog');
  const dialog = formDialog({
    id: 'change-passphrase',
    title: 'Change the passphrase',
    description: 'The journal is re-encrypted under the new passphrase, with a new recovery key: the old passphrase and the old recovery key stop opening it. Backups made before keep their old passphrase.',
    fields: [
      field('current', 'Current passphrase (or recovery key)', secretInput('current-password')),
      field('passphrase', 'New passphrase', secretInput(), 'At least 8 characters.'),
      field('confirm', 'Type the new one again', secretInput()),
    ],
    submitLabel: 'Change passphrase',
    onSubmit: async (data) => {
      const shown = await api.changePassphrase(String(data.get('current')), String(data.get('passphrase')), String(data.get('confirm')));
      showRecoveryKey(shown.recovery_key, {
        title: 'Passphrase changed. Save the new recovery key',
        onDone: async () => { toast('Passphrase changed'); await onDone?.(); },
      });
    },
  });
  dialog.addEventListener('close', release);
  return dialog;
}

/** Turns encryption off, after the passphrase. @param {{onDone?: () => any}} [options] */
export function openDisableDialog({ onDone } = {}) {
  const release = holdAutoLock('disable-dialog');
  const dialog = formDialog({
    id: 'disable-encryption',
    title: 'Turn encryption off?',
    description: 'The journal file and the backups made from now on will be plain text again: anyone who can read this computer’s files can read your notes. Backups made while it was encrypted stay encrypted.',
    fields: [field('passphrase', 'Passphrase (or recovery key)', secretInput('current-password'))],
    submitLabel: 'Turn encryption off',
    danger: true,
    onSubmit: async (data) => {
      await api.disableEncryption(String(data.get('passphrase')));
      await refreshLockInfo();
      toast('Encryption is off');
      await onDone?.();
    },
  });
  dialog.addEventListener('close', release);
  return dialog;
}

/**
 * Shows a new recovery key once: copy it, print it, and say it is saved.
 * It cannot be dismissed before that, and leaves the page when closed.
 * @param {string} key
 * @param {{title: string, onDone?: () => any}} options
 */
export function showRecoveryKey(key, { title, onDone }) {
  const release = holdAutoLock('recovery-key');
  const groups = key.split('-');
  const keyBox = h('div', { class: 'recovery-key', id: 'recovery-key', role: 'text', 'aria-label': `Recovery key: ${groups.join(' ')}` },
    ...groups.map((g) => h('span', { class: 'recovery-group', text: g })));
  const saved = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', id: 'recovery-saved' }));
  const done = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'button primary', id: 'recovery-done', disabled: true, text: 'Done' }));
  saved.addEventListener('change', () => { done.disabled = !saved.checked; });
  const dialog = /** @type {HTMLDialogElement} */ (h('dialog', { class: 'sheet small recovery-sheet', id: 'recovery-dialog', 'aria-labelledby': 'recovery-title' },
    h('div', { class: 'sheet-head' },
      h('h2', { id: 'recovery-title', text: title }),
      h('p', { text: 'It opens this journal if you ever forget the passphrase. Candor shows it only this once and keeps no copy.' })),
    h('div', { class: 'sheet-body stack-small' },
      keyBox,
      h('div', { class: 'recovery-actions' },
        h('button', { type: 'button', class: 'button', 'data-action': 'copy-recovery', onclick: () => copy(key) }, 'Copy'),
        h('button', { type: 'button', class: 'button', 'data-action': 'print-recovery', onclick: () => printKey(groups) }, 'Print…')),
      h('p', { class: 'small muted', text: 'Keep it away from this computer: in a password manager, or printed and filed with your documents. Anyone with the key and the journal file can read the journal.' }),
      h('label', { class: 'toggle recovery-confirm' }, saved, 'I have saved my recovery key somewhere safe'),
      h('div', { class: 'form-actions' }, done))));
  // Escape must not lose the only copy.
  dialog.addEventListener('cancel', (event) => event.preventDefault());
  done.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => {
    dialog.remove();
    // The print-out's sheet holds the key too.
    document.getElementById('print-sheet')?.remove();
    document.body.classList.remove('printing');
    release();
    onDone?.();
  });
  document.body.append(dialog);
  dialog.showModal();
  saved.focus();
  return dialog;
}

async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Without the async clipboard: copy from a selected, off-screen field.
    const area = /** @type {HTMLTextAreaElement} */ (h('textarea', { class: 'visually-hidden' }));
    area.value = text;
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    if (!ok) {
      toast('Could not copy: select the key and copy it by hand', 'error');
      return;
    }
  }
  toast('Copied. Paste it somewhere safe, then copy something else over it');
}

/** Prints a sheet with the key alone (the print stylesheet hides the rest). @param {string[]} groups */
function printKey(groups) {
  document.getElementById('print-sheet')?.remove();
  const sheet = h('section', { class: 'print-sheet', id: 'print-sheet' },
    h('h1', { text: 'Candor recovery key' }),
    h('p', { text: 'This key opens your Candor journal if you forget its passphrase. Keep it somewhere safe, away from the computer. Anyone who has it and the journal file can read the journal.' }),
    h('p', { class: 'print-key', text: groups.join(' ') }),
    h('p', { class: 'print-meta', text: `Made ${new Date().toLocaleDateString()}. A newer key replaces this one when the passphrase is changed.` }));
  document.body.append(sheet);
  document.body.classList.add('printing');
  const cleanup = () => {
    document.body.classList.remove('printing');
    sheet.remove();
    window.removeEventListener('afterprint', cleanup);
  };
  window.addEventListener('afterprint', cleanup);
  window.print();
  // Some engines never send afterprint; the sheet must not outlive the dialog.
  setTimeout(cleanup, 60_000);
}

/**
 * "Protect this journal with a passphrase?", asked once for a plain
 * journal (either answer is remembered). Null when there is nothing to ask.
 * @param {{encrypted: boolean}} info
 * @param {() => any} onEncrypted
 */
export async function encryptionPrompt(info, onEncrypted) {
  if (info.encrypted) return null;
  const settings = await api.getSettings();
  if (settings.encryption_offered) return null;
  const answered = async () => {
    try { await api.updateSettings({ encryption_offered: true }); } catch { /* asked again next time */ }
    box.remove();
  };
  const box = h('section', { class: 'card prompt-card', id: 'encryption-prompt', 'aria-labelledby': 'encryption-prompt-title' },
    h('div', { class: 'prompt-icon', 'aria-hidden': 'true' }, icon('shield', '')),
    h('div', { class: 'prompt-text' },
      h('h2', { id: 'encryption-prompt-title', text: 'Protect this journal with a passphrase?' }),
      h('p', { text: 'Notes about people are sensitive. With a passphrase Candor encrypts this journal and its backups, and asks for it when it opens. Lose both the passphrase and its recovery key and the journal cannot be opened by anyone: there is no reset.' }),
      h('div', { class: 'prompt-actions' },
        h('button', { type: 'button', class: 'button', 'data-action': 'encrypt-now', onclick: () => openEnableDialog({ onDone: async () => { await answered(); await onEncrypted(); } }) }, 'Set a passphrase…'),
        h('button', { type: 'button', class: 'button quiet', 'data-action': 'encrypt-later', onclick: async () => { await answered(); toast('You can turn encryption on any time in Settings'); } }, 'Not now'))));
  return box;
}
