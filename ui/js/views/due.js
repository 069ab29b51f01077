// Due: the home screen. The conversations you owe, most urgent first, each
// saying why in words, with one action and a snooze. Every row is derived
// from the records, so it vanishes as soon as its cause is resolved.

import * as api from '../api.js';
import { card } from '../components/card.js';
import { openUpdateDialog } from '../components/conflict-bits.js';
import { field, formDialog } from '../components/dialog.js';
import { encryptionPrompt } from '../components/encryption.js';
import { actionRunner } from '../components/run-action.js';
import { fill, formatDate, h, icon, isoDate, toast } from '../dom.js';
import { sampleButton } from './people.js';
import { openStartDialog } from '../components/start-one-on-one.js';

const GROUPS = [
  ['overdue', 'Overdue', 'Well past when it was due.'],
  ['due', 'Due', 'Due now.'],
  ['upcoming', 'Coming up', 'In the next few days.'],
];

/**
 * Rows a group shows until asked for all: a long backlog (a journal left
 * alone for months) stays a list to triage, and the screen opens fast.
 */
const GROUP_ROWS = 25;

const KIND_LABEL = {
  one_on_one: '1-on-1',
  missed_one_on_one: '1-on-1 not recorded',
  scheduled_one_on_one: '1-on-1 scheduled',
  redirecting_feedback: 'Redirecting feedback',
  reinforcing_feedback: 'Reinforcing feedback',
  quiet_conflict: 'Conflict gone quiet',
  my_action_item: 'Your action item',
  their_action_item: 'Their action item',
  goal: 'Goal past target',
};

