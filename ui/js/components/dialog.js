// A modal form dialog: fields, a submit button, and core's error shown next
// to the field it names (or above the form).

import { h } from '../dom.js';
import { asApiError, clearFieldErrors, showFieldError } from './field-error.js';

/**
 * @param {Object} options
 * @param {string} options.id
 * @param {string} options.title
 * @param {string} [options.description]
 * @param {Node[]} options.fields      elements with data-field="<core field name>"
 * @param {string} options.submitLabel
 * @param {boolean} [options.danger]
 * @param {(data: FormData) => Promise<void>} options.onSubmit  resolve to close
 */
export function formDialog({ id, title, description, fields, submitLabel, danger = false, onSubmit }) {
  const errorBox = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: `button ${danger ? 'danger-solid' : 'primary'}`, text: submitLabel });
  const dialog = /** @type {HTMLDialogElement} */ (h('dialog', { class: 'sheet small', id, 'aria-labelledby': `${id}-title` }));
  const form = /** @type {HTMLFormElement} */ (h('form', { class: 'form', novalidate: true },
    errorBox,
    ...fields,
    h('div', { class: 'form-actions' },
      h('button', { type: 'button', class: 'button quiet', onclick: () => dialog.close(), text: 'Cancel' }),
      submit)));
  dialog.append(
    h('div', { class: 'sheet-head' },
      h('h2', { id: `${id}-title`, text: title }),
      description ? h('p', { text: description }) : null),
    h('div', { class: 'sheet-body' }, form));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(form, errorBox);
    submit.disabled = true;
    try {
      await onSubmit(new FormData(form));
      dialog.close();
    } catch (error) {
      showFieldError(form, asApiError(error), errorBox);
    } finally {
      submit.disabled = false;
    }
  });
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  /** @type {HTMLElement|null} */ (form.querySelector('input:not([type=hidden]), select, textarea'))?.focus();
  return dialog;
}

/** A labelled input wrapped for formDialog. */
export function field(name, label, input, hint) {
  const inputId = `f-${name}-${Math.random().toString(36).slice(2, 8)}`;
  input.id = inputId;
  input.setAttribute('name', input.getAttribute('name') || name);
  return h('div', { class: 'field', dataset: { field: name } },
    h('label', { for: inputId, text: label }),
    input,
    hint ? h('span', { class: 'hint', text: hint }) : null);
}
