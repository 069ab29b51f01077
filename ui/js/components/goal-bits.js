// Growth goals: the card on a person's page (and, for check-ins, in a
// 1-on-1), and the dialogs to set a goal and note a check-in.

import * as api from '../api.js';
import { card } from './card.js';
import { field, formDialog } from './dialog.js';
import { actionRunner } from './run-action.js';
import { fill, formatDate, h, icon, relativeDay, setSanitizedHtml, toast } from '../dom.js';

const STATUS = { active: 'Active', achieved: 'Achieved', dropped: 'Dropped' };

/**
 * @param {Object} options
 * @param {import('../api.js').GoalDetail[]} options.goals
 * @param {import('../api.js').Person} options.person
 * @param {string} options.today
 * @param {() => void} options.reload
 * @param {string|null} [options.oneOnOneId]  check-ins are tied to this 1-on-1
 */
export function goalsCard({ goals, person, today, reload, oneOnOneId = null }) {
  const inMeeting = Boolean(oneOnOneId);
  const list = h('ul', { class: 'goal-list', id: inMeeting ? 'meeting-goals' : 'person-goals' });
  const shown = inMeeting ? goals.filter((g) => g.goal.status === 'active') : goals;
  fill(list, shown.length ? shown.map((g) => goalRow(g, { person, today, reload, oneOnOneId, inMeeting }))
    : h('li', { class: 'card-empty', text: inMeeting ? 'No active goals.' : 'No goals yet. What do they want to grow in this year?' }));
  return card({
    id: inMeeting ? 'meeting-goals-card' : 'goals-card',
    titleId: inMeeting ? 'meeting-goals-title' : 'goals-title',
    title: 'Growth goals',
    count: shown.length || '',
    action: inMeeting ? null : h('button', { type: 'button', class: 'button', 'data-action': 'new-goal', onclick: () => openGoalDialog({ person, reload }) }, icon('plus'), 'Set a goal'),
    body: list,
  });
}

function goalRow(g, { person, today, reload, oneOnOneId, inMeeting }) {
  const goal = g.goal;
  const run = actionRunner(reload);
  const latest = g.checkins[0];
  const progress = g.progress ?? 0;
  const note = latest ? h('div', { class: 'markdown-body plain goal-latest' }) : null;
  const bar = h('span', { class: 'progress-fill' });
  // Through the CSSOM: the CSP refuses inline style attributes.
  bar.style.width = `${progress}%`;
  if (note) setSanitizedHtml(note, latest.note_html);
  return h('li', { class: `goal goal-${goal.status}`, dataset: { goalId: goal.id } },
    h('div', { class: 'goal-head' },
      h('span', { class: 'goal-title', text: goal.title }),
      h('span', { class: `badge goal-status-${goal.status}`, text: STATUS[goal.status] }),
      goal.target_on ? h('span', { class: `age ${g.overdue ? 'stale' : ''}`, text: `Target ${formatDate(goal.target_on)}${g.overdue ? ' · passed' : ''}` }) : null),
    h('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(progress), 'aria-label': `Progress on ${goal.title}` },
      bar),
    goal.measure && !inMeeting ? h('p', { class: 'small muted', text: `Success: ${goal.measure}` }) : null,
    latest
      ? h('div', { class: 'goal-checkin' },
        h('span', { class: 'age', text: `Last check-in ${relativeDay(latest.checkin.noted_on, today)}${latest.checkin.progress != null ? ` · ${latest.checkin.progress}%` : ''}` }),
        note)
      : h('p', { class: 'small faint', text: 'No check-ins yet.' }),
    h('div', { class: 'goal-actions' },
      goal.status === 'active'
        ? h('button', { type: 'button', class: 'button small', 'data-action': 'goal-checkin', onclick: () => openCheckinDialog({ goal: g, today, oneOnOneId, reload }) }, icon('plus'), 'Check in')
        : null,
      inMeeting ? null : [
        goal.status === 'active'
          ? [h('button', { type: 'button', class: 'button quiet small', 'data-action': 'goal-achieved', onclick: () => run(() => api.setGoalStatus(goal.id, 'achieved'), 'Goal achieved') }, 'Achieved'),
            h('button', { type: 'button', class: 'button quiet small', 'data-action': 'goal-dropped', onclick: () => run(() => api.setGoalStatus(goal.id, 'dropped'), 'Goal dropped') }, 'Drop')]
          : h('button', { type: 'button', class: 'button quiet small', 'data-action': 'goal-reopen', onclick: () => run(() => api.setGoalStatus(goal.id, 'active'), 'Goal active again') }, 'Reopen'),
        h('button', { type: 'button', class: 'button quiet small', 'data-action': 'edit-goal', onclick: () => openGoalDialog({ person, goal, reload }) }, 'Edit'),
      ]));
}

/** Sets a new goal, or edits one. */
export function openGoalDialog({ person, goal = null, reload }) {
  const why = h('textarea', { rows: 2, placeholder: 'Why it matters to them' });
  /** @type {HTMLTextAreaElement} */ (why).value = goal?.why ?? '';
  const measure = h('textarea', { rows: 2, placeholder: 'What will be true when it is achieved' });
  /** @type {HTMLTextAreaElement} */ (measure).value = goal?.measure ?? '';
  formDialog({
    id: 'goal-form',
    title: goal ? 'Edit goal' : `A growth goal for ${person.name}`,
    fields: [
      field('title', 'Goal', h('input', { type: 'text', value: goal?.title ?? '', autocomplete: 'off', placeholder: 'Lead the design of a cross-team project' })),
      field('why', 'Why', why),
      field('measure', 'How success is measured', measure),
      field('target_on', 'Target date (optional)', h('input', { type: 'date', value: goal?.target_on ?? '' })),
    ],
    submitLabel: goal ? 'Save goal' : 'Set goal',
    onSubmit: async (data) => {
      const input = {
        title: String(data.get('title') ?? ''),
        why: String(data.get('why') ?? ''),
        measure: String(data.get('measure') ?? ''),
        target_on: String(data.get('target_on') || '') || null,
      };
      if (goal) await api.updateGoal(goal.id, input);
      else await api.createGoal(person.id, input);
      toast(goal ? 'Goal saved' : 'Goal set');
      reload();
    },
  });
}

/** Notes a dated check-in on a goal, with optional progress. */
export function openCheckinDialog({ goal, today, oneOnOneId = null, reload }) {
  formDialog({
    id: 'goal-checkin',
    title: `Check in: ${goal.goal.title}`,
    fields: [
      h('div', { class: 'form-grid' },
        field('noted_on', 'Date', h('input', { type: 'date', value: today, max: today })),
        field('progress', 'Progress % (optional)', h('input', { type: 'number', min: 0, max: 100, step: 5, value: goal.progress ?? '' }))),
      field('note', 'Note', h('textarea', { rows: 4, placeholder: 'What moved, what is next. Markdown works.' })),
    ],
    submitLabel: 'Add check-in',
    onSubmit: async (data) => {
      const progress = String(data.get('progress') ?? '').trim();
      await api.addGoalCheckin(goal.goal.id, {
        noted_on: String(data.get('noted_on') ?? ''),
        note: String(data.get('note') ?? ''),
        progress: progress === '' ? null : Number(progress),
        one_on_one_id: oneOnOneId,
      });
      toast('Check-in added');
      reload();
    },
  });
}
