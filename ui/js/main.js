// Wires the app: routing between views, the sidebar's team list, the
// lock screen of an encrypted journal, the privacy tools in the top bar,
// and the screen shown when the journal cannot be opened.

import * as api from './api.js';
import { clearFlushers, flushAll, installCloseGuard } from './autosave.js';
import { avatar, fill, h, toast } from './dom.js';
import { MOD, applyInfo, installLock, journal, lockNow, showLockScreen } from './lock.js';
import { waitForUpdate } from './updating.js';

/**
 * Each view's module, loaded the first time it is shown: start-up parses
 * only the Due view's code.
 */
const views = {
  conflict: () => import('./views/conflict.js'),
  conflicts: () => import('./views/conflicts.js'),
  due: () => import('./views/due.js'),
  feedbackComposer: () => import('./views/feedback-composer.js'),
  feedbackList: () => import('./views/feedback-list.js'),
  oneOnOne: () => import('./views/one-on-one.js'),
  people: () => import('./views/people.js'),
  person: () => import('./views/person.js'),
  questions: () => import('./views/questions.js'),
  settings: () => import('./views/settings.js'),
  review: () => import('./views/review.js'),
  search: () => import('./views/search.js'),
  timeline: () => import('./views/timeline.js'),
};

/**
 * What a view gets to shape the page around it.
 * @typedef {Object} ViewContext
 * @property {(title: string, kicker?: string) => void} setTitle
 * @property {(...actions: Node[]) => void} setActions
 * @property {(hash: string) => void} navigate
 * @property {() => void} peopleChanged  the team changed: refresh the sidebar
 * @property {(overdue: number) => void} dueChanged  the overdue count is known: show it in the sidebar
 */

const view = /** @type {HTMLElement} */ (document.getElementById('view'));
const title = /** @type {HTMLElement} */ (document.getElementById('page-title'));
const kicker = /** @type {HTMLElement} */ (document.getElementById('page-kicker'));
const actions = /** @type {HTMLElement} */ (document.getElementById('page-actions'));
const teamList = /** @type {HTMLElement} */ (document.getElementById('team-list'));

/** The home screen: what you owe. */
const HOME = '#/due';

