// Unsaved text must survive navigation and closing the window. Editors
// register a flush function while they have changes in flight; leaving a
// view or closing the window waits for all of them (for a few seconds at
// most, so a stuck save can never trap the window open).
//
// createAutosaver is the one copy of the saving logic every editor uses:
// a save after a pause in typing, at most one save in flight (the latest
// text is saved after it), the status in words with a retry after a
// failure, and a flush on blur, navigation and window close.

import { fill, h } from './dom.js';

/** @type {Set<() => Promise<void>>} */
const flushers = new Set();

/** @param {() => Promise<void>} flush @returns {() => void} unregister */
export function registerFlusher(flush) {
  flushers.add(flush);
  return () => flushers.delete(flush);
}

/** Saves everything pending. Never rejects. */
export async function flushAll(limitMs = 4000) {
  const all = Promise.allSettled([...flushers].map((flush) => flush()));
  await Promise.race([all, new Promise((resolve) => setTimeout(resolve, limitMs))]);
}

/** Forgets the editors of a view that is going away (after flushing). */
export function clearFlushers() {
  flushers.clear();
}

/**
 * Holds the window's close until pending saves are written. The title bar's
 * close button and Ctrl+W both come through here.
 */
export async function installCloseGuard() {
  const current = window.__TAURI__?.window?.getCurrentWindow?.();
  if (!current) return;
  await current.onCloseRequested(async () => {
    await flushAll();
  });
  window.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'w') {
      event.preventDefault();
      current.close();
    }
  });
}

/**
 * @template T
 * @param {Object} options
 * @param {HTMLElement} options.status  the .save-status element: data-state and words
 * @param {() => T} options.read        what is typed now
 * @param {(value: T) => Promise<void>} options.save  writes it; rejects on failure
 * @param {string} options.saved        key of what is on disk already
 * @param {(value: T) => string} [options.key]  compares values (default: the value itself)
 * @param {(key: string) => boolean} [options.skip]  a value not worth a save (nothing typed yet)
 * @param {(error: any) => void} [options.onError]  after a failed save, once the status says so
 * @param {string} [options.savedText]  the status once caught up
 * @param {number} [options.delayMs]    the pause in typing that saves
 */
export function createAutosaver({
  status, read, save, saved, key = (value) => /** @type {any} */ (value), skip = () => false,
  onError = () => {}, savedText = 'Saved', delayMs = 600,
}) {
  let savedKey = saved;
  let timer = 0;
  /** @type {Promise<void>|null} */
  let inFlight = null;

  const setStatus = (state, text, retry = false) => {
    status.dataset.state = state;
    fill(status, text, retry ? h('button', { type: 'button', class: 'link-button', onclick: () => flush(), text: 'Retry' }) : null);
  };

  async function write() {
    const value = read();
    const k = key(value);
    if (k === savedKey) return;
    setStatus('saving', 'Saving…');
    try {
      await save(value);
      savedKey = k;
      const caughtUp = key(read()) === savedKey;
      setStatus(caughtUp ? 'saved' : 'dirty', caughtUp ? savedText : 'Editing…');
    } catch (error) {
      setStatus('error', `Not saved: ${error.message} `, true);
      onError(error);
      throw error;
    }
  }

  /** Saves now, after any save already under way; loops until caught up. */
  async function flush() {
    clearTimeout(timer);
    while (true) {
      if (inFlight) {
        await inFlight.catch(() => {});
        continue;
      }
      const k = key(read());
      if (k === savedKey || skip(k)) return;
      inFlight = write().finally(() => { inFlight = null; });
      await inFlight;
    }
  }

  /** Something was typed: say so, and save after a pause. */
  function changed() {
    setStatus('dirty', 'Editing…');
    clearTimeout(timer);
    timer = setTimeout(() => flush().catch(() => {}), delayMs);
  }

  /** Saves at once when `el` loses focus. @param {HTMLElement} el */
  function flushOnBlur(el) {
    el.addEventListener('blur', () => flush().catch(() => {}));
  }

  registerFlusher(() => flush().catch(() => {}));
  return { changed, flush, flushOnBlur, setStatus };
}
