// Small pieces shared by the feedback composer and the lists that show
// feedback: kind and status badges, age, and one row of a list.

import { formatDate, h } from '../dom.js';

export const KIND_LABELS = { reinforcing: 'Reinforcing', redirecting: 'Redirecting' };
export const STATUS_LABELS = { draft: 'Draft', ready: 'Ready', delivered: 'Delivered', discarded: 'Discarded' };

/** @param {'reinforcing'|'redirecting'} kind */
export function kindBadge(kind) {
  return h('span', { class: `badge kind-${kind}`, text: KIND_LABELS[kind] });
}

/** @param {string} status */
export function feedbackStatusBadge(status) {
  return h('span', { class: `badge fb-${status}`, text: STATUS_LABELS[status] ?? status });
}

/** Age in words; drafts older than two days are flagged as going stale. */
export function ageLabel(view) {
  const f = view.feedback;
  const days = view.age_days;
  if (f.status === 'delivered') {
    return h('span', { class: 'age', text: `Delivered ${formatDate(f.delivered_on)}${days > 0 ? ` · ${days} day${days === 1 ? '' : 's'} after` : ' · same day'}` });
  }
  const text = days === 0 ? 'Observed today' : `Observed ${days} day${days === 1 ? '' : 's'} ago`;
  const stale = (f.status === 'draft' || f.status === 'ready') && days > 2;
  return h('span', { class: `age ${stale ? 'stale' : ''}`, title: stale ? 'Feedback is best delivered within a day or two' : null, text });
}

/**
 * One feedback in a list, linking to the composer.
 * @param {import('../api.js').FeedbackView} view
 * @param {{showPerson?: boolean}} [options]
 */
export function feedbackRow(view, { showPerson = false } = {}) {
  const f = view.feedback;
  return h('li', {},
    h('a', { class: `feedback-row fb-row-${f.status}`, href: `#/feedback/${f.id}`, dataset: { feedbackId: f.id, status: f.status, kind: f.kind } },
      h('div', { class: 'feedback-row-head' },
        showPerson ? h('span', { class: 'feedback-person', text: view.person_name }) : null,
        kindBadge(f.kind),
        feedbackStatusBadge(f.status),
        ageLabel(view),
        f.tags.map((t) => h('span', { class: 'tag', text: `#${t}` }))),
      h('p', { class: 'feedback-preview', text: view.preview || 'Empty draft' })));
}
