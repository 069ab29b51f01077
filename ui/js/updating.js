// "Updating your journal": shown at start while an older journal's schema
// is brought up to date for this version of Candor (seconds for a large
// journal, whose search index is rebuilt). The Rust side does the work off
// the main thread; this screen asks how far it has got and, once the
// journal is open, draws the app as usual.

import * as api from './api.js';
import { h, icon } from './dom.js';

/** How often the screen asks how far the update has got. */
const POLL_MS = 200;

/**
 * Shows the update screen until the journal is no longer `updating`, and
 * resolves with what app_info then says (open, locked or failed).
 * @returns {Promise<import('./api.js').AppInfo>}
 */
export async function waitForUpdate() {
  const bar = /** @type {HTMLProgressElement} */ (h('progress', { class: 'progress-bar', id: 'update-bar', 'aria-labelledby': 'update-title' }));
  const detail = h('p', { class: 'lock-note', id: 'update-detail', 'aria-live': 'polite', text: 'Getting ready…' });
  const screen = h('main', { class: 'lock-screen', id: 'update-screen', 'aria-labelledby': 'update-title', 'aria-busy': 'true' },
    h('div', { class: 'lock-card update-card' },
      h('div', { class: 'lock-badge' }, icon('restore', 'lock-glyph')),
      h('h1', { id: 'update-title', text: 'Updating your journal' }),
      h('p', { class: 'lock-note', text: 'This version of Candor keeps your journal in a newer form. Everything in it stays; this happens once.' }),
      bar,
      detail),
    h('p', { class: 'lock-foot', text: 'If Candor is closed now, your journal stays as it was and the update starts again next time.' }));
  document.getElementById('app')?.setAttribute('hidden', '');
  document.body.append(screen);
  document.title = 'Candor — Updating your journal';
  try {
    for (;;) {
      const info = await api.appInfo();
      if (info.journal_state !== 'updating') return info;
      const step = info.update_step;
      if (step && step.total > 0) {
        bar.max = step.total;
        bar.value = Math.min(step.done, step.total);
        detail.textContent = `Step ${Math.min(step.done + 1, step.total)} of ${step.total}`;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    screen.remove();
    document.getElementById('app')?.removeAttribute('hidden');
    document.title = 'Candor';
  }
}
