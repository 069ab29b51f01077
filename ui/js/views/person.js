// One person's page: their profile and preferences, edit and archive.
// Later sections (1-on-1s, feedback, goals, timeline) hang below the profile.

import * as api from '../api.js';
import { avatar, cadenceLabel, formatDate, h, icon, toast } from '../dom.js';
import { personForm } from './person-form.js';

/**
 * @param {import('../main.js').ViewContext} ctx
 * @param {{id: string}} params
 */
export async function render(ctx, { id }) {
  const person = await api.getPerson(id);
  const root = h('div', { class: 'stack', dataset: { personId: person.id } });

  const showProfile = (p) => {
    ctx.setTitle(p.name, [p.role, p.team].filter(Boolean).join(' · '));
    ctx.setActions(
      h('button', { type: 'button', class: 'button', 'data-action': 'edit-person', onclick: () => showEdit(p) }, icon('edit'), 'Edit'),
      p.archived
        ? h('button', { type: 'button', class: 'button', 'data-action': 'restore-person', onclick: () => setArchived(p, false) }, icon('restore'), 'Restore')
        : h('button', { type: 'button', class: 'button danger', 'data-action': 'archive-person', onclick: () => setArchived(p, true) }, icon('archive'), 'Archive'));
    const sections = [profileCard(p)];
    if (p.archived) {
      sections.unshift(h('p', { class: 'banner info', role: 'note', text: `Archived on ${formatDate(p.archived_at)}. Their history is kept; they are hidden from the team and from reminders.` }));
    }
    root.replaceChildren(...sections);
  };

  const showEdit = (p) => {
    ctx.setActions();
    root.replaceChildren(
      h('section', { class: 'card', 'aria-labelledby': 'edit-title' },
        h('div', { class: 'card-head' }, h('h2', { id: 'edit-title', text: 'Edit profile' })),
        h('div', { class: 'card-body' },
          personForm({
            person: p,
            submitLabel: 'Save changes',
            onCancel: () => showProfile(p),
            onSubmit: async (input) => {
              const updated = await api.updatePerson(p.id, input);
              toast('Profile saved');
              ctx.peopleChanged();
              showProfile(updated);
            },
          }))));
    /** @type {HTMLInputElement|null} */ (root.querySelector('input[name=name]'))?.focus();
  };

  const setArchived = async (p, archived) => {
    try {
      const updated = await api.setPersonArchived(p.id, archived);
      toast(archived ? `${p.name} archived` : `${p.name} restored`);
      ctx.peopleChanged();
      showProfile(updated);
    } catch (error) {
      toast(error.message, 'error');
    }
  };

  showProfile(person);
  return root;
}

/** @param {import('../api.js').Person} p */
function profileCard(p) {
  const recognition = { public: 'In public', private: 'In private' }[p.recognition] ?? 'Not sure yet';
  const medium = { written: 'Written', spoken: 'Spoken' }[p.feedback_medium] ?? 'Not sure yet';
  const fact = (term, value, wide = false) =>
    h('div', { class: wide ? 'wide' : '' }, h('dt', { text: term }), h('dd', {}, value));
  return h('section', { class: 'card', 'aria-labelledby': 'profile-title' },
    h('div', { class: 'card-head' },
      h('div', { class: 'person-head' },
        avatar(p.name, 'large', p.archived),
        h('div', {},
          h('h2', { id: 'profile-title', text: p.name }),
          h('p', { class: 'sub', text: [p.role, p.team].filter(Boolean).join(' · ') || 'No role or team yet' }))),
      h('span', { class: 'badge brand', text: cadenceLabel(p.cadence_days) })),
    h('div', { class: 'card-body' },
      h('dl', { class: 'facts' },
        fact('1-on-1s', `Every ${p.cadence_days} day${p.cadence_days === 1 ? '' : 's'}`),
        fact('Started', p.start_date ? formatDate(p.start_date) : h('span', { class: 'faint', text: 'Not recorded' })),
        fact('Recognition', recognition),
        fact('Feedback', medium),
        fact('How they like feedback', p.feedback_preferences
          ? h('span', { class: 'prose', text: p.feedback_preferences })
          : h('span', { class: 'faint', text: 'Not recorded yet. Ask them in your next 1-on-1.' }), true),
        p.notes ? fact('Notes', h('span', { class: 'prose', text: p.notes }), true) : null)));
}
