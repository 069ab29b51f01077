// One 1-on-1: the agenda (carried-over points first), notes and outcomes
// that save as you type, mood, and action items. Before the meeting it is a
// prep sheet; during and after, the record.

import * as api from '../api.js';
import { field, formDialog } from '../components/dialog.js';
import { openAskDialog } from '../components/ask-question.js';
import { card } from '../components/card.js';
import { conflictBadge, openUpdateDialog } from '../components/conflict-bits.js';
import { clearFieldErrors, showFieldError } from '../components/field-error.js';
import { ageLabel, kindBadge } from '../components/feedback-bits.js';
import { goalsCard } from '../components/goal-bits.js';
import { openPrepSheet } from '../components/prep-sheet.js';
import { markdownEditor } from '../components/markdown-editor.js';
import { actionRunner } from '../components/run-action.js';
import {
  MOODS, fill, formatDate, formatDateTime, h, icon, relativeDay, setSanitizedHtml, statusBadge, toast,
} from '../dom.js';

/**
 * @param {import('../main.js').ViewContext} ctx
 * @param {{id: string}} params
 */
export async function render(ctx, { id }) {
  const [initial, templates, today] = await Promise.all([api.getOneOnOne(id), api.listTemplates(), api.today()]);
  let detail = initial;
  const person = detail.person;

  // Each card is drawn into the same section every time it changes.
  const agendaSection = card({ id: 'agenda', titleId: 'agenda-title' });
  const itemsSection = card({ id: 'action-items', titleId: 'items-title' });
  const statusSection = card({ id: 'meeting-status', titleId: 'status-title' });
  const feedbackSection = card({ id: 'meeting-feedback', titleId: 'fb-title' });
  const coachingSection = card({ id: 'meeting-coaching', titleId: 'coach-title' });
  const conflictsSection = card({ id: 'meeting-conflicts', titleId: 'mc-title' });
  const goalsSlot = h('div', { class: 'slot' });
  const categories = await api.questionCategories();
  let coachCategory = '';

  const notes = markdownEditor({
    name: 'notes',
    label: 'Notes',
    value: detail.one_on_one.notes,
    html: detail.notes_html,
    placeholder: 'What was said. Markdown works: - lists, **bold**, > quotes.',
    rows: 12,
    preview: detail.one_on_one.status === 'held',
    save: (text) => api.saveOneOnOneText(id, 'notes', text),
  });
  const outcomes = markdownEditor({
    name: 'outcomes',
    label: 'Outcomes and decisions',
    value: detail.one_on_one.outcomes,
    html: detail.outcomes_html,
    placeholder: 'What you agreed. The first line shows in their history.',
    rows: 4,
    preview: detail.one_on_one.status === 'held',
    save: (text) => api.saveOneOnOneText(id, 'outcomes', text),
  });

  async function refresh() {
    try {
      detail = await api.getOneOnOne(id);
      draw();
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  /** Runs a change, then redraws; failures become a toast. */
  const change = actionRunner(refresh);

  function draw() {
    const m = detail.one_on_one;
    ctx.setTitle(`1-on-1 with ${person.name}`, formatDateTime(m.scheduled_at));
    ctx.setActions(...headerActions(m));
    drawAgenda(m);
    drawItems(m);
    drawStatus(m);
    drawFeedback(m);
    drawCoaching(m);
    drawConflicts(m);
    fill(goalsSlot, detail.active_goals.length
      ? goalsCard({ goals: detail.active_goals, person, today, reload: refresh, oneOnOneId: id })
      : null);
  }

  // ----- Coaching: a suggested question, and what was asked here -----

  async function drawCoaching(m) {
    let suggestions = [];
    try {
      suggestions = await api.suggestQuestions(person.id, coachCategory ? [coachCategory] : [], 3);
    } catch (error) {
      toast(error.message, 'error');
    }
    const picker = h('select', { class: 'compact', 'aria-label': 'Question category', id: 'coach-category' },
      h('option', { value: '', text: 'Any category' }),
      categories.map((c) => h('option', { value: c.id, selected: c.id === coachCategory, text: c.label })));
    picker.addEventListener('change', () => { coachCategory = picker.value; drawCoaching(m); });
    const ask = (question) => openAskDialog({ person, today, oneOnOneId: id, question, onDone: refresh });
    const asked = detail.questions_asked.map((a) => {
      const answer = h('div', { class: 'markdown-body plain' });
      setSanitizedHtml(answer, a.answer_html);
      return h('li', { class: 'asked-item' },
        h('span', { class: 'asked-question', text: `“${a.asked.question_text}”` }),
        a.asked.answer.trim() ? answer : null);
    });
    card({
      into: coachingSection,
      titleId: 'coach-title',
      title: 'Coaching',
      action: picker,
      list: h('ul', { class: 'suggestions', id: 'suggested-questions' }, suggestions.map((sug) =>
        h('li', { class: 'suggestion', dataset: { questionId: sug.question.id } },
          h('span', { class: 'suggestion-text', text: sug.question.text }),
          h('span', { class: 'age', text: sug.last_asked_on ? `Asked ${relativeDay(sug.last_asked_on, today)}` : 'Never asked' }),
          h('button', { type: 'button', class: 'button small', 'data-action': 'ask-question', onclick: () => ask(sug.question) }, 'Ask')))),
      body: [
        h('div', { class: 'card-foot' },
          h('button', { type: 'button', class: 'button quiet small', 'data-action': 'log-other-question', onclick: () => ask(null) }, icon('plus'), 'Log another question')),
        asked.length
          ? h('div', { class: 'items-other' }, h('h3', { text: 'Asked in this 1-on-1' }), h('ul', { class: 'asked-list', id: 'asked-here' }, asked))
          : null,
      ],
    });
  }

  // ----- Open conflicts involving them -----

  function drawConflicts(m) {
    const open = detail.open_conflicts;
    conflictsSection.hidden = open.length === 0;
    card({
      into: conflictsSection,
      titleId: 'mc-title',
      title: 'Open conflicts',
      count: open.length,
      list: h('ul', { class: 'fb-items', id: 'meeting-open-conflicts' }, open.map((c) =>
        h('li', { class: 'fb-item', dataset: { conflictId: c.id } },
          h('div', { class: 'fb-item-head' }, conflictBadge(c.status), h('span', { class: 'age', text: `Last activity ${relativeDay(c.last_activity, today)}` })),
          h('a', { class: 'fb-item-text', href: `#/conflicts/${c.id}`, text: c.title }),
          c.next_step ? h('span', { class: 'small muted', text: `Next: ${c.next_step}` }) : null,
          h('button', { type: 'button', class: 'button small', 'data-action': 'conflict-update-here',
            onclick: () => openUpdateDialog(c, { today, oneOnOne: m, onDone: refresh }) }, icon('plus'), 'Add update')))),
    });
  }

  // ----- Feedback to deliver / delivered here -----

  function drawFeedback(m) {
    const waiting = detail.feedback_to_deliver;
    const given = detail.feedback_delivered;
    feedbackSection.hidden = !waiting.length && !given.length && m.status !== 'scheduled';
    const meetingDay = m.scheduled_at.slice(0, 10);
    const deliverOn = meetingDay <= today ? meetingDay : today;
    const item = (v, deliverable) => h('li', { class: 'fb-item', dataset: { feedbackId: v.feedback.id } },
      h('div', { class: 'fb-item-head' }, kindBadge(v.feedback.kind), ageLabel(v)),
      h('a', { class: 'fb-item-text', href: `#/feedback/${v.feedback.id}`, text: v.preview || 'Empty draft' }),
      deliverable
        ? h('button', { type: 'button', class: 'button small', 'data-action': 'deliver-here',
          onclick: () => change(() => api.deliverFeedback(v.feedback.id, deliverOn, id), 'Feedback delivered') }, icon('check'), 'Delivered')
        : null);
    card({
      into: feedbackSection,
      titleId: 'fb-title',
      title: 'Feedback to deliver',
      action: h('a', { class: 'button quiet small', href: `#/feedback/new/${person.id}`, text: 'Write' }),
      list: waiting.length && h('ul', { class: 'fb-items', id: 'feedback-to-deliver' }, waiting.map((v) => item(v, true))),
      empty: m.status === 'scheduled' ? 'No drafts waiting for them.' : null,
      body: given.length
        ? h('div', { class: 'items-other' },
          h('h3', { text: 'Delivered in this 1-on-1' }),
          h('ul', { class: 'fb-items', id: 'feedback-delivered-here' }, given.map((v) => item(v, false))))
        : null,
    });
  }

  function headerActions(m) {
    const back = h('a', { class: 'button quiet', href: `#/people/${person.id}`, text: `${person.name}’s page` });
    if (m.status === 'scheduled') {
      return [
        back,
        h('button', { type: 'button', class: 'button', 'data-action': 'prep-sheet', onclick: () => openPrepSheet(person) }, 'Prep sheet'),
        h('button', { type: 'button', class: 'button', 'data-action': 'reschedule', onclick: () => openReschedule(m) }, icon('calendar'), 'Reschedule'),
        h('button', { type: 'button', class: 'button', 'data-action': 'cancel-meeting', onclick: () => openCancel(m) }, icon('cancel'), 'Cancel'),
        h('button', { type: 'button', class: 'button primary', 'data-action': 'mark-held', onclick: () => openMarkHeld(m) }, icon('check'), 'Mark held'),
      ];
    }
    if (m.status === 'rescheduled' && m.rescheduled_to) {
      return [back, h('a', { class: 'button primary', href: `#/one-on-ones/${m.rescheduled_to}` }, icon('next'), 'Go to the new date')];
    }
    if (m.status === 'held') {
      return [back, detail.next_scheduled
        ? h('a', { class: 'button primary', 'data-action': 'open-next', href: `#/one-on-ones/${detail.next_scheduled.id}` }, icon('next'), 'Open next 1-on-1')
        : h('button', { type: 'button', class: 'button primary', 'data-action': 'schedule-next', onclick: scheduleNext }, icon('next'), `Schedule next (in ${person.cadence_days} days)`)];
    }
    return [back];
  }

  async function scheduleNext() {
    const next = await change(() => api.scheduleNextOneOnOne(id), 'Next 1-on-1 scheduled');
    if (next) ctx.navigate(`#/one-on-ones/${next.id}`);
  }

  function openMarkHeld(m) {
    const scheduledOn = m.scheduled_at.slice(0, 10);
    const input = h('input', { type: 'date', value: scheduledOn <= today ? scheduledOn : today, max: today });
    formDialog({
      id: 'mark-held',
      title: 'Mark this 1-on-1 held',
      description: 'Open talking points will carry over to the next 1-on-1 with them.',
      fields: [field('held_on', 'Held on', input)],
      submitLabel: 'Mark held',
      onSubmit: async (data) => {
        await api.markOneOnOneHeld(id, String(data.get('held_on')));
        toast('Marked held');
        await refresh();
      },
    });
  }

  function openReschedule(m) {
    const [date, time] = m.scheduled_at.split('T');
    formDialog({
      id: 'reschedule',
      title: 'Move this 1-on-1',
      description: 'The agenda, notes and action items move to the new date.',
      fields: [h('div', { class: 'form-grid' },
        field('new_date', 'New date', h('input', { type: 'date', value: date })),
        field('scheduled_at', 'Time', h('input', { type: 'time', value: time, step: 300 })))],
      submitLabel: 'Reschedule',
      onSubmit: async (data) => {
        const moved = await api.rescheduleOneOnOne(id, `${data.get('new_date')}T${data.get('scheduled_at')}`);
        toast('Rescheduled');
        ctx.navigate(`#/one-on-ones/${moved.id}`);
      },
    });
  }

  function openCancel() {
    formDialog({
      id: 'cancel-meeting',
      title: 'Cancel this 1-on-1?',
      description: 'It will not count as held. Its talking points stay here and do not carry over.',
      fields: [],
      submitLabel: 'Cancel 1-on-1',
      danger: true,
      onSubmit: async () => {
        await api.cancelOneOnOne(id);
        toast('1-on-1 cancelled');
        await refresh();
      },
    });
  }

  // ----- Agenda -----

  function drawAgenda(m) {
    const points = detail.agenda;
    const open = points.filter((p) => !p.resolved).length;
    const templatePicker = h('select', { 'aria-label': 'Add prompts from a template', class: 'compact', id: 'template-picker' },
      h('option', { value: '', text: 'Add from template…' }),
      templates.map((t) => h('option', { value: t.id, text: t.name })));
    templatePicker.addEventListener('change', async () => {
      const templateId = templatePicker.value;
      if (!templateId) return;
      await change(() => api.applyTemplate(templateId, id), 'Template added');
    });

    const list = h('ol', { class: 'agenda', id: 'agenda-list' },
      points.map((p, index) => agendaRow(p, index, points.length)));

    card({
      into: agendaSection,
      titleId: 'agenda-title',
      title: 'Agenda',
      count: points.length ? `${open} open of ${points.length}` : '',
      action: templatePicker,
      list: points.length && list,
      empty: 'No talking points yet. Add what they want to talk about, then yours.',
      body: addPointForm(m),
    });
  }

  function agendaRow(p, index, total) {
    const checkbox = h('input', { type: 'checkbox', checked: p.resolved, 'aria-label': `Resolved: ${p.text}` });
    checkbox.addEventListener('change', () => change(() => api.setTalkingPointResolved(p.id, checkbox.checked)));
    const carried = p.carried_from_id
      ? h('span', { class: 'badge warn', title: 'Unresolved in an earlier 1-on-1', text: `Carried over · first raised ${formatDate(p.first_raised_on)}` })
      : null;
    const forward = p.carried_forward && !p.resolved
      ? h('span', { class: 'badge', text: 'Moved to the next 1-on-1' })
      : null;
    const text = h('span', { class: 'text', text: p.text });
    const other = p.raised_by === 'them' ? 'me' : 'them';
    const chip = h('button', {
      type: 'button', class: `chip ${p.raised_by}`, title: `Raised by ${p.raised_by === 'them' ? 'them' : 'me'}; click to switch`,
      'aria-label': `Raised by ${p.raised_by === 'them' ? 'them' : 'me'}. Switch to ${other === 'them' ? 'them' : 'me'}`,
      onclick: () => change(() => api.editTalkingPoint(p.id, { text: p.text, raised_by: other })),
    }, p.raised_by === 'them' ? 'Them' : 'Me');
    const startEdit = () => {
      const input = /** @type {HTMLInputElement} */ (h('input', { type: 'text', class: 'inline-edit', value: p.text, 'aria-label': 'Edit talking point' }));
      let busy = false;
      const cancel = () => input.replaceWith(text);
      const save = async () => {
        if (busy) return;
        if (input.value.trim() === p.text) { cancel(); return; }
        busy = true;
        try {
          await api.editTalkingPoint(p.id, { text: input.value, raised_by: p.raised_by });
          await refresh();
        } catch (error) {
          // Keep what was typed so it can be fixed; say why in words.
          toast(error.message, 'error');
          input.setAttribute('aria-invalid', 'true');
          input.focus();
        } finally {
          busy = false;
        }
      };
      input.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') { event.preventDefault(); save(); }
        if (event.key === 'Escape') { event.preventDefault(); cancel(); }
      });
      // Leaving the field keeps a real change and drops an emptied one.
      input.addEventListener('blur', () => { if (!busy) (input.value.trim() ? save() : cancel()); });
      text.replaceWith(input);
      input.focus();
      input.select();
    };
    text.addEventListener('dblclick', startEdit);
    return h('li', { class: `agenda-item ${p.resolved ? 'resolved' : ''}`, dataset: { pointId: p.id, raisedBy: p.raised_by } },
      checkbox,
      h('div', { class: 'agenda-text' },
        text,
        h('span', { class: 'agenda-meta' }, chip, carried, forward)),
      h('div', { class: 'row-actions' },
        h('button', { type: 'button', class: 'icon-button', title: 'Edit', 'aria-label': `Edit: ${p.text}`, onclick: startEdit }, icon('edit')),
        h('button', { type: 'button', class: 'icon-button', title: 'Move up', 'aria-label': `Move up: ${p.text}`, disabled: index === 0, onclick: () => change(() => api.moveTalkingPoint(p.id, index - 1)) }, icon('up')),
        h('button', { type: 'button', class: 'icon-button', title: 'Move down', 'aria-label': `Move down: ${p.text}`, disabled: index === total - 1, onclick: () => change(() => api.moveTalkingPoint(p.id, index + 1)) }, icon('down')),
        h('button', { type: 'button', class: 'icon-button', title: 'Remove', 'aria-label': `Remove: ${p.text}`, onclick: () => change(() => api.deleteTalkingPoint(p.id)) }, icon('x'))));
  }

  function addPointForm() {
    const input = h('input', { type: 'text', name: 'text', placeholder: 'Add a talking point…', 'aria-label': 'New talking point', autocomplete: 'off', id: 'new-point' });
    const side = (value, label, checked) => h('label', { class: 'choice' },
      h('input', { type: 'radio', name: 'raised_by', value, checked }), label);
    const form = h('form', { class: 'add-row', novalidate: true, dataset: { form: 'talking-point' } },
      input,
      h('div', { class: 'choice-row', role: 'radiogroup', 'aria-label': 'Raised by' }, side('them', 'Them', true), side('me', 'Me', false)),
      h('button', { type: 'submit', class: 'button', text: 'Add' }));
    return addFormFoot(form, agendaSection, 'new-point', () => {
      const raisedBy = /** @type {HTMLInputElement} */ (form.querySelector('input[name=raised_by]:checked')).value;
      return api.addTalkingPoint(id, { text: input.value, raised_by: raisedBy });
    });
  }

  /**
   * The foot of a card whose form adds a row: on submit, `add()`, then the
   * redraw, with the focus back in the (redrawn) input `inputId`; core's
   * error shows under the form and what was typed stays.
   */
  function addFormFoot(form, section, inputId, add) {
    const error = h('p', { class: 'field-error', role: 'alert', hidden: true });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await add();
        clearFieldErrors(form, error);
        await refresh();
        /** @type {HTMLInputElement|null} */ (section.querySelector(`#${inputId}`))?.focus();
      } catch (err) {
        showFieldError(form, err, error);
      }
    });
    return h('div', { class: 'card-foot' }, form, error);
  }

  // ----- Action items -----

  function drawItems(m) {
    card({
      into: itemsSection,
      titleId: 'items-title',
      title: 'Action items',
      list: detail.action_items.length && h('ul', { class: 'items', id: 'meeting-items' }, detail.action_items.map(itemRow)),
      empty: 'Nothing agreed yet.',
      body: [
        addItemForm(m),
        detail.open_action_items.length
          ? h('div', { class: 'items-other' },
            h('h3', { text: `Still open with ${person.name}` }),
            h('ul', { class: 'items', id: 'open-items' }, detail.open_action_items.map(itemRow)))
          : null,
      ],
    });
  }

  function itemRow(item) {
    const checkbox = h('input', { type: 'checkbox', checked: Boolean(item.done_on), 'aria-label': `Done: ${item.text}` });
    checkbox.addEventListener('change', () =>
      change(() => api.setActionItemDone(item.id, checkbox.checked ? today : null), checkbox.checked ? 'Done' : null));
    const overdue = !item.done_on && item.due_on && item.due_on < today;
    return h('li', { class: `item ${item.done_on ? 'done' : ''}`, dataset: { itemId: item.id } },
      checkbox,
      h('div', { class: 'item-text' },
        h('span', { class: 'text', text: item.text }),
        h('span', { class: 'agenda-meta' },
          h('span', { class: `chip ${item.owner}`, text: item.owner === 'them' ? person.name.split(' ')[0] : 'Me' }),
          item.due_on ? h('span', { class: `due ${overdue ? 'overdue' : ''}`, text: `Due ${formatDate(item.due_on)}${overdue ? ` · ${relativeDay(item.due_on, today)}` : ''}` }) : null)),
      h('button', { type: 'button', class: 'icon-button', title: 'Delete', 'aria-label': `Delete: ${item.text}`, onclick: () => change(() => api.deleteActionItem(item.id)) }, icon('x')));
  }

  function addItemForm() {
    const text = h('input', { type: 'text', name: 'text', placeholder: 'Add an action item…', 'aria-label': 'New action item', autocomplete: 'off', id: 'new-item' });
    const owner = h('select', { name: 'owner', 'aria-label': 'Owner', class: 'compact' },
      h('option', { value: 'them', text: person.name.split(' ')[0] }),
      h('option', { value: 'me', text: 'Me' }));
    const due = h('input', { type: 'date', name: 'due_on', class: 'compact', title: 'Due date (optional)' });
    const form = h('form', { class: 'add-item', novalidate: true, dataset: { form: 'action-item' } },
      text,
      h('div', { class: 'add-item-row' },
        owner,
        h('label', { class: 'inline-label' }, 'Due', due),
        h('button', { type: 'submit', class: 'button', text: 'Add' })));
    return addFormFoot(form, itemsSection, 'new-item', () => api.addActionItem(person.id, {
      text: text.value,
      owner: /** @type {any} */ (owner).value,
      due_on: /** @type {HTMLInputElement} */ (due).value || null,
      one_on_one_id: id,
    }));
  }

  // ----- Status and mood -----

  function drawStatus(m) {
    const when = m.status === 'held'
      ? `Held ${formatDate(m.held_on)}`
      : m.status === 'scheduled'
        ? (m.scheduled_at.slice(0, 10) < today ? `Was due ${relativeDay(m.scheduled_at.slice(0, 10), today)}; not marked held` : `Scheduled ${relativeDay(m.scheduled_at.slice(0, 10), today)}`)
        : m.status === 'cancelled' ? 'Cancelled; it does not count as held' : 'Moved to another date';
    const moods = h('div', { class: 'mood-picker', role: 'radiogroup', 'aria-label': 'Mood' },
      MOODS.map((label, i) => {
        const value = i + 1;
        const button = h('button', {
          type: 'button', role: 'radio', class: 'mood', 'aria-checked': String(m.mood === value),
          title: `${value} · ${label}`, dataset: { mood: String(value) },
        }, h('span', { class: 'mood-value', text: String(value) }), h('span', { class: 'mood-label', text: label }));
        button.addEventListener('click', () =>
          change(() => api.setOneOnOneMood(id, m.mood === value ? null : value)));
        return button;
      }));
    card({
      into: statusSection,
      titleId: 'status-title',
      title: 'This 1-on-1',
      action: statusBadge(m.status),
      body: h('div', { class: 'card-body stack-small' },
        h('p', { class: 'muted', id: 'status-line', text: when }),
        h('div', {}, h('h3', { class: 'label', text: 'How did it feel?' }), moods)),
    });
  }

  draw();

  return h('div', { class: 'meeting', dataset: { oneOnOneId: id } },
    h('div', { class: 'meeting-main stack' },
      agendaSection,
      card({ label: 'Notes and outcomes', body: h('div', { class: 'card-body stack' }, notes.element, outcomes.element) })),
    h('aside', { class: 'meeting-side stack', 'aria-label': 'Status and action items' },
      statusSection,
      feedbackSection,
      conflictsSection,
      goalsSlot,
      coachingSection,
      itemsSection));
}

