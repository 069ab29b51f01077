// Settings and About: which journal file is in use, and the version; its
// encryption; reminders; backups, restore, export and import.

import * as api from '../api.js';
import { card } from '../components/card.js';
import { field, formDialog } from '../components/dialog.js';
import { openChangeDialog, openDisableDialog, openEnableDialog, secretInput } from '../components/encryption.js';
import { openExportDialog } from '../components/export-dialog.js';
import { withProgress } from '../components/progress-dialog.js';
import { clearFieldErrors, showFieldError } from '../components/field-error.js';
import { formatDate, h, toast } from '../dom.js';
import { MOD, lockNow, refreshLockInfo } from '../lock.js';
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
    encryptionCard(ctx, info, current),
    dataCard(info),
    remindersCard(current),
    templatesCard());
}

const AUTO_LOCK = [[0, 'Never'], [5, 'After 5 minutes'], [15, 'After 15 minutes'], [30, 'After 30 minutes'], [60, 'After 1 hour']];

/** Encryption: on or off, the passphrase, and when the window locks itself. */
function encryptionCard(ctx, info, current) {
  const redraw = () => ctx.navigate('#/settings');
  const state = info.encrypted
    ? h('div', { class: 'crypto-state on', id: 'encryption-state' },
      h('span', { class: 'badge ok', text: 'Encrypted' }),
      h('p', { text: 'The journal file, its write-ahead log and the backups beside it are encrypted (SQLCipher, AES-256). The passphrase and the key never touch the disk; the key leaves memory when Candor locks.' }))
    : h('div', { class: 'crypto-state off', id: 'encryption-state' },
      h('span', { class: 'badge', text: 'Not encrypted' }),
      h('p', { text: 'Anyone who can read this computer’s files (IT, a colleague, a thief) can read this journal and its backups. A passphrase makes the file unreadable without it.' }));
  const autoLock = /** @type {HTMLSelectElement} */ (h('select', { id: 'set-auto-lock', name: 'auto_lock_minutes', class: 'compact' },
    AUTO_LOCK.map(([minutes, label]) => h('option', { value: String(minutes), selected: current.auto_lock_minutes === minutes, text: label }))));
  autoLock.addEventListener('change', async () => {
    try {
      await api.updateSettings({ auto_lock_minutes: Number(autoLock.value) });
      await refreshLockInfo();
      toast(autoLock.value === '0' ? 'Candor no longer locks by itself' : `Candor locks ${autoLock.selectedOptions[0].text.toLowerCase()} without activity`);
    } catch (error) {
      toast(error.message, 'error');
    }
  });
  const body = info.encrypted
    ? [
      state,
      h('div', { class: 'field inline-field', dataset: { field: 'auto_lock_minutes' } },
        h('label', { for: 'set-auto-lock', text: 'Lock when idle' }),
        autoLock,
        h('span', { class: 'hint', text: `Unsaved notes are saved first. Lock any time with the Lock button or ${MOD}L.` })),
      h('div', { class: 'data-actions' },
        h('button', { type: 'button', class: 'button', 'data-action': 'lock-now', onclick: () => lockNow('manual') }, 'Lock now'),
        h('button', { type: 'button', class: 'button', 'data-action': 'change-passphrase', onclick: () => openChangeDialog({ onDone: redraw }) }, 'Change passphrase…'),
        h('button', { type: 'button', class: 'button quiet danger', 'data-action': 'disable-encryption', onclick: () => openDisableDialog({ onDone: redraw }) }, 'Turn encryption off…')),
    ]
    : [
      state,
      h('div', { class: 'data-actions' },
        h('button', { type: 'button', class: 'button primary', 'data-action': 'enable-encryption', onclick: () => openEnableDialog({ onDone: redraw }) }, 'Turn on encryption…')),
    ];
  return card({ id: 'encryption-card', titleId: 'encryption-title', title: 'Encryption', body: h('div', { class: 'card-body stack-small' }, body) });
}

/**
 * Restores a backup (an automatic one by name, or one picked in a dialog),
 * asking for the backup's own passphrase when the journal's does not open it.
 * @param {string|null} file
 * @param {(text: string) => void} say
 */
async function restore(file, say) {
  const finish = (report) => {
    say(`Restored from ${report.restored_from}. The journal as it was is saved in ${report.saved_before ?? 'no backup (there was none)'}.`);
    toast('Restored; reloading');
    setTimeout(() => location.reload(), 600);
  };
  const restoring = { id: 'restore-progress', title: 'Restoring your journal' };
  let report;
  try {
    report = await withProgress(restoring, (onProgress) => api.restoreBackup(file, onProgress));
  } catch (error) {
    if (error.code === 'cancelled') { say('Restore cancelled; your journal was not changed.'); toast('Restore cancelled'); return; }
    if (error.code !== 'backup_locked') throw error;
    const dialog = formDialog({
      id: 'backup-passphrase',
      title: 'This backup has its own passphrase',
      description: 'It was made under another passphrase (before it was changed). Type the passphrase or recovery key it was made with. Your journal keeps its current passphrase.',
      fields: [field('passphrase', 'The backup’s passphrase', secretInput('current-password'))],
      submitLabel: 'Restore',
      onSubmit: async (data) => {
        try {
          finish(await withProgress(restoring, (onProgress) => api.restoreBackupUnlocked(String(data.get('passphrase')), onProgress)));
        } catch (error) {
          if (error.code !== 'cancelled') throw error;
          say('Restore cancelled; your journal was not changed.');
        }
      },
    });
    dialog.addEventListener('cancel', () => api.cancelRestore());
    return;
  }
  if (report) finish(report);
}

