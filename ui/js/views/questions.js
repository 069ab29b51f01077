// The coaching question bank: browse by category, search, add your own,
// retire what you no longer ask.

import * as api from '../api.js';
import { card } from '../components/card.js';
import { field, formDialog } from '../components/dialog.js';
import { actionRunner } from '../components/run-action.js';
import { fill, h, icon, toast } from '../dom.js';

/** @param {import('../main.js').ViewContext} ctx */
export async function render(ctx) {
  const categories = await api.questionCategories();
  let category = '';
  let showRetired = false;
  const search = /** @type {HTMLInputElement} */ (h('input', { type: 'search', id: 'question-search', placeholder: 'Search questions…', 'aria-label': 'Search questions' }));
  const tabs = h('div', { class: 'category-tabs', role: 'tablist', 'aria-label': 'Categories' });
  const list = h('div', { class: 'stack', id: 'question-bank' });

  function drawTabs() {
    fill(tabs, [{ id: '', label: 'All' }, ...categories].map((c) =>
      h('button', { type: 'button', role: 'tab', class: 'tab', 'aria-selected': String(category === c.id), dataset: { category: c.id }, onclick: () => { category = c.id; drawTabs(); load(); } }, c.label)));
  }

  async function load() {
    const questions = await api.listQuestions({ category: category || null, search: search.value.trim() || null, include_retired: showRetired });
    const groups = categories
      .map((c) => [c, questions.filter((q) => q.category === c.id)])
      .filter(([, qs]) => qs.length);
    fill(list, groups.length ? groups.map(([c, qs]) =>
      card({
        dataset: { categoryGroup: c.id },
        title: c.label,
        count: qs.length,
        list: h('ul', { class: 'question-list' }, qs.map((q) => questionRow(q, load))),
      }))
      : h('p', { class: 'empty', text: 'No question matches. Add your own with “New question”.' }));
  }

  let searchTimer = 0;
  search.addEventListener('input', () => { clearTimeout(searchTimer); searchTimer = setTimeout(load, 150); });

  ctx.setTitle('Questions', 'Coach rather than solve');
  ctx.setActions(
    h('label', { class: 'toggle' }, h('input', { type: 'checkbox', id: 'show-retired', onchange: (e) => { showRetired = e.target.checked; load(); } }), 'Show retired'),
    h('button', { type: 'button', class: 'button primary', 'data-action': 'new-question', onclick: () => openEditor(null, categories, category, load) }, icon('plus'), 'New question'));
  drawTabs();
  await load();
  return h('div', { class: 'stack questions-page' }, h('div', { class: 'bank-tools' }, tabs, search), list);
}

function questionRow(q, reload) {
  const run = actionRunner(reload);
  return h('li', { class: `question-row ${q.retired ? 'retired' : ''}`, dataset: { questionId: q.id } },
    h('span', { class: 'question-text', text: q.text }),
    q.builtin ? null : h('span', { class: 'badge', text: 'Yours' }),
    q.retired ? h('span', { class: 'badge', text: 'Retired' }) : null,
    h('span', { class: 'row-actions' },
      q.builtin ? null : h('button', { type: 'button', class: 'button quiet small', 'data-action': 'edit-question', onclick: () => openEditor(q, null, q.category, reload) }, 'Edit'),
      h('button', { type: 'button', class: 'button quiet small', 'data-action': q.retired ? 'unretire-question' : 'retire-question',
        onclick: () => run(() => api.setQuestionRetired(q.id, !q.retired), q.retired ? 'Back in the bank' : 'Retired: never suggested') }, q.retired ? 'Bring back' : 'Retire'),
      q.builtin ? null : h('button', { type: 'button', class: 'button quiet small danger', 'data-action': 'delete-question',
        onclick: () => run(() => api.deleteQuestion(q.id), 'Question deleted') }, 'Delete')));
}

async function openEditor(q, categories, category, reload) {
  const cats = categories ?? await api.questionCategories();
  formDialog({
    id: 'question-editor',
    title: q ? 'Edit question' : 'New question',
    fields: [
      field('text', 'Question', h('input', { type: 'text', value: q?.text ?? '', autocomplete: 'off', placeholder: 'What would make this easier?' })),
      field('category', 'Category', h('select', {}, cats.map((c) => h('option', { value: c.id, selected: c.id === (q?.category ?? category), text: c.label })))),
    ],
    submitLabel: q ? 'Save' : 'Add question',
    onSubmit: async (data) => {
      const input = { text: String(data.get('text') ?? ''), category: String(data.get('category') ?? '') };
      if (q) await api.updateQuestion(q.id, input);
      else await api.createQuestion(input);
      toast(q ? 'Question saved' : 'Question added');
      await reload();
    },
  });
}
