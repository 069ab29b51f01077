// Search everything: notes, talking points, action items, feedback,
// conflicts, questions and goals. Results follow as you type, newest first,
// grouped by kind, with the matching words marked.

import * as api from '../api.js';
import { card } from '../components/card.js';
import { fill, formatDate, h } from '../dom.js';

/** @param {import('../main.js').ViewContext} ctx */
export async function render(ctx) {
  const [kinds, team] = await Promise.all([api.recordKinds(), api.listPeople('all')]);
  ctx.setTitle('Search', 'Everything you wrote, on this computer');
  ctx.setActions();

  const input = /** @type {HTMLInputElement} */ (h('input', { type: 'search', id: 'search-input', placeholder: 'Search notes, feedback, conflicts, goals…', 'aria-label': 'Search', autocomplete: 'off', spellcheck: 'false' }));
  const person = h('select', { class: 'compact', id: 'search-person', 'aria-label': 'Person' },
    h('option', { value: '', text: 'Anyone' }), team.map((p) => h('option', { value: p.id, text: p.name })));
  const kind = h('select', { class: 'compact', id: 'search-kind', 'aria-label': 'Kind' },
    h('option', { value: '', text: 'All kinds' }), kinds.map((k) => h('option', { value: k.id, text: k.many })));
  const from = h('input', { type: 'date', class: 'compact', id: 'search-from', 'aria-label': 'From' });
  const to = h('input', { type: 'date', class: 'compact', id: 'search-to', 'aria-label': 'To' });
  const status = h('p', { class: 'search-status muted', id: 'search-status', 'aria-live': 'polite' });
  const results = h('div', { class: 'stack', id: 'search-results' });

  let sequence = 0;
  let timer = 0;
  async function run() {
    const mine = ++sequence;
    const text = input.value;
    if (!text.trim()) {
      fill(results);
      status.textContent = 'Type a word or the start of one. All words must match.';
      return;
    }
    try {
      const found = await api.searchJournal({
        text,
        person_id: /** @type {any} */ (person).value || null,
        kinds: /** @type {any} */ (kind).value ? [/** @type {any} */ (kind).value] : [],
        from: /** @type {any} */ (from).value || null,
        to: /** @type {any} */ (to).value || null,
        limit: 60,
      });
      if (mine !== sequence) return; // a newer keystroke won
      status.textContent = found.hits.length === 0
        ? 'No matches.'
        : found.truncated ? `The ${found.hits.length} newest matches; narrow it down with more words or filters.` : `${found.hits.length} match${found.hits.length === 1 ? '' : 'es'}, newest first.`;
      const groups = kinds
        .map((k) => [k, found.hits.filter((hit) => hit.kind === k.id)])
        .filter(([, hits]) => hits.length);
      fill(results, groups.map(([k, hits]) =>
        card({
          dataset: { kindGroup: k.id },
          title: k.many,
          count: hits.length,
          list: h('ul', { class: 'hits' }, hits.map(hitRow)),
        })));
    } catch (error) {
      if (mine !== sequence) return;
      status.textContent = error.message;
      fill(results);
    }
  }
  const schedule = () => { clearTimeout(timer); timer = setTimeout(run, 90); };
  input.addEventListener('input', schedule);
  [person, kind, from, to].forEach((el) => el.addEventListener('change', run));
  run();
  setTimeout(() => input.focus(), 0);

  return h('div', { class: 'stack search-page' },
    h('div', { class: 'search-bar' }, input),
    h('div', { class: 'filters flush' }, person, kind, h('span', { class: 'small muted', text: 'from' }), from, h('span', { class: 'small muted', text: 'to' }), to),
    status,
    results);
}

/** Where a hit opens. */
function linkFor(hit) {
  switch (hit.kind) {
    case 'person': return `#/people/${hit.record_id}`;
    case 'one_on_one': return `#/one-on-ones/${hit.record_id}`;
    case 'talking_point':
    case 'question_asked':
    case 'action_item': return hit.parent_id ? `#/one-on-ones/${hit.parent_id}` : `#/people/${hit.person_id}`;
    case 'feedback': return `#/feedback/${hit.record_id}`;
    case 'conflict': return `#/conflicts/${hit.record_id}`;
    case 'conflict_update': return `#/conflicts/${hit.parent_id}`;
    default: return hit.person_id ? `#/people/${hit.person_id}` : '#/search';
  }
}

function hitRow(hit) {
  return h('li', {},
    h('a', { class: 'hit', href: linkFor(hit), dataset: { kind: hit.kind, recordId: hit.record_id } },
      h('span', { class: 'hit-head' },
        hit.person_name ? h('span', { class: 'hit-person', text: hit.person_name }) : null,
        h('span', { class: 'age', text: formatDate(hit.date) }),
        hit.title ? h('span', { class: 'hit-title', text: hit.title }) : null),
      h('span', { class: 'hit-snippet' },
        hit.snippet.map((s) => (s.hit ? h('mark', { text: s.text }) : document.createTextNode(s.text))))));
}
