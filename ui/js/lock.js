// The encrypted journal in the window: the lock screen, locking on demand
// (the Lock button, Ctrl+L / Cmd+L) and after the idle time chosen in
// Settings. Locking first saves every pending edit, then asks the Rust
// side to drop the journal and its key, then empties the page: after a
// lock the DOM holds no journal content at all, only the lock screen.

import * as api from './api.js';
import { clearFlushers, flushAll } from './autosave.js';
import { h, icon, toast } from './dom.js';

/** What the window knows about the journal's protection. */
export const journal = {
  encrypted: false,
  locked: false,
  /** @type {number|null} idle seconds before locking; null: never */
  autoLockSeconds: null,
  dbPath: '',
};

/** Ctrl or Cmd, as this platform writes it. */
export const MOD = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';

/**
 * @typedef {Object} LockHooks
 * @property {() => void} wipe      empties every view and dialog of journal content
 * @property {() => Promise<void>} reopen  draws the app again after an unlock
 */
/** @type {LockHooks} */
let hooks = { wipe: () => {}, reopen: async () => {} };

let lastActivity = Date.now();
let locking = false;
/** Reasons the idle lock waits (a recovery key on screen, a conversion running). */
const holds = new Set();

/**
 * How long before an idle lock the window says it is coming: 30 s, or a
 * third of a shorter idle time. @param {number} limit idle seconds
 */
export function warningSeconds(limit) {
  return Math.min(30, Math.floor(limit / 3));
}

/** The "locking soon" bar, while it is shown. @type {HTMLElement|null} */
let warning = null;

function hideWarning() {
  warning?.remove();
  warning = null;
}

/**
 * Says the idle lock is `left` seconds away, with a way to stay and a way
 * to lock now. Any activity takes it away (see installLock).
 * @param {number} left
 */
function showWarning(left) {
  const count = `${left} s`;
  if (warning) {
    const shown = warning.querySelector('.lock-warning-count');
    if (shown && shown.textContent !== count) shown.textContent = count;
    return;
  }
  // Announced once when it appears; the countdown itself is not re-read
  // every second.
  warning = h('div', { class: 'lock-warning', id: 'lock-warning', role: 'alert' },
    icon('padlock', 'lock-warning-glyph'),
    h('p', { class: 'lock-warning-text' },
      'Candor locks in ', h('span', { class: 'lock-warning-count', 'aria-live': 'off', text: count }),
      ' after a while without activity. Move the mouse or press a key to stay.'),
    h('button', { type: 'button', class: 'button primary small', id: 'lock-warning-stay', text: 'Stay unlocked', onclick: hideWarning }),
    h('button', { type: 'button', class: 'button quiet small', id: 'lock-warning-lock', text: 'Lock now', onclick: () => lockNow('manual') }));
  document.body.append(warning);
}

/** Called once by main.js. @param {LockHooks} given */
export function installLock(given) {
  hooks = given;
  /** @param {Event} event */
  const seen = (event) => {
    lastActivity = Date.now();
    // A press on the bar's own buttons must reach them before it goes.
    if (!(event.target instanceof Node && warning?.contains(event.target))) hideWarning();
  };
  for (const type of ['keydown', 'pointerdown', 'pointermove', 'wheel', 'input', 'focusin']) {
    document.addEventListener(type, seen, { capture: true, passive: true });
  }
  setInterval(() => {
    const limit = journal.autoLockSeconds;
    if (!limit || !journal.encrypted || journal.locked || locking || holds.size) {
      hideWarning();
      return;
    }
    const left = Math.ceil(limit - (Date.now() - lastActivity) / 1000);
    if (left <= 0) {
      hideWarning();
      lockNow('idle');
    } else if (left <= warningSeconds(limit)) {
      showWarning(left);
    }
  }, 1000);
  document.getElementById('lock-button')?.addEventListener('click', () => lockNow('manual'));
}

/** Takes in what app_info says. @param {import('./api.js').AppInfo} info */
export function applyInfo(info) {
  journal.encrypted = info.encrypted;
  journal.locked = info.journal_state === 'locked';
  journal.autoLockSeconds = info.auto_lock_seconds ?? null;
  journal.dbPath = info.db_path;
  const button = document.getElementById('lock-button');
  if (button) button.hidden = !info.encrypted;
  document.body.dataset.journal = info.journal_state;
}

/** Reads the journal's state again (after Settings changed it). */
export async function refreshLockInfo() {
  applyInfo(await api.appInfo());
  lastActivity = Date.now();
}

/**
 * Keeps the idle lock from firing while `reason` holds (a recovery key on
 * screen must not vanish while it is being copied). Returns the release.
 * @param {string} reason @returns {() => void}
 */
export function holdAutoLock(reason) {
  holds.add(reason);
  return () => { holds.delete(reason); lastActivity = Date.now(); };
}

/** A save that failed and still holds text only the page has. */
function unsavedText() {
  return document.querySelector('.save-status[data-state="error"]');
}

/**
 * Saves what is pending, then locks. Refuses (and says so) when a save
 * failed, rather than lose what it holds.
 * @param {'manual'|'idle'} reason
 */
