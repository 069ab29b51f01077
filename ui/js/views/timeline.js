// A person's history: the counts for a range, their mood over it, and one
// reverse-chronological timeline of everything about them, loaded a page
// at a time so ten years open as fast as one.

import * as api from '../api.js';
import { card } from '../components/card.js';
import { moodChart } from '../components/mood-chart.js';
import { fill, formatDate, h, isoDate, plural } from '../dom.js';
import { personTabs } from './person.js';

const RANGES = [
  ['3m', 'Last 3 months', 3],
  ['12m', 'Last 12 months', 12],
  ['36m', 'Last 3 years', 36],
  ['all', 'All time', null],
  ['custom', 'Custom range', null],
];

/**
 * @param {import('../main.js').ViewContext} ctx
 * @param {{id: string}} params
 */
export async function render(ctx, { id }) {
  const [person, today, tags, kinds] = await Promise.all([api.getPerson(id), api.today(), api.feedbackTags(), api.recordKinds()]);
  /** @type {Record<string, string>} one record of each kind a timeline shows, named as core names it */
  const kindLabels = Object.fromEntries(kinds.filter((k) => k.in_timeline).map((k) => [k.id, k.one]));
  ctx.setTitle(person.name, [person.role, person.team].filter(Boolean).join(' · '));
  ctx.setActions();

  const state = { range: '12m', from: monthsBefore(today, 12), to: today, kinds: new Set(), tag: '' };
  const strip = h('div', { class: 'counts-strip', id: 'counts-strip' });
  const chart = h('div', { class: 'chart-wrap', id: 'mood-chart' });
  const list = h('ol', { class: 'timeline-list', id: 'timeline' });
  const more = h('button', { type: 'button', class: 'button', id: 'timeline-more', hidden: true, text: 'Show older' });
  let cursor = null;
  let lastMonth = '';

  // ----- Range -----
  const rangeSelect = h('select', { class: 'compact', id: 'range', 'aria-label': 'Range' },
    RANGES.map(([value, label]) => h('option', { value, selected: value === state.range, text: label })));
  const fromInput = /** @type {HTMLInputElement} */ (h('input', { type: 'date', class: 'compact', 'aria-label': 'From', value: state.from, max: today, hidden: true }));
  const toInput = /** @type {HTMLInputElement} */ (h('input', { type: 'date', class: 'compact', 'aria-label': 'To', value: state.to, max: today, hidden: true }));
  const rangeError = h('span', { class: 'field-error', role: 'alert', hidden: true });
  rangeSelect.addEventListener('change', () => {
    state.range = /** @type {HTMLSelectElement} */ (rangeSelect).value;
    const spec = RANGES.find(([v]) => v === state.range);
    const custom = state.range === 'custom';
    fromInput.hidden = !custom;
    toInput.hidden = !custom;
    if (!custom) {
      state.from = spec[2] ? monthsBefore(today, spec[2]) : (person.start_date && person.start_date < person.created_at.slice(0, 10) ? person.start_date : person.created_at.slice(0, 10));
      state.to = today;
      if (state.range === 'all') state.from = '1970-01-01';
      fromInput.value = state.from;
      toInput.value = state.to;
      reloadAll();
    }
  });
  for (const input of [fromInput, toInput]) {
    input.addEventListener('change', () => {
      state.from = fromInput.value;
      state.to = toInput.value;
      if (state.from && state.to) reloadAll();
    });
  }

  // ----- Filters -----
  const chips = h('div', { class: 'kind-chips', role: 'group', 'aria-label': 'Show only' },
    Object.entries(kindLabels).map(([kind, label]) => {
      const chip = h('button', { type: 'button', class: 'kind-chip', 'aria-pressed': 'false', dataset: { kind }, text: label });
      chip.addEventListener('click', () => {
        if (state.kinds.has(kind)) state.kinds.delete(kind); else state.kinds.add(kind);
        chip.setAttribute('aria-pressed', String(state.kinds.has(kind)));
        reloadList();
      });
      return chip;
    }));
  const tagSelect = h('select', { class: 'compact', id: 'timeline-tag', 'aria-label': 'Feedback tag', hidden: tags.length === 0 },
    h('option', { value: '', text: 'Any tag' }),
    tags.map((t) => h('option', { value: t, text: `#${t}` })));
  tagSelect.addEventListener('change', () => { state.tag = /** @type {HTMLSelectElement} */ (tagSelect).value; reloadList(); });

  async function reloadSummary() {
    try {
      const { moods, counts } = await api.historySummary(id, effectiveFrom(), state.to);
      rangeError.hidden = true;
      fill(chart, moodChart(moods, counts.from, counts.to));
      fill(strip,
        stat('1-on-1s held', `${counts.held}`, counts.expected ? `of ${counts.expected} at their cadence${counts.cancelled ? ` · ${counts.cancelled} cancelled` : ''}` : ''),
        stat('Feedback delivered', `${counts.reinforcing + counts.redirecting}`, `${counts.reinforcing} reinforcing · ${counts.redirecting} redirecting`),
        stat('Average mood', counts.average_mood == null ? '—' : counts.average_mood.toFixed(1), 'of 5'),
        stat('Open now', `${counts.open_action_items + counts.open_conflicts + counts.active_goals}`,
          `${plural(counts.open_action_items, 'action item')} · ${plural(counts.open_conflicts, 'conflict')} · ${plural(counts.active_goals, 'goal')}`));
    } catch (error) {
      rangeError.textContent = error.message;
      rangeError.hidden = false;
    }
  }

  function effectiveFrom() {
    return state.from;
  }

  async function loadPage(reset) {
    if (reset) {
      cursor = null;
      lastMonth = '';
      fill(list);
    }
    try {
      const page = await api.personTimeline(id, {
        kinds: [...state.kinds], tag: state.tag || null, from: effectiveFrom(), to: state.to, before: cursor, limit: 40,
      });
      for (const item of page.items) {
        const month = item.date.slice(0, 7);
        if (month !== lastMonth) {
          lastMonth = month;
          list.append(h('li', { class: 'timeline-month', text: monthTitle(month) }));
        }
        list.append(itemRow(item, person, kindLabels));
      }
      if (reset && page.items.length === 0) {
        list.append(h('li', { class: 'card-empty', text: 'Nothing in this range with these filters.' }));
      }
      cursor = page.next_cursor;
      more.hidden = cursor == null;
    } catch (error) {
      list.append(h('li', { class: 'field-error', text: error.message }));
    }
  }
  more.addEventListener('click', () => loadPage(false));

  const reloadList = () => loadPage(true);
  const reloadAll = () => Promise.all([reloadSummary(), reloadList()]);
  await reloadAll();

  return h('div', { class: 'person-page', dataset: { personId: id } },
    personTabs(id, 'timeline'),
    h('div', { class: 'stack' },
      h('div', { class: 'range-bar' }, h('span', { class: 'label', text: 'Range' }), rangeSelect, fromInput, toInput, rangeError),
      strip,
      card({
        titleId: 'mood-title',
        title: 'Mood over time',
        action: h('span', { class: 'small muted', text: 'From held 1-on-1s' }),
        body: h('div', { class: 'card-body' }, chart),
      }),
      card({
        titleId: 'timeline-title',
        title: 'Timeline',
        action: tagSelect,
        body: [h('div', { class: 'filters' }, chips), list, h('div', { class: 'card-foot center' }, more)],
      })));
}

