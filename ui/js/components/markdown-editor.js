// A Markdown field that saves as you type: debounced while typing, at once
// on blur, and before navigation or window close (through autosave.js).
// Failures stay on screen with a retry; nothing is dropped silently.

import { createAutosaver } from '../autosave.js';
import { h, setSanitizedHtml } from '../dom.js';
import * as api from '../api.js';

/**
 * @param {Object} options
 * @param {string} options.name        field name, used for ids and tests
 * @param {string} options.label
 * @param {string} options.value       Markdown
 * @param {string} options.html        the same, rendered and sanitized by core
 * @param {string} [options.placeholder]
 * @param {number} [options.rows]
 * @param {boolean} [options.preview] start on the rendered view
 * @param {(text: string) => Promise<{html: string}>} options.save
 */
export function markdownEditor({ name, label, value, html, placeholder = '', rows = 8, preview = false, save }) {
  let renderedFor = value;

  const status = h('span', { class: 'save-status', dataset: { state: 'saved' }, 'aria-live': 'polite' });
  const textarea = /** @type {HTMLTextAreaElement} */ (h('textarea', {
    id: `editor-${name}`, name, rows, placeholder, spellcheck: 'true', class: 'markdown-input',
  }));
  textarea.value = value;
  const rendered = h('div', { class: 'markdown-body', id: `preview-${name}`, tabindex: '0' });
  setSanitizedHtml(rendered, html);

  const writeTab = h('button', { type: 'button', role: 'tab', class: 'tab', id: `tab-write-${name}`, 'aria-controls': `editor-${name}`, text: 'Write' });
  const previewTab = h('button', { type: 'button', role: 'tab', class: 'tab', id: `tab-preview-${name}`, 'aria-controls': `preview-${name}`, text: 'Preview' });

  const saver = createAutosaver({
    status,
    read: () => textarea.value,
    saved: value,
    save: async (text) => {
      const result = await save(text);
      renderedFor = text;
      setSanitizedHtml(rendered, result.html);
    },
  });
  saver.setStatus('saved', value ? 'Saved' : '');
  textarea.addEventListener('input', () => saver.changed());
  saver.flushOnBlur(textarea);

  const show = async (mode) => {
    const previewing = mode === 'preview';
    writeTab.setAttribute('aria-selected', String(!previewing));
    previewTab.setAttribute('aria-selected', String(previewing));
    textarea.hidden = previewing;
    rendered.hidden = !previewing;
    if (previewing && textarea.value !== renderedFor) {
      const text = textarea.value;
      try {
        setSanitizedHtml(rendered, await api.renderMarkdown(text));
        renderedFor = text;
      } catch (error) {
        rendered.replaceChildren(h('p', { class: 'field-error', text: error.message }));
      }
    }
    if (previewing && !textarea.value.trim()) {
      rendered.replaceChildren(h('p', { class: 'faint', text: 'Nothing written yet.' }));
    }
  };
  writeTab.addEventListener('click', () => { show('write'); textarea.focus(); });
  previewTab.addEventListener('click', () => show('preview'));
  show(preview && value.trim() ? 'preview' : 'write');

  const element = h('div', { class: 'editor', dataset: { editor: name } },
    h('div', { class: 'editor-head' },
      h('label', { for: `editor-${name}`, class: 'editor-label', text: label }),
      h('div', { class: 'tabs', role: 'tablist', 'aria-label': `${label}: write or preview` }, writeTab, previewTab),
      status),
    textarea,
    rendered,
    h('p', { class: 'hint', text: 'Markdown: **bold**, _italic_, - lists, [links](https://…). Saved as you type.' }));
  return { element, flush: saver.flush };
}
