// Feedback across the team: drafts first, oldest first (they go stale),
// then ready, then delivered. Discarded feedback on request.

import * as api from '../api.js';
import { card } from '../components/card.js';
import { field, formDialog } from '../components/dialog.js';
import { feedbackRow } from '../components/feedback-bits.js';
import { fill, h, icon } from '../dom.js';

/** @param {import('../main.js').ViewContext} ctx */
export async function render(ctx) {
  let includeDiscarded = false;
  const body = h('div', { class: 'stack', id: 'team-feedback' });

  async function load() {
    const all = await api.listTeamFeedback(includeDiscarded);
    const groups = [
      ['draft', 'Drafts', 'Oldest first: feedback lands best within a day or two.'],
      ['ready', 'Ready to deliver', 'Bring these to the next 1-on-1.'],
      ['delivered', 'Delivered', null],
      ['discarded', 'Discarded', 'Kept in case you want them back.'],
    ];
    const sections = groups
      .map(([status, title, note]) => [status, title, note, all.filter((v) => v.feedback.status === status)])
      .filter(([, , , items]) => items.length)
      .map(([status, title, note, items]) =>
        card({
          titleId: `fb-group-${status}`,
          dataset: { group: status },
          title,
          count: items.length,
          action: note ? h('span', { class: 'muted small', text: note }) : null,
          list: h('ul', { class: 'feedback-list' }, items.map((v) => feedbackRow(v, { showPerson: true }))),
        }));
    fill(body, sections.length ? sections : h('section', { class: 'empty' },
      h('h2', { text: 'No feedback yet' }),
      h('p', { text: 'Write feedback while it is fresh: what you noticed, its impact, and what to try next time. Candor helps you make it specific.' }),
      h('button', { type: 'button', class: 'button primary', onclick: () => choosePerson(ctx) }, icon('plus'), 'Write feedback')));
  }

  ctx.setTitle('Feedback', 'Across your team');
  const toggle = h('label', { class: 'toggle' },
    h('input', { type: 'checkbox', id: 'show-discarded', onchange: (e) => { includeDiscarded = e.target.checked; load(); } }),
    'Show discarded');
  ctx.setActions(toggle, h('button', { type: 'button', class: 'button primary', 'data-action': 'new-feedback', onclick: () => choosePerson(ctx) }, icon('plus'), 'Write feedback'));
  await load();
  return body;
}

/** Picks who the new feedback is for, then opens the composer. */
async function choosePerson(ctx) {
  const team = await api.listPeople('active');
  formDialog({
    id: 'choose-person',
    title: 'Feedback for whom?',
    fields: [field('person_id', 'Person', h('select', {}, team.map((p) => h('option', { value: p.id, text: p.name }))))],
    submitLabel: 'Write feedback',
    onSubmit: async (data) => {
      ctx.navigate(`#/feedback/new/${data.get('person_id')}`);
    },
  });
}
