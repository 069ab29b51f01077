// The review packet for a person and a period: previewed here, saved as
// Markdown or as a printable web page through the native save dialog.

import * as api from '../api.js';
import { card } from '../components/card.js';
import { openExportDialog } from '../components/export-dialog.js';
import { fill, h, isoDate, setSanitizedHtml, toast } from '../dom.js';
import { personTabs } from './person.js';

/**
 * @param {import('../main.js').ViewContext} ctx
 * @param {{id: string}} params
 */
export async function render(ctx, { id }) {
  const [person, today] = await Promise.all([api.getPerson(id), api.today()]);
  ctx.setTitle(person.name, [person.role, person.team].filter(Boolean).join(' · '));
  ctx.setActions();
  const [y, m, d] = today.split('-').map(Number);
  const from = /** @type {HTMLInputElement} */ (h('input', { type: 'date', id: 'review-from', value: isoDate(new Date(y - 1, m - 1, d + 1)), max: today }));
  const to = /** @type {HTMLInputElement} */ (h('input', { type: 'date', id: 'review-to', value: today, max: today }));
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const preview = h('div', { class: 'markdown-body plain review-preview', id: 'review-preview' });

  async function load() {
    error.hidden = true;
    try {
      const packet = await api.reviewPreview(id, from.value, to.value);
      setSanitizedHtml(preview, packet.html);
    } catch (err) {
      error.textContent = err.message;
      error.hidden = false;
      fill(preview);
    }
  }
  function save(format) {
    error.hidden = true;
    const kind = format === 'html' ? 'web page' : 'Markdown file';
    openExportDialog({
      title: format === 'html' ? 'Save as a web page' : 'Save as Markdown',
      description: `The review packet for ${person.name}, ${from.value} to ${to.value}.`,
      plainName: `a .${format} ${kind}`,
      sealedName: `one .${format}.age file`,
      run: async (encrypt) => {
        const path = await api.saveReview(id, from.value, to.value, format, encrypt);
        if (path) toast(`Saved to ${path}`);
      },
    });
  }
  from.addEventListener('change', load);
  to.addEventListener('change', load);
  await load();

  return h('div', { class: 'person-page', dataset: { personId: id } },
    personTabs(id, 'review'),
    h('div', { class: 'stack' },
      card({ body: [
        h('div', { class: 'card-body review-bar' },
          h('div', { class: 'field' }, h('label', { for: 'review-from', text: 'From' }), from),
          h('div', { class: 'field' }, h('label', { for: 'review-to', text: 'To' }), to),
          h('p', { class: 'hint grow', text: 'Every section runs oldest first, so the whole period gets equal weight, not just the last few weeks.' }),
          h('div', { class: 'review-actions' },
            h('button', { type: 'button', class: 'button', 'data-action': 'save-review-md', onclick: () => save('md') }, 'Save as Markdown'),
            h('button', { type: 'button', class: 'button primary', 'data-action': 'save-review-html', onclick: () => save('html') }, 'Save as web page'))),
        h('div', { class: 'card-foot' }, error)] }),
      card({ label: 'Review packet preview', body: h('div', { class: 'card-body' }, preview) })));
}
