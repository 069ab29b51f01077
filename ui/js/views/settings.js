// Settings and About: which journal file is in use, and the version.

import * as api from '../api.js';
import { h } from '../dom.js';
import { templatesCard } from './templates.js';

/** @param {import('../main.js').ViewContext} ctx */
export async function render(ctx) {
  const info = await api.appInfo();
  ctx.setTitle('Settings', 'About this journal');
  ctx.setActions();
  return h('div', { class: 'stack' },
    h('section', { class: 'card', 'aria-labelledby': 'journal-title' },
      h('div', { class: 'card-head' }, h('h2', { id: 'journal-title', text: 'Your journal' })),
      h('div', { class: 'card-body stack' },
        h('div', { class: 'field' },
          h('span', { class: 'label', id: 'db-path-label', text: 'Journal file' }),
          h('p', { class: 'path', id: 'db-path', 'aria-labelledby': 'db-path-label', text: info.db_path }),
          h('span', { class: 'hint' },
            'Everything Candor knows lives in this one SQLite file, on this computer only. ',
            'To use another file, start Candor with ', h('code', { text: '--db PATH' }),
            ' or set ', h('code', { text: 'CANDOR_DB' }), '.')),
        h('dl', { class: 'facts' },
          h('div', {}, h('dt', { text: 'Candor version' }), h('dd', { id: 'app-version', text: info.version })),
          h('div', {}, h('dt', { text: 'Schema version' }), h('dd', { text: info.schema_version == null ? 'Not open' : String(info.schema_version) })),
          h('div', {}, h('dt', { text: 'Network' }), h('dd', { text: 'Never used' }))))),
    templatesCard());
}
