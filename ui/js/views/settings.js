// Settings and About: which journal file is in use, and the version.

import * as api from '../api.js';
import { card } from '../components/card.js';
import { clearFieldErrors, showFieldError } from '../components/field-error.js';
import { h, toast } from '../dom.js';
import { templatesCard } from '../components/templates.js';

/** @param {import('../main.js').ViewContext} ctx */
export async function render(ctx) {
  const [info, current] = await Promise.all([api.appInfo(), api.getSettings()]);
  ctx.setTitle('Settings', 'About this journal');
  ctx.setActions();
  return h('div', { class: 'stack' },
    card({ titleId: 'journal-title', title: 'Your journal', body: h('div', { class: 'card-body stack' },
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
          h('div', {}, h('dt', { text: 'Network' }), h('dd', { text: 'Never used' })))) }),
    dataCard(info),
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
    clearFieldErrors(form, error);
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
      showFieldError(form, err, error, { inline: false, focus: false });
    }
  });
  return card({ id: 'reminder-settings-card', titleId: 'reminders-title', title: 'Reminders', body: h('div', { class: 'card-body' }, form) });
}

/** Your data: backups, restore, export and import. */
function dataCard(info) {
  const backups = h('div', { class: 'stack-small', id: 'backup-list' });
  const result = h('p', { class: 'muted', id: 'data-result', 'aria-live': 'polite' });
  const say = (text) => { result.textContent = text; };
  const run = async (action) => {
    try { await action(); } catch (error) { toast(error.message, 'error'); say(error.message); }
  };
  const loadBackups = async () => {
    const list = await api.listBackups();
    backups.replaceChildren(
      h('p', { class: 'small muted' }, 'Automatic daily backups (the newest are kept) in ', h('code', { text: list.folder })),
      list.files.length
        ? h('ul', { class: 'backup-files' }, list.files.slice(0, 5).map((f) => h('li', { class: 'small', text: f })))
        : h('p', { class: 'small faint', text: 'The first one is made the first time Candor opens each day.' }));
  };
  loadBackups().catch(() => {});

  const importFile = () => run(async () => {
    const report = await api.chooseImport();
    if (!report) return;
    const added = report.kinds.reduce((n, k) => n + k.added, 0);
    const updated = report.kinds.reduce((n, k) => n + k.updated, 0);
    const dialog = /** @type {HTMLDialogElement} */ (h('dialog', { class: 'sheet small', id: 'import-confirm', 'aria-labelledby': 'import-title' }));
    const done = async (confirm) => {
      dialog.close();
      if (!confirm) { await api.cancelImport(); say('Import cancelled; nothing was written.'); return; }
      await run(async () => {
        await api.confirmImport();
        say(`Imported: ${added} new records, ${updated} updated.`);
        toast('Import done');
        setTimeout(() => location.reload(), 600);
      });
    };
    dialog.append(
      h('div', { class: 'sheet-head' }, h('h2', { id: 'import-title', text: 'Import this file?' }),
        h('p', { text: `Exported ${report.exported_at}. Checked in full: nothing is written until you confirm, and then all of it or none.` })),
      h('div', { class: 'sheet-body' },
        h('ul', { class: 'import-kinds' }, report.kinds.filter((k) => k.added || k.updated).map((k) =>
          h('li', {}, h('span', { text: k.kind.replace(/_/g, ' ') }), h('span', { class: 'muted', text: `${k.added} new${k.updated ? `, ${k.updated} updated` : ''}` })))),
        added + updated === 0 ? h('p', { class: 'muted', text: 'Everything in this file is already in your journal.' }) : null,
        h('div', { class: 'form-actions' },
          h('button', { type: 'button', class: 'button quiet', onclick: () => done(false) }, 'Cancel'),
          h('button', { type: 'button', class: 'button primary', disabled: added + updated === 0, onclick: () => done(true) }, `Import ${added + updated} records`))));
    dialog.addEventListener('cancel', () => api.cancelImport());
    dialog.addEventListener('close', () => dialog.remove());
    document.body.append(dialog);
    dialog.showModal();
  });

  return card({ id: 'your-data', titleId: 'data-title', title: 'Your data', body: h('div', { class: 'card-body stack' },
      h('p', { class: 'muted', text: 'Candor never uses the network and sends nothing anywhere. These copies go only where you choose.' }),
      h('div', { class: 'data-actions' },
        h('button', { type: 'button', class: 'button', 'data-action': 'backup-now', onclick: () => run(async () => {
          const report = await api.backupNow();
          if (report) { say(`Backed up and verified: ${report.path}`); toast('Backup verified'); }
        }) }, 'Back up now…'),
        h('button', { type: 'button', class: 'button', 'data-action': 'restore', onclick: () => run(async () => {
          const report = await api.restoreBackup();
          if (report) { toast('Restored; reloading'); setTimeout(() => location.reload(), 600); }
        }) }, 'Restore from backup…'),
        h('button', { type: 'button', class: 'button', 'data-action': 'export-json', onclick: () => run(async () => {
          const report = await api.exportJournal('json');
          if (report) say(`Exported to ${report.path}`);
        }) }, 'Export as JSON…'),
        h('button', { type: 'button', class: 'button', 'data-action': 'export-markdown', onclick: () => run(async () => {
          const report = await api.exportJournal('markdown');
          if (report) say(`Exported one Markdown file per person to ${report.path}`);
        }) }, 'Export as Markdown…'),
        h('button', { type: 'button', class: 'button', 'data-action': 'import', onclick: importFile }, 'Import…')),
      result,
      backups) });
}
