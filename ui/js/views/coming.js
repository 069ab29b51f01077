// Views whose issue has not landed yet say so, and what they will do.

import { h } from '../dom.js';

const PLANS = {
  due: {
    title: 'Due',
    kicker: 'Conversations you owe',
    lead: 'Due will be your home screen: the conversations you owe, most urgent first.',
    items: [
      '1-on-1s past each person’s cadence, counted from the last one actually held',
      'Feedback drafts getting stale, redirecting ones first',
      'Conflicts gone quiet and action items past their date',
    ],
  },
};

/**
 * @param {import('../main.js').ViewContext} ctx
 * @param {{which: keyof typeof PLANS}} params
 */
export async function render(ctx, { which }) {
  const plan = PLANS[which];
  ctx.setTitle(plan.title, plan.kicker);
  ctx.setActions();
  return h('section', { class: 'empty coming', 'aria-labelledby': 'coming-title' },
    h('span', { class: 'badge warn', text: 'Coming soon' }),
    h('h2', { id: 'coming-title', text: plan.lead }),
    h('ul', {}, plan.items.map((item) => h('li', { text: item }))),
    h('a', { class: 'button', href: '#/people', text: 'Go to your team' }));
}
