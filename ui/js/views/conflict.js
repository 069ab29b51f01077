// One conflict: who is involved, where it stands, the timeline of updates,
// and how it ended.

import * as api from '../api.js';
import {
  CONFLICT_STATUS, conflictBadge, openConflictForm, openResolveDialog, openUpdateDialog, partyChips,
} from '../components/conflict-bits.js';
import { card } from '../components/card.js';
import { actionRunner } from '../components/run-action.js';
import { fill, formatDate, h, icon, relativeDay, setSanitizedHtml } from '../dom.js';

/**
 * @param {import('../main.js').ViewContext} ctx
 * @param {{id: string}} params
 */
export async function render(ctx, { id }) {
  const [first, team, today] = await Promise.all([api.getConflict(id), api.listPeople('active'), api.today()]);
  let detail = first;
  const root = h('div', { class: 'conflict-page', dataset: { conflictId: id } });

  const reload = async () => {
    detail = await api.getConflict(id);
    draw();
  };

  const redraw = actionRunner(draw);
  const refetch = actionRunner(reload);

  const setStatus = (status) => redraw(async () => {
    detail = await api.setConflictStatus(id, status);
  }, `Now ${CONFLICT_STATUS[status].toLowerCase()}`);

  function draw() {
    const c = detail.conflict;
    ctx.setTitle(c.title, `Conflict · surfaced ${formatDate(c.surfaced_on)}`);
    const moves = detail.allowed_statuses.filter((s) => s !== c.status && s !== 'resolved');
    ctx.setActions(
      h('button', { type: 'button', class: 'button', 'data-action': 'edit-conflict', onclick: () => openConflictForm({ team, today, conflict: detail, onDone: (d) => { detail = d; draw(); } }) }, icon('edit'), 'Edit'),
      ...moves.map((s) => h('button', { type: 'button', class: 'button', 'data-action': `status-${s}`, onclick: () => setStatus(s) }, s === 'open' && c.status === 'resolved' ? 'Reopen' : `Mark ${CONFLICT_STATUS[s].toLowerCase()}`)),
      c.status === 'resolved' ? null
        : h('button', { type: 'button', class: 'button primary', 'data-action': 'resolve-conflict', onclick: () => openResolveDialog(c, { today, onDone: reload }) }, icon('check'), 'Resolve'));

    const description = h('div', { class: 'markdown-body plain', id: 'conflict-description' });
    if (c.description.trim()) setSanitizedHtml(description, detail.description_html);
    else description.textContent = 'No description.';
    const resolution = h('div', { class: 'markdown-body plain', id: 'conflict-resolution' });
    setSanitizedHtml(resolution, detail.resolution_html);

    fill(root,
      h('div', { class: 'conflict-grid' },
        h('div', { class: 'stack' },
          c.status === 'resolved'
            ? card({
              class: 'resolved-card',
              titleId: 'resolution-title',
              title: `Resolved ${formatDate(c.resolved_on)}`,
              body: h('div', { class: 'card-body' }, resolution),
            })
            : null,
          card({
            titleId: 'timeline-title',
            title: 'Timeline',
            count: detail.updates.length,
            action: h('button', { type: 'button', class: 'button', 'data-action': 'add-update', onclick: () => openUpdateDialog(c, { today, onDone: reload }) }, icon('plus'), 'Add update'),
            list: h('ol', { class: 'timeline', id: 'conflict-timeline' },
              detail.updates.map((u) => {
                const note = h('div', { class: 'markdown-body plain' });
                setSanitizedHtml(note, u.note_html);
                return h('li', { class: 'timeline-item', dataset: { updateId: u.update.id } },
                  h('div', { class: 'timeline-date' },
                    h('span', { text: formatDate(u.update.on) }),
                    u.update.one_on_one_id ? h('a', { href: `#/one-on-ones/${u.update.one_on_one_id}`, class: 'small', text: 'in a 1-on-1' }) : null),
                  note,
                  h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Delete this update', title: 'Delete',
                    onclick: () => refetch(() => api.deleteConflictUpdate(u.update.id)) }, icon('x')));
              }),
              h('li', { class: 'timeline-item origin' },
                h('div', { class: 'timeline-date', text: formatDate(c.surfaced_on) }),
                h('div', {}, h('strong', { text: 'Surfaced. ' }), description))),
          })),
        h('aside', { class: 'stack' },
          card({
            titleId: 'state-title',
            title: 'Where it stands',
            action: conflictBadge(c.status),
            body: h('div', { class: 'card-body' },
              h('dl', { class: 'facts single' },
                h('div', {}, h('dt', { text: 'Involved' }), h('dd', { id: 'conflict-parties' }, partyChips(detail.parties))),
                h('div', {}, h('dt', { text: 'Last activity' }), h('dd', { text: `${formatDate(detail.last_activity)} (${relativeDay(detail.last_activity, today)})` })),
                h('div', {}, h('dt', { text: 'Next step' }), h('dd', { text: c.next_step || 'None set' })))),
          }))));
  }

  draw();
  return root;
}
