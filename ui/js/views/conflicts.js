// Conflicts across the team: open first, by last activity; filter by status
// and person.

import * as api from '../api.js';
import { card } from '../components/card.js';
import { CONFLICT_STATUS, conflictRow, openConflictForm } from '../components/conflict-bits.js';
import { fill, h, icon } from '../dom.js';

/** @param {import('../main.js').ViewContext} ctx */
export async function render(ctx) {
  const [team, today] = await Promise.all([api.listPeople('active'), api.today()]);
  const status = h('select', { class: 'compact', 'aria-label': 'Status', id: 'conflict-status-filter' },
    h('option', { value: '', text: 'Any status' }),
    Object.entries(CONFLICT_STATUS).map(([value, label]) => h('option', { value, text: label })));
  const person = h('select', { class: 'compact', 'aria-label': 'Person', id: 'conflict-person-filter' },
    h('option', { value: '', text: 'Anyone' }),
    team.map((p) => h('option', { value: p.id, text: p.name })));
  const list = h('ul', { class: 'conflict-list', id: 'conflict-list' });

  async function load() {
    const items = await api.listConflicts({ status: /** @type {any} */ (status).value, person_id: /** @type {any} */ (person).value });
    fill(list, items.length ? items.map((c) => conflictRow(c, today))
      : h('li', { class: 'card-empty', text: status.value || person.value ? 'No conflicts match.' : 'No conflicts surfaced. When tension shows, name it here early.' }));
  }
  [status, person].forEach((el) => el.addEventListener('change', load));

  ctx.setTitle('Conflicts', 'Surfaced, followed up, resolved');
  ctx.setActions(h('button', {
    type: 'button', class: 'button primary', 'data-action': 'new-conflict',
    onclick: () => openConflictForm({ team, today, onDone: (d) => ctx.navigate(`#/conflicts/${d.conflict.id}`) }),
  }, icon('plus'), 'Surface a conflict'));
  await load();
  return card({ body: [h('div', { class: 'filters' }, status, person), list] });
}
