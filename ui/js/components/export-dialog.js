// Before any file leaves the journal (an export, a review packet): encrypt
// it with a passphrase, or write it as plain text, with a warning when the
// journal itself is encrypted. Then the native save dialog, from Rust.

import { h } from '../dom.js';
import { journal } from '../lock.js';
import { field, formDialog } from './dialog.js';
import { secretInput } from './encryption.js';

/**
 * @param {Object} options
 * @param {string} options.title
 * @param {string} options.description
 * @param {string} options.plainName      what a plain file is ("a JSON file")
 * @param {string} options.sealedName     what an encrypted one is ("one .json.age file")
 * @param {(encrypt: import('../api.js').ExportPassphrase|null) => Promise<any>} options.run  resolves once written (or cancelled)
 */
export function openExportDialog({ title, description, plainName, sealedName, run }) {
  const encrypt = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', name: 'encrypt', id: 'export-encrypt', checked: journal.encrypted }));
  const secrets = h('div', { class: 'stack-small export-secrets', id: 'export-secrets' },
    field('export_passphrase', 'Passphrase for this file', secretInput(), 'At least 8 characters. Share it apart from the file, if you share it at all.'),
    field('export_confirm', 'Type it again', secretInput()),
    h('p', { class: 'small muted' }, `Written as ${sealedName}, in the standard age format: Candor or the `, h('code', { text: 'age' }), ' tool opens it.'));
  const warning = h('p', { class: 'callout warn', id: 'export-plain-warning', role: 'note' },
    h('strong', { text: 'This file will not be encrypted. ' }),
    `Your journal is, but ${plainName} is plain text: anyone who gets hold of it can read every note in it.`);
  const plainNote = h('p', { class: 'small muted', id: 'export-plain-note', text: `Written as ${plainName}, in plain text.` });
  const sync = () => {
    secrets.hidden = !encrypt.checked;
    warning.hidden = encrypt.checked || !journal.encrypted;
    plainNote.hidden = encrypt.checked || journal.encrypted;
  };
  encrypt.addEventListener('change', () => {
    sync();
    if (encrypt.checked) /** @type {HTMLElement|null} */ (secrets.querySelector('input'))?.focus();
  });
  sync();
  return formDialog({
    id: 'export-dialog',
    title,
    description,
    fields: [
      h('label', { class: 'toggle export-toggle' }, encrypt, 'Encrypt this file with a passphrase'),
      secrets,
      warning,
      plainNote,
    ],
    submitLabel: 'Choose where to save…',
    onSubmit: async (data) => {
      const passphrase = encrypt.checked
        ? { passphrase: String(data.get('export_passphrase')), confirm: String(data.get('export_confirm')) }
        : null;
      await run(passphrase);
    },
  });
}
