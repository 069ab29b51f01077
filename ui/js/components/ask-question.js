// Logging a coaching question asked to someone: from the bank or on the
// spot, with what it surfaced. Used on a person's page and in a 1-on-1.

import * as api from '../api.js';
import { field, formDialog } from './dialog.js';
import { h, toast } from '../dom.js';

/**
 * @param {Object} options
 * @param {import('../api.js').Person} options.person
 * @param {string} options.today
 * @param {string|null} [options.oneOnOneId]
 * @param {import('../api.js').Question|null} [options.question]  prefilled from a suggestion
 * @param {() => void} options.onDone
 */
export async function openAskDialog({ person, today, oneOnOneId = null, question = null, onDone }) {
  const bank = question ? [question] : await api.listQuestions({});
  const categories = question ? [] : await api.questionCategories();
  const picker = h('select', { name: 'question_id' },
    question ? null : h('option', { value: '', text: 'My own words (type below)' }),
    question
      ? h('option', { value: question.id, selected: true, text: question.text })
      : categories.map((c) => h('optgroup', { label: c.label },
        bank.filter((q) => q.category === c.id).map((q) => h('option', { value: q.id, text: q.text })))));
  const text = h('input', { type: 'text', name: 'text', autocomplete: 'off', placeholder: question ? 'As you actually asked it (optional)' : 'What did you ask?' });
  formDialog({
    id: 'ask-question',
    title: `Question asked to ${person.name}`,
    description: 'Coach rather than solve. Note what the question surfaced.',
    fields: [
      field('question_id', 'Question', picker),
      field('text', question ? 'Your wording' : 'Or in your own words', text),
      h('div', { class: 'form-grid' },
        field('asked_on', 'Asked on', h('input', { type: 'date', value: today, max: today })),
        field('follow_up', 'Follow-up', h('input', { type: 'text', autocomplete: 'off', placeholder: 'Check in on the plan next week' }))),
      field('answer', 'What it surfaced', h('textarea', { rows: 4, placeholder: 'Their answer, in their words where you can. Markdown works.' })),
    ],
    submitLabel: 'Log question',
    onSubmit: async (data) => {
      await api.logQuestionAsked({
        person_id: person.id,
        question_id: String(data.get('question_id') || '') || null,
        text: String(data.get('text') ?? ''),
        asked_on: String(data.get('asked_on') ?? ''),
        one_on_one_id: oneOnOneId,
        answer: String(data.get('answer') ?? ''),
        follow_up: String(data.get('follow_up') ?? ''),
      });
      toast('Question logged');
      onDone();
    },
  });
}
