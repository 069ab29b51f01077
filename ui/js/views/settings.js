// Settings and About: which journal file is in use, and the version.

import * as api from '../api.js';
import { h, toast } from '../dom.js';
import { templatesCard } from './templates.js';

/** @param {import('../main.js').ViewContext} ctx */
export async function render(ctx) {
  const [info, current] = await Promise.all([api.appInfo(), api.getSettings()]);
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
    remindersCard(current),
    templatesCard());
}

/** Reminder thresholds and notifications. */
function remindersCard(current) {
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const number = (name, label, value, hint, step = 1) => h('div', { class: 'field', dataset: { field: name } },
    h('label', { for: `set-${name}`, text: label }),
    h('input', { type: 'number', id: `set-${name}`, name, value, step, min: step < 1 ? 1 : 1 }),
    h('span', { class: 'hint', text: hint }));
  const form = h('form', { class: 'form', novalidate: true, id: 'reminder-settings' },
    error,
    h('div', { class: 'form-grid' },
      number('overdue_factor', 'Overdue after × the usual time', current.overdue_factor, 'Due at the cadence (or threshold); overdue at this multiple. 1.5 by default.', 0.1),
      number('upcoming_days', 'Show what is coming up in (days)', current.upcoming_days, '3 by default.'),
      number('stale_feedback_days', 'Feedback drafts go stale after (days)', current.stale_feedback_days, 'Feedback lands best within a day or two. 2 by default.'),
      number('quiet_conflict_days', 'A conflict is quiet after (days)', current.quiet_conflict_days, 'Without an update. 7 by default.')),
    h('label', { class: 'toggle' },
      h('input', { type: 'checkbox', name: 'notifications_enabled', id: 'set-notifications', checked: current.notifications_enabled }),
      'Desktop notification when something becomes overdue (once a day per reminder)'),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'button primary', text: 'Save reminder settings' })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
    const data = new FormData(form);
    try {
      await api.updateSettings({
        overdue_factor: Number(data.get('overdue_factor')),
        upcoming_days: Number(data.get('upcoming_days')),
        stale_feedback_days: Number(data.get('stale_feedback_days')),
        quiet_conflict_days: Number(data.get('quiet_conflict_days')),
        notifications_enabled: data.get('notifications_enabled') === 'on',
      });
      toast('Reminder settings saved');
    } catch (err) {
      error.textContent = err.message;
      error.hidden = false;
      form.querySelector(`[name="${err.field}"]`)?.setAttribute('aria-invalid', 'true');
    }
  });
  return h('section', { class: 'card', 'aria-labelledby': 'reminders-title', id: 'reminder-settings-card' },
    h('div', { class: 'card-head' }, h('h2', { id: 'reminders-title', text: 'Reminders' })),
    h('div', { class: 'card-body' }, form));
}