/** "candor-2026-12-04.db" → "4 Dec 2026" (or the name itself). @param {string} name */
function backupLabel(name) {
  const date = name.match(/(\d{4}-\d{2}-\d{2})/)?.[1];
  if (!date) return name;
  if (name.includes('before-restore')) return `${formatDate(date)}, before a restore`;
  if (name.includes('-manual-')) return `${formatDate(date)}, made by hand`;
  return formatDate(date);
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
  const confirmRestore = (file) => formDialog({
    id: 'restore-confirm',
    title: 'Restore this backup?',
    description: `Your journal will hold what it held in the backup of ${backupLabel(file)}. The journal as it is now is saved first, beside the backups, so this can be undone.`,
    fields: [],
    submitLabel: 'Restore',
    onSubmit: async () => {
      // The passphrase question, if any, comes once this dialog has closed.
      setTimeout(() => run(() => restore(file, say)));
    },
  });
  const loadBackups = async () => {
    const list = await api.listBackups();
    backups.replaceChildren(
      h('p', { class: 'small muted' }, 'Automatic daily backups (the newest are kept) in ', h('code', { text: list.folder })),
      list.files.length
        ? h('ul', { class: 'backup-files' }, list.files.slice(0, 5).map((f) => h('li', { class: 'backup-file', dataset: { file: f } },
          h('span', { class: 'backup-name' }, h('span', { text: backupLabel(f) }), h('span', { class: 'small faint', text: f })),
          h('button', { type: 'button', class: 'button small quiet', 'data-action': 'restore-file', onclick: () => confirmRestore(f) }, 'Restore…'))))
        : h('p', { class: 'small faint', text: 'The first one is made the first time Candor opens each day.' }));
  };
  loadBackups().catch(() => {});

  const checking = { id: 'import-check-progress', title: 'Checking the file' };
  /** Asks for an encrypted export's passphrase, then shows what it holds. */
  const unlockExport = () => {
    const dialog = formDialog({
      id: 'import-passphrase',
      title: 'This export is encrypted',
      description: 'Type the passphrase it was exported with. Nothing is imported until you have seen what it holds and confirmed.',
      fields: [field('passphrase', 'The export’s passphrase', secretInput('current-password'))],
      submitLabel: 'Open',
      onSubmit: async (data) => {
        const report = await withProgress(checking, (onProgress) => api.unlockImport(String(data.get('passphrase')), onProgress));
        setTimeout(() => showImport(report));
      },
    });
    dialog.addEventListener('cancel', () => api.cancelImport());
  };
  const importFile = () => run(async () => {
    let report;
    try {
      report = await withProgress(checking, (onProgress) => api.chooseImport(onProgress));
    } catch (error) {
      if (error.code === 'cancelled') { say('Import cancelled; nothing was written.'); return; }
      if (error.code !== 'export_locked') throw error;
      unlockExport();
      return;
    }
    if (report) showImport(report);
  });
  /** What importing the chosen file would do, to confirm. */
  const showImport = (report) => {
    const added = report.kinds.reduce((n, k) => n + k.added, 0);
    const updated = report.kinds.reduce((n, k) => n + k.updated, 0);
    const dialog = /** @type {HTMLDialogElement} */ (h('dialog', { class: 'sheet small', id: 'import-confirm', 'aria-labelledby': 'import-title' }));
    const done = async (confirm) => {
      dialog.close();
      if (!confirm) { await api.cancelImport(); say('Import cancelled; nothing was written.'); return; }
      await run(async () => {
        try {
          await withProgress({ id: 'import-progress', title: 'Importing' }, (onProgress) => api.confirmImport(onProgress));
        } catch (error) {
          if (error.code !== 'cancelled') throw error;
          say('Import cancelled; nothing was written.');
          toast('Import cancelled');
          return;
        }
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
  };

  return card({ id: 'your-data', titleId: 'data-title', title: 'Your data', body: h('div', { class: 'card-body stack' },
      h('p', { class: 'muted', text: 'Candor never uses the network and sends nothing anywhere. These copies go only where you choose.' }),
      h('div', { class: 'data-actions' },
        h('button', { type: 'button', class: 'button', 'data-action': 'backup-now', onclick: () => run(async () => {
          const report = await api.backupNow();
          if (report) { say(`Backed up and verified: ${report.path}`); toast('Backup verified'); }
        }) }, 'Back up now…'),
        h('button', { type: 'button', class: 'button', 'data-action': 'restore', onclick: () => run(() => restore(null, say)) }, 'Restore from a file…'),
        h('button', { type: 'button', class: 'button', 'data-action': 'export-json', onclick: () => openExportDialog({
          title: 'Export as JSON',
          description: 'Everything in the journal, in one file Candor can import again.',
          plainName: 'a .json file',
          sealedName: 'one .json.age file',
          run: async (encrypt) => {
            const report = await api.exportJournal('json', encrypt);
            if (report) { say(`Exported to ${report.path}`); toast(encrypt ? 'Exported, encrypted' : 'Exported'); }
          },
        }) }, 'Export as JSON…'),
        h('button', { type: 'button', class: 'button', 'data-action': 'export-markdown', onclick: () => openExportDialog({
          title: 'Export as Markdown',
          description: 'One readable file per person, and an index.',
          plainName: 'a folder of .md files',
          sealedName: 'one .tar.age archive of the Markdown files',
          run: async (encrypt) => {
            const report = await api.exportJournal('markdown', encrypt);
            if (report) {
              say(encrypt ? `Exported the Markdown files, encrypted, to ${report.path}` : `Exported one Markdown file per person to ${report.path}`);
              toast('Exported');
            }
          },
        }) }, 'Export as Markdown…'),
        h('button', { type: 'button', class: 'button', 'data-action': 'import', onclick: importFile }, 'Import…')),
      result,
      backups) });
}
