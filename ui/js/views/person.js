// One person's page: what is next and open with them, their 1-on-1
// history, and their profile (edit, archive). Later sections (feedback,
// goals, timeline) hang below.

import * as api from '../api.js';
import {
  avatar, cadenceLabel, fill, formatDate, formatDateTime, h, icon, moodDots, relativeDay, setSanitizedHtml, statusBadge, toast,
} from '../dom.js';
import { openAskDialog } from '../components/ask-question.js';
import { card } from '../components/card.js';
import { conflictRow, openConflictForm } from '../components/conflict-bits.js';
import { goalsCard } from '../components/goal-bits.js';
import { feedbackRow } from '../components/feedback-bits.js';
import { openPrepSheet } from '../components/prep-sheet.js';
import { actionRunner } from '../components/run-action.js';
import { personForm } from '../components/person-form.js';
import { openStartDialog } from '../components/start-one-on-one.js';

/**
 * @param {import('../main.js').ViewContext} ctx
 * @param {{id: string}} params
 */
export async function render(ctx, { id }) {
  const [overview, today] = await Promise.all([api.personOverview(id), api.today()]);
  const root = h('div', { class: 'person-page', dataset: { personId: id } });

  const start = (p) => openStartDialog(p, (meeting) => ctx.navigate(`#/one-on-ones/${meeting.id}`));

  const showPage = (o) => {
    const p = o.person;
    ctx.setTitle(p.name, [p.role, p.team].filter(Boolean).join(' · '));
    const next = o.next_scheduled;
    ctx.setActions(
      p.archived ? null : h('button', { type: 'button', class: 'button', 'data-action': 'prep-sheet', onclick: () => openPrepSheet(p) }, 'Prep sheet'),
      h('button', { type: 'button', class: 'button', 'data-action': 'edit-person', onclick: () => showEdit(o) }, icon('edit'), 'Edit'),
      p.archived
        ? h('button', { type: 'button', class: 'button', 'data-action': 'restore-person', onclick: () => setArchived(p, false) }, icon('restore'), 'Restore')
        : h('button', { type: 'button', class: 'button danger', 'data-action': 'archive-person', onclick: () => setArchived(p, true) }, icon('archive'), 'Archive'),
      p.archived ? null
        : next
          ? h('a', { class: 'button primary', 'data-action': 'open-next', href: `#/one-on-ones/${next.id}` }, icon('next'), 'Open next 1-on-1')
          : h('button', { type: 'button', class: 'button primary', 'data-action': 'start-one-on-one', onclick: () => start(p) }, icon('plus'), 'Start 1-on-1'));

    fill(root,
      personTabs(p.id, 'overview'),
      ...(p.archived ? [h('p', { class: 'banner info', role: 'note', text: `Archived on ${formatDate(p.archived_at)}. Their history is kept; they are hidden from the team and from reminders.` })] : []),
      h('div', { class: 'person-grid' },
        h('div', { class: 'stack' },
          nextCard(o, today),
          actionItemsCard(o, today, reload),
          goalsCard({ goals: o.goals, person: o.person, today, reload }),
          feedbackCard(o),
          coachingCard(o, today, reload),
          conflictsCard(o, today, ctx),
          historyCard(o)),
        h('div', { class: 'stack' }, profileCard(p, o.last_held_on, today))));
  };

  async function reload() {
    try {
      showPage(await api.personOverview(id));
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  const showEdit = (o) => {
    ctx.setActions();
    fill(root, 
      card({
        class: 'narrow',
        titleId: 'edit-title',
        title: 'Edit profile',
        body: h('div', { class: 'card-body' },
          personForm({
            person: o.person,
            submitLabel: 'Save changes',
            onCancel: () => showPage(o),
            onSubmit: async (input) => {
              await api.updatePerson(o.person.id, input);
              toast('Profile saved');
              ctx.peopleChanged();
              await reload();
            },
          })),
      }));
    /** @type {HTMLInputElement|null} */ (root.querySelector('input[name=name]'))?.focus();
  };

  /** Archiving changes the team: the sidebar is redrawn too. */
  const changeTeam = actionRunner(() => { ctx.peopleChanged(); return reload(); });
  const setArchived = (p, archived) =>
    changeTeam(() => api.setPersonArchived(p.id, archived), archived ? `${p.name} archived` : `${p.name} restored`);

  showPage(overview);
  return root;
}

/**
 * The tabs of a person's page.
 * @param {string} id @param {'overview'|'timeline'|'review'} active
 */
export function personTabs(id, active) {
  const tab = (name, label, href) => h('a', { class: 'page-tab', href, 'aria-current': active === name ? 'page' : null, dataset: { tab: name } }, label);
  return h('nav', { class: 'page-tabs', 'aria-label': 'Person' },
    tab('overview', 'Overview', `#/people/${id}`),
    tab('timeline', 'Timeline and mood', `#/people/${id}/timeline`),
    tab('review', 'Review packet', `#/people/${id}/review`));
}

/** What is next with them. */
function nextCard(o, today) {
  const next = o.next_scheduled;
  const last = o.last_held_on
    ? `Last 1-on-1 held ${formatDate(o.last_held_on)} (${relativeDay(o.last_held_on, today)}).`
    : 'No 1-on-1 held yet.';
  return card({
    class: 'next-card',
    titleId: 'next-title',
    body: h('div', { class: 'card-body' },
      h('h2', { id: 'next-title', class: 'label', text: 'Next 1-on-1' }),
      next
        ? h('p', { class: 'next-when' }, h('a', { href: `#/one-on-ones/${next.id}`, text: formatDateTime(next.scheduled_at) }))
        : h('p', { class: 'next-when muted', text: 'Nothing scheduled' }),
      h('p', { class: 'muted', text: `${last} They meet you every ${o.person.cadence_days} days.` })),
  });
}

/** Their open action items, checkable from here. */
function actionItemsCard(o, today, reload) {
  const items = o.open_action_items;
  const done = actionRunner(reload);
  const row = (item) => {
    const checkbox = h('input', { type: 'checkbox', 'aria-label': `Done: ${item.text}` });
    checkbox.addEventListener('change', () => done(() => api.setActionItemDone(item.id, checkbox.checked ? today : null), 'Done'));
    const overdue = item.due_on && item.due_on < today;
    return h('li', { class: 'item', dataset: { itemId: item.id } },
      checkbox,
      h('div', { class: 'item-text' },
        h('span', { class: 'text', text: item.text }),
        h('span', { class: 'agenda-meta' },
          h('span', { class: `chip ${item.owner}`, text: item.owner === 'them' ? o.person.name.split(' ')[0] : 'Me' }),
          item.due_on ? h('span', { class: `due ${overdue ? 'overdue' : ''}`, text: `Due ${formatDate(item.due_on)}${overdue ? ` · ${relativeDay(item.due_on, today)}` : ''}` }) : null)));
  };
  return card({
    titleId: 'open-items-title',
    title: 'Open action items',
    count: items.length || '',
    list: items.length && h('ul', { class: 'items', id: 'person-open-items' }, items.map(row)),
    empty: 'Nothing open. Action items from 1-on-1s show up here until done.',
  });
}

/** Their feedback history, filterable by kind, status and tag. */
function feedbackCard(o) {
  const all = o.feedback;
  const tags = [...new Set(all.flatMap((v) => v.feedback.tags))].sort((a, b) => a.localeCompare(b));
  const kind = h('select', { class: 'compact', 'aria-label': 'Kind', name: 'kind' },
    h('option', { value: '', text: 'All kinds' }),
    h('option', { value: 'reinforcing', text: 'Reinforcing' }),
    h('option', { value: 'redirecting', text: 'Redirecting' }));
  const status = h('select', { class: 'compact', 'aria-label': 'Status', name: 'status' },
    h('option', { value: '', text: 'Any status' }),
    ['draft', 'ready', 'delivered', 'discarded'].map((s) => h('option', { value: s, text: s[0].toUpperCase() + s.slice(1) })));
  const tag = h('select', { class: 'compact', 'aria-label': 'Tag', name: 'tag', hidden: tags.length === 0 },
    h('option', { value: '', text: 'Any tag' }),
    tags.map((t) => h('option', { value: t, text: `#${t}` })));
  const list = h('ul', { class: 'feedback-list', id: 'person-feedback' });
  const draw = () => {
    const k = /** @type {HTMLSelectElement} */ (kind).value;
    const s = /** @type {HTMLSelectElement} */ (status).value;
    const t = /** @type {HTMLSelectElement} */ (tag).value.toLowerCase();
    const shown = all.filter((v) =>
      (!k || v.feedback.kind === k)
      && (s ? v.feedback.status === s : v.feedback.status !== 'discarded')
      && (!t || v.feedback.tags.some((x) => x.toLowerCase() === t)));
    fill(list, shown.length ? shown.map((v) => feedbackRow(v))
      : h('li', { class: 'card-empty', text: all.length ? 'Nothing matches these filters.' : 'No feedback yet. Write it while it is fresh.' }));
  };
  [kind, status, tag].forEach((el) => el.addEventListener('change', draw));
  draw();
  const counts = {
    reinforcing: all.filter((v) => v.feedback.kind === 'reinforcing' && v.feedback.status === 'delivered').length,
    redirecting: all.filter((v) => v.feedback.kind === 'redirecting' && v.feedback.status === 'delivered').length,
  };
  return card({
    id: 'feedback-card',
    titleId: 'feedback-title',
    title: 'Feedback',
    count: all.length || '',
    action: h('a', { class: 'button', href: `#/feedback/new/${o.person.id}`, 'data-action': 'new-feedback' }, icon('plus'), 'Write feedback'),
    body: [
      h('div', { class: 'filters' }, kind, status, tag,
        all.length ? h('span', { class: 'filters-note', text: `Delivered: ${counts.reinforcing} reinforcing, ${counts.redirecting} redirecting` }) : null),
      list,
    ],
  });
}

/** Coaching questions asked to them, with what each surfaced. */
function coachingCard(o, today, reload) {
  const asked = o.questions_asked;
  const row = (a) => {
    const answer = h('div', { class: 'markdown-body plain' });
    setSanitizedHtml(answer, a.answer_html);
    return h('li', { class: 'asked-item', dataset: { askedId: a.asked.id } },
      h('div', { class: 'asked-head' },
        h('span', { class: 'asked-question', text: `“${a.asked.question_text}”` }),
        h('span', { class: 'age', text: formatDate(a.asked.asked_on) })),
      a.asked.answer.trim() ? answer : h('p', { class: 'faint', text: 'No answer noted.' }),
      a.asked.follow_up ? h('p', { class: 'small muted', text: `Follow-up: ${a.asked.follow_up}` }) : null);
  };
  return card({
    id: 'coaching-card',
    titleId: 'coaching-title',
    title: 'Coaching questions',
    count: asked.length || '',
    action: h('button', { type: 'button', class: 'button', 'data-action': 'log-question', onclick: () => openAskDialog({ person: o.person, today, onDone: reload }) }, icon('plus'), 'Log a question'),
    list: asked.length && h('ul', { class: 'asked-list', id: 'person-questions' }, asked.slice(0, 20).map(row)),
    empty: 'No questions logged yet. “What have you tried?” is a good start.',
  });
}

/** Conflicts they are a party to. */
function conflictsCard(o, today, ctx) {
  const items = o.conflicts;
  return card({
    id: 'person-conflicts-card',
    titleId: 'conflicts-title',
    title: 'Conflicts',
    count: items.length || '',
    action: h('button', { type: 'button', class: 'button', 'data-action': 'new-conflict', onclick: async () => {
      const team = await api.listPeople('active');
      openConflictForm({ team, today, preselect: o.person.id, onDone: (d) => ctx.navigate(`#/conflicts/${d.conflict.id}`) });
    } }, icon('plus'), 'Surface a conflict'),
    list: items.length && h('ul', { class: 'conflict-list', id: 'person-conflicts' }, items.map((c) => conflictRow(c, today))),
    empty: 'Not a party to any conflict.',
  });
}

/** Their 1-on-1s, newest first. */
function historyCard(o) {
  const rows = o.one_on_ones.map((m) =>
    h('li', {},
      h('a', { class: `history-row status-${m.status}`, href: `#/one-on-ones/${m.id}`, dataset: { oneOnOneId: m.id } },
        h('span', { class: 'history-date', text: formatDateTime(m.scheduled_at) }),
        statusBadge(m.status),
        moodDots(m.mood),
        h('span', { class: 'history-outcome', text: m.outcome_summary || (m.open_talking_points ? `${m.open_talking_points} open talking point${m.open_talking_points === 1 ? '' : 's'}` : '') }))));
  return card({
    titleId: 'history-title',
    title: '1-on-1s',
    count: rows.length || '',
    list: rows.length && h('ul', { class: 'history', id: 'one-on-one-history' }, rows),
    empty: 'No 1-on-1s yet. Start one to prepare the agenda.',
  });
}

/** @param {import('../api.js').Person} p */
function profileCard(p) {
  const recognition = { public: 'In public', private: 'In private' }[p.recognition] ?? 'Not sure yet';
  const medium = { written: 'Written', spoken: 'Spoken' }[p.feedback_medium] ?? 'Not sure yet';
  const fact = (term, value) => h('div', {}, h('dt', { text: term }), h('dd', {}, value));
  return card({
    titleId: 'profile-title',
    head: h('div', { class: 'person-head' },
      avatar(p.name, 'large', p.archived),
      h('div', {},
        h('h2', { id: 'profile-title', text: p.name }),
        h('p', { class: 'sub', text: [p.role, p.team].filter(Boolean).join(' · ') || 'No role or team yet' }))),
    body: h('div', { class: 'card-body' },
      h('dl', { class: 'facts single' },
        fact('1-on-1s', h('span', {}, `Every ${p.cadence_days} day${p.cadence_days === 1 ? '' : 's'} `, h('span', { class: 'badge brand', text: cadenceLabel(p.cadence_days) }))),
        fact('Started', p.start_date ? formatDate(p.start_date) : h('span', { class: 'faint', text: 'Not recorded' })),
        fact('Recognition', recognition),
        fact('Feedback', medium),
        fact('How they like feedback', p.feedback_preferences
          ? h('span', { class: 'prose', text: p.feedback_preferences })
          : h('span', { class: 'faint', text: 'Not recorded yet. Ask them in your next 1-on-1.' })),
        p.notes ? fact('Notes', h('span', { class: 'prose', text: p.notes })) : null)),
  });
}
