// Core names the field at fault (ApiError.field); forms mark each field's
// container with data-field="<that name>". This is the one way an error is
// put next to its field: the input marked invalid, the message beside it,
// focus moved there. An error naming no field here goes in the form's box.

import { ApiError } from '../api.js';
import { h } from '../dom.js';

let errorCount = 0;

/** Any thrown value as an ApiError (a plain one has no field). */
export function asApiError(error) {
  return error instanceof ApiError ? error : new ApiError({ message: String(error) });
}

/** The container of the field named `name` in `form`, and its input. */
function findField(form, name) {
  const field = name ? form.querySelector(`[data-field="${CSS.escape(name)}"]`) : null;
  const input = field && (field.querySelector('input:not([type=radio]), textarea, select') || field.querySelector('input'));
  return { field, input: /** @type {HTMLElement|null} */ (input) };
}

/**
 * Marks the input of the field named `name` in `form` invalid.
 * @param {Element} form @param {string|undefined} name
 * @returns {HTMLElement|null} the input marked
 */
export function markInvalid(form, name) {
  const { input } = findField(form, name);
  input?.setAttribute('aria-invalid', 'true');
  return input;
}

/**
 * Shows `error` at the field it names and focuses it. With `inline` the
 * message goes beside the field; without, in `errorBox` (the field is still
 * marked). An error naming no field in `form` goes in `errorBox`.
 * @param {Element} form
 * @param {{message: string, field?: string}} error
 * @param {HTMLElement} errorBox
 * @param {{inline?: boolean, focus?: boolean}} [options]
 */
export function showFieldError(form, error, errorBox, { inline = true, focus = true } = {}) {
  const { field, input } = findField(form, error.field);
  input?.setAttribute('aria-invalid', 'true');
  if (field && inline) {
    const message = h('p', { class: 'field-error', id: `field-error-${++errorCount}`, role: 'alert', text: error.message });
    field.append(message);
    input?.setAttribute('aria-errormessage', message.id);
  } else {
    errorBox.textContent = error.message;
    errorBox.hidden = false;
  }
  if (focus) input?.focus();
}

/** Takes away what showFieldError put up. @param {Element} form @param {HTMLElement} errorBox */
export function clearFieldErrors(form, errorBox) {
  errorBox.hidden = true;
  errorBox.textContent = '';
  form.querySelectorAll('.field-error').forEach((el) => { if (el !== errorBox) el.remove(); });
  form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
  form.querySelectorAll('[aria-errormessage]').forEach((el) => el.removeAttribute('aria-errormessage'));
}
