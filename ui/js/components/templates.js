// Agenda templates in Settings: the built-in ones can be hidden; your own
// can be added, edited, hidden and deleted.

import * as api from '../api.js';
import { card } from './card.js';
import { field, formDialog } from './dialog.js';
import { actionRunner } from './run-action.js';
import { fill, h, icon, toast } from '../dom.js';

/** The Settings card listing every template. */
export function templatesCard() {
  const list = h('ul', { class: 'template-list', id: 'template-list' });
  const section = card({
    id: 'templates',
    titleId: 'templates-title',
    title: 'Agenda templates',
    action: h('button', { type: 'button', class: 'button', 'data-action': 'new-template', onclick: () => openEditor(null, load) }, icon('plus'), 'New template'),
    body: [
      h('p', { class: 'card-intro muted', text: 'Prompts that become talking points when you start a 1-on-1. Built-in templates can be hidden from the picker; your own can be edited or deleted.' }),
      list,
    ],
  });

  async function load() {
    try {
      const templates = await api.listTemplates(true);
      fill(list, templates.map((t) => row(t, load)));
    } catch (error) {
      fill(list, h('li', { class: 'field-error', text: error.message }));
    }
  }
  load();
  return section;
}

function row(t, reload) {
  const run = actionRunner(reload);
  return h('li', { class: `template-row ${t.hidden ? 'is-hidden' : ''}`, dataset: { templateId: t.id, name: t.name } },
    h('div', { class: 'template-text' },
      h('span', { class: 'template-name' }, t.name,
        t.builtin ? h('span', { class: 'badge', text: 'Built in' }) : null,
        t.hidden ? h('span', { class: 'badge', text: 'Hidden' }) : null),
      h('span', { class: 'muted template-prompts', text: t.prompts.map((p) => p.text).join(' · ') })),
    h('div', { class: 'template-actions' },
      t.builtin ? null : h('button', { type: 'button', class: 'button quiet', 'data-action': 'edit-template', onclick: () => openEditor(t, reload) }, 'Edit'),
      h('button', { type: 'button', class: 'button quiet', 'data-action': t.hidden ? 'show-template' : 'hide-template', onclick: () => run(() => api.setTemplateHidden(t.id, !t.hidden), t.hidden ? `${t.name} shown` : `${t.name} hidden`) }, t.hidden ? 'Show' : 'Hide'),
      t.builtin ? null : h('button', { type: 'button', class: 'button quiet danger', 'data-action': 'delete-template', onclick: () => confirmDelete(t, reload) }, 'Delete')));
}

function confirmDelete(t, reload) {
  formDialog({
    id: 'delete-template',
    title: `Delete “${t.name}”?`,
    description: 'Talking points already added from it stay where they are.',
    fields: [],
    submitLabel: 'Delete template',
    danger: true,
    onSubmit: async () => {
      await api.deleteTemplate(t.id);
      toast(`${t.name} deleted`);
      await reload();
    },
  });
}

/** The add/edit dialog: a name and an ordered list of prompts. */
function openEditor(t, reload) {
  const prompts = h('ol', { class: 'prompt-rows', id: 'prompt-rows' });
  const addPrompt = (text = '', raisedBy = 'me') => {
    const li = h('li', { class: 'prompt-row' },
      h('input', { type: 'text', name: 'prompt_text', value: text, 'aria-label': 'Prompt', placeholder: 'A question or topic' }),
      h('select', { name: 'prompt_raised_by', 'aria-label': 'Raised by', class: 'compact' },
        h('option', { value: 'me', selected: raisedBy === 'me', text: 'Me' }),
        h('option', { value: 'them', selected: raisedBy === 'them', text: 'Them' })),
      h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Remove this prompt', onclick: () => li.remove() }, icon('x')));
    prompts.append(li);
    return li;
  };
  (t?.prompts ?? [{ text: '', raised_by: 'them' }, { text: '', raised_by: 'me' }]).forEach((p) => addPrompt(p.text, p.raised_by));

  formDialog({
    id: 'template-editor',
    title: t ? `Edit “${t.name}”` : 'New agenda template',
    fields: [
      field('name', 'Name', h('input', { type: 'text', value: t?.name ?? '', autocomplete: 'off' })),
      h('div', { class: 'field', dataset: { field: 'prompts' } },
        h('span', { class: 'label-text', text: 'Prompts, in order' }),
        prompts,
        h('button', { type: 'button', class: 'button quiet', 'data-action': 'add-prompt', onclick: () => addPrompt().querySelector('input')?.focus() }, icon('plus'), 'Add a prompt')),
    ],
    submitLabel: t ? 'Save template' : 'Create template',
    onSubmit: async (data) => {
      const texts = data.getAll('prompt_text').map(String);
      const sides = data.getAll('prompt_raised_by').map(String);
      const input = {
        name: String(data.get('name') ?? ''),
        prompts: texts.map((text, i) => ({ text, raised_by: /** @type {any} */ (sides[i]) }))
          .filter((p) => p.text.trim() !== ''),
      };
      if (t) await api.updateTemplate(t.id, input);
      else await api.createTemplate(input);
      toast(t ? 'Template saved' : 'Template created');
      await reload();
    },
  });
}