const routes = [
  { pattern: /^#\/people$/, nav: 'people', view: views.people },
  { pattern: /^#\/people\/([0-9a-f-]{36})$/, nav: 'people', view: views.person, params: (m) => ({ id: m[1] }) },
  { pattern: /^#\/people\/([0-9a-f-]{36})\/timeline$/, nav: 'people', view: views.timeline, params: (m) => ({ id: m[1] }) },
  { pattern: /^#\/people\/([0-9a-f-]{36})\/review$/, nav: 'people', view: views.review, params: (m) => ({ id: m[1] }) },
  { pattern: /^#\/search$/, nav: 'search', view: views.search },
  { pattern: /^#\/one-on-ones\/([0-9a-f-]{36})$/, nav: 'people', view: views.oneOnOne, params: (m) => ({ id: m[1] }) },
  { pattern: /^#\/feedback$/, nav: 'feedback', view: views.feedbackList },
  { pattern: /^#\/feedback\/new\/([0-9a-f-]{36})$/, nav: 'feedback', view: views.feedbackComposer, params: (m) => ({ personId: m[1] }) },
  { pattern: /^#\/feedback\/([0-9a-f-]{36})$/, nav: 'feedback', view: views.feedbackComposer, params: (m) => ({ id: m[1] }) },
  { pattern: /^#\/conflicts$/, nav: 'conflicts', view: views.conflicts },
  { pattern: /^#\/conflicts\/([0-9a-f-]{36})$/, nav: 'conflicts', view: views.conflict, params: (m) => ({ id: m[1] }) },
  { pattern: /^#\/questions$/, nav: 'questions', view: views.questions },
  { pattern: /^#\/settings$/, nav: 'settings', view: views.settings },
  { pattern: /^#\/due$/, nav: 'due', view: views.due },
];

let renderToken = 0;
/** Whether the view being shown has already reported the overdue count. */
let countShown = false;

/** @type {ViewContext} */
const ctx = {
  setTitle(text, sub = '') {
    title.textContent = text;
    kicker.textContent = sub;
    document.title = text === 'Candor' ? 'Candor' : `${text} — Candor`;
  },
  setActions(...nodes) {
    fill(actions, ...nodes);
  },
  navigate(hash) {
    if (location.hash === hash) route();
    else location.hash = hash;
  },
  peopleChanged() {
    refreshTeam();
  },
  dueChanged(overdue) {
    countShown = true;
    showDueCount(overdue);
  },
};

const dueCount = /** @type {HTMLElement} */ (document.getElementById('due-count'));

function showDueCount(overdue) {
  dueCount.hidden = !overdue;
  dueCount.textContent = overdue ? String(overdue) : '';
  dueCount.setAttribute('aria-label', `${overdue} overdue`);
}

/** Any change may resolve (or create) a reminder: recount after each view. */
async function refreshDueCount() {
  try {
    showDueCount((await api.dueList()).counts.overdue);
  } catch {
    // The count is a convenience; the Due view shows errors in full.
  }
}

async function route() {
  // Nothing is drawn (or read) while the journal is locked.
  if (journal.locked) return;
  const hash = location.hash || HOME;
  const match = routes.map((r) => ({ r, m: hash.match(r.pattern) })).find((x) => x.m);
  if (!match) {
    location.replace(HOME);
    return;
  }
  const token = ++renderToken;
  // Whatever the last view was typing goes to disk before it is replaced.
  await flushAll();
  clearFlushers();
  if (token !== renderToken) return;
  highlightNav(hash, match.r.nav ?? hash.slice(2));
  view.setAttribute('aria-busy', 'true');
  countShown = false;
  let content;
  try {
    const module = await match.r.view();
    if (token !== renderToken) return;
    content = await module.render(ctx, match.r.params ? match.r.params(match.m) : {});
  } catch (error) {
    ctx.setTitle('Something went wrong');
    ctx.setActions();
    content = h('p', { class: 'banner', role: 'alert', text: error?.message || String(error) });
  }
  if (token !== renderToken || journal.locked) return; // a newer navigation (or a lock) won
  view.replaceChildren(content);
  view.scrollTop = 0;
  view.setAttribute('aria-busy', 'false');
  if (!countShown) refreshDueCount();
}

function highlightNav(hash, nav) {
  for (const link of document.querySelectorAll('.nav-link')) {
    if (link.getAttribute('data-route') === nav) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  for (const link of teamList.querySelectorAll('a')) {
    if (link.getAttribute('href') === hash) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

async function refreshTeam() {
  try {
    const team = await api.listPeople('active');
    if (journal.locked) return;
    teamList.replaceChildren(...(team.length
      ? team.map((p) => h('li', {},
        h('a', { class: 'team-link', href: `#/people/${p.id}`, 'aria-current': location.hash === `#/people/${p.id}` ? 'page' : null },
          avatar(p.name, 'small'), h('span', { text: p.name }))))
      : [h('li', { class: 'team-empty', text: 'No one yet' })]));
  } catch (error) {
    teamList.replaceChildren(h('li', { class: 'team-empty', text: 'Could not load the team' }));
  }
}

/**
 * Links inside notes never navigate Candor's own window: the app has no
 * browser chrome to come back from. They are shown, not followed.
 */
function interceptLinks() {
  document.addEventListener('click', (event) => {
    const link = /** @type {Element} */ (event.target).closest?.('.markdown-body a');
    if (!link) return;
    event.preventDefault();
    toast(`Links open nowhere from Candor: ${link.getAttribute('href') ?? ''}`);
  });
}

function showFatal(info) {
  document.getElementById('app')?.replaceChildren(
    h('main', { class: 'fatal', role: 'alert' },
      h('h1', { text: 'Candor could not open your journal' }),
      h('p', { class: 'banner', text: info.journal_error.message }),
      h('p', { class: 'muted' }, 'Journal file: ', h('code', { text: info.db_path })),
      h('p', { class: 'muted', text: 'Nothing was changed. Close Candor, fix the problem above (or start it with --db pointing at another file), then open it again.' })));
}

/**
 * Empties the page of everything read from the journal, for the lock
 * screen: views, the team list, counts, titles, dialogs and toasts are
 * removed, not hidden.
 */
function wipe() {
  renderToken++;
  view.replaceChildren();
  actions.replaceChildren();
  teamList.replaceChildren();
  showDueCount(0);
  title.textContent = 'Candor';
  kicker.textContent = '';
  document.title = 'Candor';
  for (const dialog of document.querySelectorAll('dialog')) dialog.remove();
  document.getElementById('toasts')?.replaceChildren();
  document.getElementById('print-sheet')?.remove();
}

/**
 * What app_info says once any schema update is over (at start, or after
 * the unlock of an older encrypted journal), with the update screen shown
 * meanwhile; `null`, with the fatal screen shown, if the journal could not
 * be opened.
 * @returns {Promise<import('./api.js').AppInfo|null>}
 */
async function openedInfo() {
  let info = await api.appInfo();
  if (info.journal_state === 'updating') info = await waitForUpdate();
  if (info.journal_error) {
    showFatal(info);
    return null;
  }
  return info;
}

/** Draws the app on the open journal again, after each unlock. */
async function reopen() {
  const info = await openedInfo();
  if (!info) return;
  applyInfo(info);
  await Promise.all([refreshTeam(), route()]);
}

/** Blurs note bodies and feedback text until hovered, for screen sharing. */
function toggleBlur() {
  const on = document.body.classList.toggle('blur-notes');
  document.getElementById('blur-toggle')?.setAttribute('aria-pressed', String(on));
  toast(on ? 'Notes blurred: hover over one to read it' : 'Notes shown');
}

/** The top bar's Lock and Blur buttons, with their shortcuts. */
function installTools() {
  const lockButton = document.getElementById('lock-button');
  const blurButton = document.getElementById('blur-toggle');
  lockButton?.setAttribute('title', `Lock Candor (${MOD}L)`);
  lockButton?.setAttribute('aria-keyshortcuts', MOD === '⌘' ? 'Meta+L' : 'Control+L');
  blurButton?.setAttribute('title', `Blur notes for screen sharing (${MOD}Shift+B)`);
  blurButton?.setAttribute('aria-keyshortcuts', MOD === '⌘' ? 'Meta+Shift+B' : 'Control+Shift+B');
  blurButton?.addEventListener('click', toggleBlur);
  window.addEventListener('keydown', (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || journal.locked) return;
    const key = event.key.toLowerCase();
    if (key === 'l' && !event.shiftKey) {
      event.preventDefault();
      lockNow('manual');
    } else if (key === 'b' && event.shiftKey) {
      event.preventDefault();
      toggleBlur();
    }
  });
}

async function start() {
  const info = await openedInfo();
  if (!info) return;
  applyInfo(info);
  window.addEventListener('hashchange', route);
  installCloseGuard().catch((error) => toast(`Closing may not wait for saves: ${error.message}`, 'error'));
  interceptLinks();
  installTools();
  installLock({ wipe, reopen });
  if (journal.locked) showLockScreen('start');
  else await Promise.all([refreshTeam(), route()]);
  document.body.dataset.ready = 'true';
}

start().catch((error) => {
  view.replaceChildren(h('p', { class: 'banner', role: 'alert', text: error?.message || String(error) }));
});