export async function lockNow(reason = 'manual') {
  if (journal.locked || locking) return;
  if (!journal.encrypted) {
    toast('Set a passphrase first (Settings → Encryption): a plain journal cannot be locked.');
    return;
  }
  if (holds.has('recovery-key')) {
    // Locking would take the only sight of the new key off the screen.
    toast('Save the recovery key first (copy or print it), then lock.');
    return;
  }
  locking = true;
  hideWarning();
  try {
    await flushAll();
    if (unsavedText()) {
      toast('Not locked: a note could not be saved. Retry the save (or copy the text) first.', 'error');
      lastActivity = Date.now();
      return;
    }
    await api.lockJournal();
    journal.locked = true;
    document.body.dataset.journal = 'locked';
    clearFlushers();
    hooks.wipe();
    showLockScreen(reason);
  } catch (error) {
    toast(error.message, 'error');
  } finally {
    locking = false;
  }
}

/**
 * Shows the lock screen in place of the app, focus in the passphrase
 * field. Enter submits; a wrong passphrase says so and counts down the
 * wait before the next try.
 * @param {'start'|'manual'|'idle'} reason
 */
export function showLockScreen(reason = 'start') {
  document.getElementById('lock-screen')?.remove();
  const input = /** @type {HTMLInputElement} */ (h('input', {
    type: 'password', id: 'unlock-secret', name: 'secret', autocomplete: 'current-password',
    spellcheck: 'false', autocapitalize: 'off', 'aria-describedby': 'unlock-hint',
  }));
  const reveal = h('button', {
    type: 'button', class: 'reveal', 'aria-label': 'Show the passphrase', 'aria-pressed': 'false', title: 'Show what you type',
    onclick: () => {
      const shown = input.type === 'text';
      input.type = shown ? 'password' : 'text';
      reveal.setAttribute('aria-pressed', String(!shown));
      reveal.setAttribute('aria-label', shown ? 'Show the passphrase' : 'Hide the passphrase');
      input.focus();
    },
  }, icon('eye'));
  const error = h('p', { class: 'form-error', id: 'unlock-error', role: 'alert', hidden: true });
  const submit = /** @type {HTMLButtonElement} */ (h('button', { type: 'submit', class: 'button primary unlock-submit', id: 'unlock-submit', text: 'Unlock' }));
  const note = {
    idle: 'Locked after a while without activity. Everything you typed was saved first.',
    manual: 'Locked. Everything you typed was saved first.',
    start: 'This journal is encrypted. Type its passphrase to open it.',
  }[reason];

  let timer = 0;
  const waitThen = (seconds) => {
    clearInterval(timer);
    let left = seconds;
    const tick = () => {
      if (left <= 0) {
        clearInterval(timer);
        submit.disabled = false;
        submit.textContent = 'Unlock';
        delete form.dataset.waiting;
        input.focus();
        return;
      }
      submit.disabled = true;
      submit.textContent = `Try again in ${left} s`;
      form.dataset.waiting = String(left);
      left -= 1;
    };
    tick();
    timer = setInterval(tick, 1000);
  };

  const form = /** @type {HTMLFormElement} */ (h('form', { class: 'unlock-form', id: 'unlock-form', novalidate: true },
    h('label', { for: 'unlock-secret', class: 'unlock-label', text: 'Passphrase or recovery key' }),
    h('div', { class: 'secret-field' }, input, reveal),
    error,
    submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    if (!input.value) {
      error.textContent = 'Type your passphrase, or your recovery key.';
      error.hidden = false;
      input.focus();
      return;
    }
    error.hidden = true;
    input.removeAttribute('aria-invalid');
    submit.disabled = true;
    submit.textContent = 'Unlocking…';
    input.readOnly = true;
    try {
      await api.unlockJournal(input.value);
      input.value = '';
      clearInterval(timer);
      await unlocked();
    } catch (err) {
      input.readOnly = false;
      submit.disabled = false;
      submit.textContent = 'Unlock';
      error.textContent = err.code === 'wrong_passphrase'
        ? 'That passphrase or recovery key does not open this journal. Check Caps Lock and try again.'
        : err.message;
      error.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.select();
      input.focus();
      if (err.waitSeconds) waitThen(err.waitSeconds);
    }
  });

  const screen = h('main', { class: 'lock-screen', id: 'lock-screen', 'aria-labelledby': 'lock-title' },
    h('div', { class: 'lock-card' },
      h('div', { class: 'lock-badge' }, icon('padlock', 'lock-glyph')),
      h('h1', { id: 'lock-title', text: 'Candor is locked' }),
      h('p', { class: 'lock-note', id: 'lock-note', text: note }),
      form,
      h('p', { class: 'lock-hint', id: 'unlock-hint' },
        'Forgot the passphrase? Type your ', h('strong', { text: 'recovery key' }),
        ' in the same field: the 13 groups of letters and digits Candor showed when you set the passphrase.')),
    h('p', { class: 'lock-foot' },
      'Encrypted on this computer (AES-256, key from Argon2id). Nothing leaves it.'));
  document.getElementById('app')?.setAttribute('hidden', '');
  document.body.append(screen);
  document.title = 'Candor — Locked';
  input.focus();
}

async function unlocked() {
  document.getElementById('lock-screen')?.remove();
  document.getElementById('app')?.removeAttribute('hidden');
  lastActivity = Date.now();
  await hooks.reopen();
}
