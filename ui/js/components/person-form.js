// The person form, shared by "Add person" and "Edit profile". It collects
// text as typed and lets core validate: core's message is shown next to the
// field it names.

import { ApiError } from '../api.js';
import { h } from '../dom.js';
import { asApiError, clearFieldErrors, showFieldError } from './field-error.js';

let formCount = 0;

/**
 * @param {Object} options
 * @param {import('../api.js').Person} [options.person]  values to start from
 * @param {boolean} [options.brief]  only the essentials (adding someone new)
 * @param {string} options.submitLabel
 * @param {(input: import('../api.js').PersonInput) => Promise<void>} options.onSubmit
 * @param {() => void} [options.onCancel]
 * @returns {HTMLFormElement}
 */
export function personForm({ person, brief = false, submitLabel, onSubmit, onCancel }) {
  const uid = `pf${++formCount}`;
  const id = (name) => `${uid}-${name}`;
  const errorBox = h('p', { class: 'form-error', role: 'alert', hidden: true });

  const text = (name, label, value, { hint, optional = true, type = 'text', autocomplete = 'off' } = {}) =>
    h('div', { class: 'field', dataset: { field: name } },
      h('label', { for: id(name) }, label, optional ? h('span', { class: 'optional', text: ' (optional)' }) : null),
      h('input', { id: id(name), name, type, value: value ?? '', autocomplete, 'aria-describedby': hint ? id(`${name}-hint`) : null }),
      hint ? h('span', { class: 'hint', id: id(`${name}-hint`), text: hint }) : null);

  const choices = (name, legend, value, options) =>
    h('fieldset', { class: 'field', dataset: { field: name } },
      h('legend', { text: legend }),
      h('div', { class: 'choice-row' },
        options.map(([optionValue, label]) =>
          h('label', { class: 'choice' },
            h('input', { type: 'radio', name, value: optionValue, checked: (value ?? '') === optionValue }),
            label))));

  const form = /** @type {HTMLFormElement} */ (h('form', { class: 'form', novalidate: true, dataset: { form: 'person' } },
    errorBox,
    h('div', { class: 'form-grid' },
      h('div', { class: 'field wide', dataset: { field: 'name' } },
        h('label', { for: id('name'), text: 'Name' }),
        h('input', { id: id('name'), name: 'name', type: 'text', value: person?.name ?? '', autocomplete: 'off', maxlength: 400 })),
      text('role', 'Role', person?.role, { hint: 'Senior engineer, Tech lead…' }),
      text('team', 'Team', person?.team),
      text('start_date', 'Start date', person?.start_date, { type: 'date', hint: 'When they joined, or when you started managing them.' }),
      h('div', { class: 'field', dataset: { field: 'cadence_days' } },
        h('label', { for: id('cadence_days'), text: '1-on-1 cadence' }),
        h('div', { class: 'inline-input' },
          h('span', { class: 'muted', text: 'Every' }),
          h('input', { id: id('cadence_days'), name: 'cadence_days', type: 'number', min: 1, max: 365, step: 1, value: person?.cadence_days ?? 7, 'aria-describedby': id('cadence-hint') }),
          h('span', { class: 'muted', text: 'days' })),
        h('span', { class: 'hint', id: id('cadence-hint'), text: '7 is weekly, 14 fortnightly. Reminders use this.' })),
      brief ? null : [
        choices('recognition', 'Recognition', person?.recognition, [['', 'Not sure yet'], ['public', 'In public'], ['private', 'In private']]),
        choices('feedback_medium', 'Feedback', person?.feedback_medium, [['', 'Not sure yet'], ['spoken', 'Spoken'], ['written', 'Written']]),
        h('div', { class: 'field wide', dataset: { field: 'feedback_preferences' } },
          h('label', { for: id('feedback_preferences') }, 'How they like to receive feedback', h('span', { class: 'optional', text: ' (optional)' })),
          h('textarea', { id: id('feedback_preferences'), name: 'feedback_preferences', rows: 2, placeholder: 'e.g. Heads-up in writing first, then talk it through.' }, person?.feedback_preferences ?? '')),
        h('div', { class: 'field wide', dataset: { field: 'notes' } },
          h('label', { for: id('notes') }, 'Notes', h('span', { class: 'optional', text: ' (optional)' })),
          h('textarea', { id: id('notes'), name: 'notes', rows: 3 }, person?.notes ?? ''))]),
    h('div', { class: 'form-actions' },
      onCancel ? h('button', { type: 'button', class: 'button quiet', onclick: onCancel, text: 'Cancel' }) : null,
      h('button', { type: 'submit', class: 'button primary', text: submitLabel }))));

  /** @param {ApiError} error */
  const showError = (error) => showFieldError(form, error, errorBox);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(form, errorBox);
    const data = new FormData(form);
    const cadence = String(data.get('cadence_days') ?? '').trim();
    /** @type {import('../api.js').PersonInput} */
    const input = {
      name: String(data.get('name') ?? ''),
      role: String(data.get('role') ?? ''),
      team: String(data.get('team') ?? ''),
      start_date: String(data.get('start_date') ?? '') || null,
      cadence_days: cadence === '' ? null : Number(cadence),
      feedback_preferences: String(data.get('feedback_preferences') ?? ''),
      recognition: String(data.get('recognition') ?? '') || null,
      feedback_medium: String(data.get('feedback_medium') ?? '') || null,
      notes: String(data.get('notes') ?? ''),
    };
    const cadenceInput = /** @type {HTMLInputElement} */ (form.elements.namedItem('cadence_days'));
    if (cadenceInput.validity.badInput || (cadence !== '' && !Number.isInteger(input.cadence_days))) {
      showError(new ApiError({ code: 'invalid_input', field: 'cadence_days', message: '1-on-1 cadence must be a whole number of days' }));
      return;
    }
    const submit = /** @type {HTMLButtonElement} */ (form.querySelector('button[type=submit]'));
    submit.disabled = true;
    try {
      await onSubmit(input);
    } catch (error) {
      showError(asApiError(error));
    } finally {
      submit.disabled = false;
    }
  });

  return form;
}
