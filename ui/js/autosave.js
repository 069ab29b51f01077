// Unsaved text must survive navigation and closing the window. Editors
// register a flush function while they have changes in flight; leaving a
// view or closing the window waits for all of them (for a few seconds at
// most, so a stuck save can never trap the window open).

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
