// Conflict pieces shared by the conflicts list, the conflict page, a
// person's page and the 1-on-1 view.

import * as api from '../api.js';
import { field, formDialog } from './dialog.js';
import { formatDate, formatDateTime, h, relativeDay, toast } from '../dom.js';

export const CONFLICT_STATUS = { open: 'Open', in_progress: 'In progress', parked: 'Parked', resolved: 'Resolved' };

/** @param {string} status */
export function conflictBadge(status) {
  return h('span', { class: `badge conflict-${status}`, text: CONFLICT_STATUS[status] ?? status });
}

/** @param {import('../api.js').ConflictParty[]} parties */
export function partyChips(parties) {
  return h('span', { class: 'parties' }, parties.map((p) =>
    p.person_id
      ? h('a', { class: 'party', href: `#/people/${p.person_id}`, text: p.name })
      : h('span', { class: 'party outsider', title: 'Not on your team', text: p.name })));
}

/**
 * One conflict in a list.
 * @param {import('../api.js').ConflictSummary} c @param {string} today
 */
export function conflictRow(c, today) {
  const quiet = (c.status === 'open' || c.status === 'in_progress') && relativeQuiet(c.last_activity, today);
  return h('li', {},
    h('a', { class: `conflict-row status-${c.status}`, href: `#/conflicts/${c.id}`, dataset: { conflictId: c.id, status: c.status } },
      h('div', { class: 'conflict-row-head' },
        h('span', { class: 'conflict-title', text: c.title }),
        conflictBadge(c.status)),
      h('div', { class: 'conflict-row-meta' },
        h('span', { text: c.parties.map((p) => p.name).join(' · ') }),
        h('span', { class: quiet ? 'quiet' : '', text: c.status === 'resolved'
          ? `Resolved ${formatDate(c.resolved_on)}`
          : `Last activity ${relativeDay(c.last_activity, today)}` })),
      c.next_step && c.status !== 'resolved' ? h('p', { class: 'conflict-next', text: `Next: ${c.next_step}` }) : null));
}

function relativeQuiet(lastActivity, today) {
  const days = (Date.parse(today) - Date.parse(lastActivity)) / 86_400_000;
  return days >= 7;
}

/**
 * Adds a dated update; from a 1-on-1 it is tied to that 1-on-1.
 * @param {{id: string, title: string}} conflict
 * @param {{today: string, oneOnOne?: {id: string, scheduled_at: string}|null, onDone: () => void}} options
 */
export function openUpdateDialog(conflict, { today, oneOnOne = null, onDone }) {
  formDialog({
    id: 'conflict-update',
    title: 'Add an update',
    description: oneOnOne
      ? `On “${conflict.title}”, discussed in the 1-on-1 of ${formatDateTime(oneOnOne.scheduled_at)}.`
      : `On “${conflict.title}”.`,
    fields: [
      field('on', 'Date', h('input', { type: 'date', value: today, max: today })),
      field('note', 'What happened', h('textarea', { rows: 5, placeholder: 'Who said what, what changed, what is next. Markdown works.' })),
    ],
    submitLabel: 'Add update',
    onSubmit: async (data) => {
      await api.addConflictUpdate(conflict.id, {
        on: String(data.get('on')),
        note: String(data.get('note') ?? ''),
        one_on_one_id: oneOnOne?.id ?? null,
      });
      toast('Update added');
      onDone();
    },
  });
}

/**
 * Resolving asks how it ended.
 * @param {{id: string, title: string, resolution: string}} conflict
 * @param {{today: string, onDone: () => void}} options
 */
export function openResolveDialog(conflict, { today, onDone }) {
  const resolution = h('textarea', { rows: 5, placeholder: 'How did it end? What was agreed, what changed?' });
  /** @type {HTMLTextAreaElement} */ (resolution).value = conflict.resolution ?? '';
  formDialog({
    id: 'resolve-conflict',
    title: `Resolve “${conflict.title}”`,
    description: 'A resolution is kept with the conflict, for the review and for next time.',
    fields: [
      field('resolution', 'Resolution', resolution),
      field('resolved_on', 'Resolved on', h('input', { type: 'date', value: today, max: today })),
    ],
    submitLabel: 'Resolve',
    onSubmit: async (data) => {
      await api.setConflictStatus(conflict.id, 'resolved', String(data.get('resolution') ?? ''), String(data.get('resolved_on') || '') || null);
      toast('Conflict resolved');
      onDone();
    },
  });
}

/**
 * Surfaces a new conflict, or edits one.
 * @param {{team: import('../api.js').Person[], today: string, conflict?: import('../api.js').ConflictDetail|null, preselect?: string|null, onDone: (detail: import('../api.js').ConflictDetail) => void}} options
 */
export function openConflictForm({ team, today, conflict = null, preselect = null, onDone }) {
  const c = conflict?.conflict;
  const chosen = new Set((conflict?.parties ?? []).filter((p) => p.person_id).map((p) => p.person_id));
  if (preselect) chosen.add(preselect);
  const outsiders = (conflict?.parties ?? []).filter((p) => p.outsider_name).map((p) => p.outsider_name).join(', ');
  const people = h('div', { class: 'party-picker' }, team.map((p) =>
    h('label', { class: 'choice' }, h('input', { type: 'checkbox', name: 'party', value: p.id, checked: chosen.has(p.id) }), p.name)));
  const description = h('textarea', { rows: 4, placeholder: 'What is going on, as each side sees it. Markdown works.' });
  /** @type {HTMLTextAreaElement} */ (description).value = c?.description ?? '';
  formDialog({
    id: 'conflict-form',
    title: conflict ? 'Edit conflict' : 'Surface a conflict',
    description: conflict ? null : 'Name it early: it is easier to resolve while it is small.',
    fields: [
      field('title', 'Title', h('input', { type: 'text', value: c?.title ?? '', autocomplete: 'off', placeholder: 'Ownership of the release process' })),
      h('div', { class: 'field', dataset: { field: 'parties' } },
        h('span', { class: 'label-text', text: 'Who is involved' }),
        people,
        h('input', { type: 'text', name: 'outsiders', value: outsiders, 'aria-label': 'People outside your team', placeholder: 'Outside your team: names, separated by commas' })),
      h('div', { class: 'form-grid' },
        field('surfaced_on', 'Surfaced on', h('input', { type: 'date', value: c?.surfaced_on ?? today, max: today })),
        field('next_step', 'Next step', h('input', { type: 'text', value: c?.next_step ?? '', autocomplete: 'off', placeholder: 'Talk to both, separately' }))),
      field('description', 'Description', description),
    ],
    submitLabel: conflict ? 'Save' : 'Surface conflict',
    onSubmit: async (data) => {
      const parties = [
        ...data.getAll('party').map((id) => ({ person_id: String(id) })),
        ...String(data.get('outsiders') ?? '').split(',').map((n) => n.trim()).filter(Boolean).map((n) => ({ outsider_name: n })),
      ];
      const input = {
        title: String(data.get('title') ?? ''),
        description: String(data.get('description') ?? ''),
        parties,
        surfaced_on: String(data.get('surfaced_on') ?? ''),
        next_step: String(data.get('next_step') ?? ''),
      };
      const detail = conflict ? await api.updateConflict(c.id, input) : await api.createConflict(input);
      toast(conflict ? 'Conflict saved' : 'Conflict surfaced');
      onDone(detail);
    },
  });
}