/** @param {import('../main.js').ViewContext} ctx */
export async function render(ctx) {
  const body = h('div', { class: 'stack', id: 'due' });
  let showSnoozed = false;
  /** Groups shown in full: the others show their most urgent rows first. */
  const expanded = new Set();
  const visible = (level, items) => (expanded.has(level) ? items : items.slice(0, GROUP_ROWS));

  async function load() {
    const list = await api.dueList();
    // Reminders mean people; only a journal with none can be new.
    const empty = list.reminders.length === 0 && list.snoozed === 0
      && (await api.listPeople('all')).length === 0;
    if (empty) {
      ctx.setTitle('Welcome to Candor', 'A private journal for your 1-on-1s, feedback and the conversations you owe');
      fill(body, h('section', { class: 'empty welcome', id: 'welcome' },
        h('h2', { text: 'Start with the people you manage' }),
        h('p', { text: 'Add your team with how often you meet each person. Candor then reminds you here of the conversations you owe: 1-on-1s past their cadence, feedback going stale, conflicts gone quiet. Everything stays in one file on this computer.' }),
        h('div', { class: 'empty-actions' },
          h('a', { class: 'button primary', href: '#/people', text: 'Add your team' }),
          sampleButton())));
      return;
    }
    ctx.setTitle('Due', summaryLine(list));
    ctx.dueChanged(list.counts.overdue);
    const sections = GROUPS
      .map(([level, title, note]) => [level, title, note, list.reminders.filter((r) => r.level === level)])
      .filter(([, , , items]) => items.length)
      .map(([level, title, note, items]) =>
        card({
          class: `due-group due-${level}`,
          titleId: `due-${level}-title`,
          dataset: { level },
          title,
          count: items.length,
          action: h('span', { class: 'small muted', text: note }),
          list: h('ul', { class: 'due-list' }, visible(level, items).map((r) => row(r, list.today))),
          body: items.length > visible(level, items).length
            ? h('button', {
              type: 'button',
              class: 'button quiet small show-all',
              'data-action': `show-all-${level}`,
              onclick: () => { expanded.add(level); load(); },
            }, `Show all ${items.length}`)
            : null,
        }));
    const snoozedBlock = list.snoozed
      ? h('div', { class: 'snoozed-block' },
        h('button', { type: 'button', class: 'button quiet small', 'data-action': 'toggle-snoozed', onclick: () => { showSnoozed = !showSnoozed; load(); } },
          showSnoozed ? 'Hide snoozed' : `${list.snoozed} snoozed`),
        showSnoozed ? await snoozedList() : null)
      : null;
    fill(body,
      sections.length ? sections : h('section', { class: 'empty all-clear', id: 'all-clear' },
        h('h2', { text: 'Nothing owed right now' }),
        h('p', { text: 'Every 1-on-1 is within its cadence, no feedback is going stale, no conflict has gone quiet. Reminders appear here the day something falls due, and leave the moment it is done.' })),
      snoozedBlock);
  }

  async function snoozedList() {
    const snoozed = await api.snoozedReminders();
    return h('ul', { class: 'due-list snoozed', id: 'snoozed-list' }, snoozed.map((s) =>
      h('li', { class: 'due-row', dataset: { key: s.reminder.key } },
        h('div', { class: 'due-text' },
          h('span', { class: 'due-kind', text: KIND_LABEL[s.reminder.kind] ?? s.reminder.kind }),
          h('span', { class: 'due-reason', text: s.reminder.reason }),
          h('span', { class: 'small muted', text: `Snoozed until ${formatDate(s.until)}` })),
        h('button', { type: 'button', class: 'button small', 'data-action': 'unsnooze', onclick: () => act(() => api.unsnoozeReminder(s.reminder.key), 'Back in the list') }, 'Unsnooze'))));
  }

  const act = actionRunner(load);

  function row(r, today) {
    return h('li', { class: `due-row kind-${r.kind}`, dataset: { key: r.key, kind: r.kind } },
      h('span', { class: `due-dot ${r.level}`, 'aria-hidden': 'true' }),
      h('div', { class: 'due-text' },
        h('span', { class: 'due-head' },
          h('span', { class: 'due-kind', text: KIND_LABEL[r.kind] ?? r.kind }),
          r.person ? h('a', { class: 'due-person', href: `#/people/${r.person.id}`, text: r.person.name }) : null),
        h('span', { class: 'due-reason', text: r.reason })),
      h('div', { class: 'due-actions' },
        primaryAction(r, today),
        h('button', { type: 'button', class: 'button quiet small', 'data-action': 'snooze', onclick: () => openSnooze(r, today) }, 'Snooze')));
  }

  function primaryAction(r, today) {
    const button = (label, name, onclick, primary = true) =>
      h('button', { type: 'button', class: `button small ${primary ? 'primary' : ''}`, 'data-action': name, onclick }, label);
    const link = (label, name, href) => h('a', { class: 'button small primary', 'data-action': name, href }, label);
    switch (r.kind) {
      case 'one_on_one':
        return button('Start 1-on-1', 'start-one-on-one', async () => {
          const person = await api.getPerson(r.person.id);
          openStartDialog(person, (meeting) => ctx.navigate(`#/one-on-ones/${meeting.id}`));
        });
      case 'missed_one_on_one':
      case 'scheduled_one_on_one':
        return link('Open 1-on-1', 'open-one-on-one', `#/one-on-ones/${r.subject_id}`);
      case 'redirecting_feedback':
      case 'reinforcing_feedback':
        return link('Open draft', 'open-feedback', `#/feedback/${r.subject_id}`);
      case 'quiet_conflict':
        return button('Add update', 'conflict-update', () =>
          openUpdateDialog({ id: r.subject_id, title: r.title ?? 'the conflict' }, { today, onDone: load }));
      case 'my_action_item':
      case 'their_action_item':
        return button('Mark done', 'mark-done', () => act(() => api.setActionItemDone(r.subject_id, today), 'Done'));
      case 'goal':
        return link('Open goals', 'open-goal', `#/people/${r.person?.id}`);
      default:
        return null;
    }
  }

  function openSnooze(r, today) {
    const [y, m, d] = today.split('-').map(Number);
    const later = (days) => isoDate(new Date(y, m - 1, d + days));
    const until = /** @type {HTMLInputElement} */ (h('input', { type: 'date', value: later(1), min: later(1) }));
    const quick = h('div', { class: 'choice-row' }, [[1, 'Tomorrow'], [3, '3 days'], [7, 'A week'], [14, 'Two weeks']].map(([days, label]) =>
      h('button', { type: 'button', class: 'button quiet small', onclick: () => { until.value = later(days); } }, label)));
    formDialog({
      id: 'snooze',
      title: 'Snooze this reminder',
      description: `${r.reason}. It comes back after the date you choose, if it still holds.`,
      fields: [quick, field('until', 'Until', until)],
      submitLabel: 'Snooze',
      onSubmit: async (data) => {
        await api.snoozeReminder(r.key, String(data.get('until')));
        toast(`Snoozed until ${formatDate(String(data.get('until')))}`);
        await load();
      },
    });
  }

  ctx.setActions(h('a', { class: 'button', href: '#/settings', title: 'Reminder thresholds and notifications' }, icon('edit'), 'Reminder settings'));
  const [prompt] = await Promise.all([
    api.appInfo().then((info) => encryptionPrompt(info, () => ctx.navigate('#/due'))).catch(() => null),
    load(),
  ]);
  return prompt ? h('div', { class: 'stack' }, prompt, body) : body;
}

function summaryLine(list) {
  const { overdue, due, upcoming } = list.counts;
  if (!overdue && !due && !upcoming) return 'All clear';
  return [overdue ? `${overdue} overdue` : null, due ? `${due} due` : null, upcoming ? `${upcoming} coming up` : null]
    .filter(Boolean).join(' · ');
}