function stat(label, value, detail) {
  return h('div', { class: 'stat' },
    h('span', { class: 'stat-label', text: label }),
    h('span', { class: 'stat-value', text: value }),
    h('span', { class: 'stat-detail', text: detail }));
}

function monthsBefore(today, months) {
  const [y, m, d] = today.split('-').map(Number);
  return isoDate(new Date(y, m - 1 - months, d + 1));
}

const monthFormat = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric' });
function monthTitle(month) {
  const [y, m] = month.split('-').map(Number);
  return monthFormat.format(new Date(y, m - 1, 1));
}

function linkFor(item, person) {
  switch (item.kind) {
    case 'one_on_one': return `#/one-on-ones/${item.record_id}`;
    case 'feedback': return `#/feedback/${item.record_id}`;
    case 'conflict': return `#/conflicts/${item.record_id}`;
    case 'conflict_update': return `#/conflicts/${item.parent_id}`;
    case 'question_asked':
    case 'action_item': return item.parent_id ? `#/one-on-ones/${item.parent_id}` : `#/people/${person.id}`;
    default: return `#/people/${person.id}`;
  }
}

function itemRow(item, person, kindLabels) {
  const badges = [];
  if (item.kind === 'one_on_one') {
    if (item.status && item.status !== 'held') badges.push(h('span', { class: `badge status-${item.status}`, text: item.status }));
    if (item.extra) badges.push(h('span', { class: 'badge', text: `Mood ${item.extra}/5` }));
  } else if (item.kind === 'feedback') {
    badges.push(h('span', { class: `badge kind-${item.extra}`, text: item.extra === 'redirecting' ? 'Redirecting' : 'Reinforcing' }));
    if (item.status) badges.push(h('span', { class: `badge fb-${item.status}`, text: item.status }));
  } else if (item.kind === 'goal' && item.status) {
    badges.push(h('span', { class: `badge goal-status-${item.status}`, text: item.status }));
  } else if (item.kind === 'goal_checkin' && item.extra) {
    badges.push(h('span', { class: 'badge', text: `${item.extra}%` }));
  } else if (item.kind === 'conflict' && item.status) {
    badges.push(h('span', { class: `badge conflict-${item.status}`, text: item.status.replace('_', ' ') }));
  } else if (item.kind === 'action_item') {
    badges.push(h('span', { class: `chip ${item.extra}`, text: item.extra === 'them' ? person.name.split(' ')[0] : 'Me' }));
    if (item.status === 'done') badges.push(h('span', { class: 'badge', text: 'done' }));
  }
  return h('li', { class: `timeline-entry kind-${item.kind}`, dataset: { kind: item.kind, recordId: item.record_id } },
    h('span', { class: 'entry-date', text: formatDate(item.date) }),
    h('a', { class: 'entry-body', href: linkFor(item, person) },
      h('span', { class: 'entry-head' },
        h('span', { class: 'entry-kind', text: kindLabels[item.kind] ?? item.kind }),
        item.title && item.title !== kindLabels[item.kind] ? h('span', { class: 'entry-title', text: item.title }) : null,
        badges),
      item.summary ? h('span', { class: 'entry-summary', text: item.summary }) : null));
}
