// The team: everyone you manage, with a way to add someone.

import * as api from '../api.js';
import { avatar, cadenceLabel, h, icon, toast } from '../dom.js';
import { personForm } from '../components/person-form.js';

/** @param {import('../main.js').ViewContext} ctx */
export async function render(ctx) {
  const everyone = await api.listPeople('all');
  const active = everyone.filter((p) => !p.archived);
  const archived = everyone.filter((p) => p.archived);

  ctx.setTitle('People', active.length === 0 ? 'Your team' : active.length === 1 ? '1 person on your team' : `${active.length} people on your team`);
  const addButton = h('button', { type: 'button', class: 'button primary', 'data-action': 'add-person', onclick: () => openAddDialog(ctx) }, icon('plus'), 'Add person');
  ctx.setActions(addButton);

  if (everyone.length === 0) {
    return h('section', { class: 'empty', 'aria-labelledby': 'empty-title' },
      h('h2', { id: 'empty-title', text: 'Start with the people you manage' }),
      h('p', { text: 'Add each person on your team with how often you meet and how they like to hear feedback. Everything stays in one file on this computer.' }),
      h('div', { class: 'empty-actions' },
        h('button', { type: 'button', class: 'button primary', onclick: () => openAddDialog(ctx) }, icon('plus'), 'Add your first person'),
        sampleButton()),
      h('p', { class: 'small muted', text: 'The sample team is made up: eight people and two years of 1-on-1s, feedback, conflicts and goals, to look around with. It fills this journal; for real notes afterwards, start Candor on a new file (candor --db PATH) or remove this one.' }));
  }

  return h('div', { class: 'stack' },
    h('section', { 'aria-labelledby': 'active-title' },
      h('h2', { class: 'section-title', id: 'active-title' }, 'Team', h('span', { class: 'count', text: String(active.length) })),
      active.length
        ? h('ul', { class: 'people-grid', role: 'list', id: 'people-list' }, active.map(personCard))
        : h('p', { class: 'muted', text: 'Everyone is archived. Restore someone below, or add a person.' })),
    archived.length
      ? h('section', { 'aria-labelledby': 'archived-title' },
        h('h2', { class: 'section-title', id: 'archived-title' }, 'Archived', h('span', { class: 'count', text: String(archived.length) })),
        h('ul', { class: 'people-grid', role: 'list', id: 'archived-list' }, archived.map(personCard)))
      : null);
}

/** @param {import('../api.js').Person} person */
function personCard(person) {
  const meta = [person.role, person.team].filter(Boolean).join(' · ') || 'No role yet';
  return h('li', {},
    h('a', { class: `card person-card ${person.archived ? 'archived' : ''}`, href: `#/people/${person.id}`, dataset: { personId: person.id } },
      avatar(person.name, '', person.archived),
      h('div', { class: 'who' },
        h('div', { class: 'name', text: person.name }),
        h('div', { class: 'meta', text: meta })),
      person.archived
        ? h('span', { class: 'badge', text: 'Archived' })
        : h('span', { class: 'badge brand', title: `1-on-1 every ${person.cadence_days} days`, text: cadenceLabel(person.cadence_days) })));
}

/** @param {import('../main.js').ViewContext} ctx */
export function openAddDialog(ctx) {
  const dialog = /** @type {HTMLDialogElement} */ (h('dialog', { class: 'sheet', 'aria-labelledby': 'add-person-title', id: 'add-person-dialog' }));
  const close = () => dialog.close();
  dialog.append(
    h('div', { class: 'sheet-head' },
      h('h2', { id: 'add-person-title', text: 'Add a person' }),
      h('p', { text: 'Only the name is needed. Feedback preferences and notes go on their page.' })),
    h('div', { class: 'sheet-body' },
      personForm({
        brief: true,
        submitLabel: 'Add person',
        onCancel: close,
        onSubmit: async (input) => {
          const person = await api.createPerson(input);
          close();
          toast(`${person.name} added`);
          ctx.peopleChanged();
          ctx.navigate(`#/people/${person.id}`);
        },
      })));
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  /** @type {HTMLInputElement|null} */ (dialog.querySelector('input[name=name]'))?.focus();
}

/** Fills the empty journal with a made-up team, then reloads. */
export function sampleButton() {
  const button = h('button', { type: 'button', class: 'button', 'data-action': 'sample-team' }, 'Try it with a sample team');
  button.addEventListener('click', async () => {
    button.disabled = true;
    button.textContent = 'Making up a team…';
    try {
      const report = await api.createSampleTeam();
      toast(`${report.people} people and ${report.records} records added`);
      location.hash = '#/due';
      location.reload();
    } catch (error) {
      toast(error.message, 'error');
      button.disabled = false;
      button.textContent = 'Try it with a sample team';
    }
  });
  return button;
}
