// Small DOM helpers. Text always goes in as text nodes: nothing here parses
// HTML, so record text can never become markup.

/**
 * Creates an element. `props` keys: `class`, `text`, `on<Event>` handlers,
 * `dataset`, boolean attributes (true/false), and any other attribute.
 * Children: nodes, strings (inserted as text), or null/false (skipped).
 * @param {string} tag
 * @param {Record<string, any>} [props]
 * @param {...(Node|string|null|undefined|false|Array<any>)} children
 * @returns {HTMLElement}
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

/**
 * Replaces the children of `el`, skipping null/false and flattening arrays
 * (unlike `replaceChildren`, which would print "null").
 * @param {Element} el
 * @param {...(Node|string|null|undefined|false|Array<any>)} children
 */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Up to two initials for an avatar. @param {string} name */
export function initials(name) {
  // Words that start with a letter, so that "Zoë Ångström 🌱" is ZÅ, not Z🌱;
  // a name with no such word keeps its first character.
  const all = name.trim().split(/\s+/).filter(Boolean);
  const lettered = all.filter((word) => /^\p{L}/u.test(word));
  const words = lettered.length ? lettered : all;
  const first = [...(words[0] || '?')][0];
  const last = words.length > 1 ? [...words[words.length - 1]][0] : '';
  return (first + last).toUpperCase();
}

/** @param {string} name @param {string} [size] */
export function avatar(name, size = '', muted = false) {
  return h('span', { class: `avatar ${size} ${muted ? 'muted' : ''}`.trim(), 'aria-hidden': 'true', text: initials(name) });
}

const dateFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

/** "4 Mar 2024" from "2024-03-04" (a calendar date, no time zone games). */
export function formatDate(iso) {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return dateFormat.format(new Date(y, m - 1, d));
}

/** A cadence in words: 7 → "Weekly", 14 → "Every 2 weeks". @param {number} days */
export function cadenceLabel(days) {
  if (days === 1) return 'Daily';
  if (days === 7) return 'Weekly';
  if (days === 14) return 'Fortnightly';
  if (days % 7 === 0) return `Every ${days / 7} weeks`;
  if (days === 30 || days === 31) return 'Monthly';
  return `Every ${days} days`;
}

/** The paths of the inline SVG icons, on a 24 × 24 grid, stroked. */
const ICONS = {
  plus: 'M12 5v14M5 12h14',
  edit: 'M4 20h4L19 9l-4-4L4 16zM14 6l4 4',
  archive: 'M4 7h16v13H4zM3 4h18v3H3zM10 11h4',
  restore: 'M4 12a8 8 0 1 0 2.5-5.8M4 4v4h4',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  up: 'M12 19V5M6 11l6-6 6 6',
  down: 'M12 5v14M6 13l6 6 6-6',
  x: 'M6 6l12 12M18 6L6 18',
  calendar: 'M4 6h16v14H4zM4 10h16M8 3v4M16 3v4',
  next: 'M5 12h14M13 6l6 6-6 6',
  cancel: 'M5 5l14 14M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z',
  padlock: 'M6 10.5h12a1.5 1.5 0 0 1 1.5 1.5v7A1.5 1.5 0 0 1 18 20.5H6A1.5 1.5 0 0 1 4.5 19v-7A1.5 1.5 0 0 1 6 10.5zM8 10.5V7.5a4 4 0 0 1 8 0v3M12 14.5v2.5',
  eye: 'M2.5 12S6 5.5 12 5.5 21.5 12 21.5 12 18 18.5 12 18.5 2.5 12 2.5 12zM12 9.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5z',
  shield: 'M12 3l7.5 3v5.5c0 4.6-3.1 8.2-7.5 9.5-4.4-1.3-7.5-4.9-7.5-9.5V6zM9 12l2.2 2.2L15.5 10',
};

/** Shows a short message in the corner. @param {string} message */
export function toast(message, kind = 'info') {
  const region = document.getElementById('toasts');
  if (!region) return;
  const el = h('div', { class: `toast ${kind === 'error' ? 'error' : ''}`, text: message });
  region.append(el);
  setTimeout(() => el.remove(), kind === 'error' ? 6000 : 2600);
}

/**
 * An inline SVG icon, hidden from screen readers (the control it sits in
 * carries the words).
 * @param {keyof typeof ICONS} name
 * @param {string} [className] its class: `button-icon` on buttons
 */
export function icon(name, className = 'button-icon') {
  const paths = ICONS;
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', className);
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', paths[name]);
  svg.append(path);
  return svg;
}

/**
 * Puts HTML rendered and sanitized by core (pulldown-cmark + ammonia) into
 * `el`. The only place the UI assigns HTML: never pass it anything else.
 * @param {Element} el @param {string} sanitizedHtml
 */
export function setSanitizedHtml(el, sanitizedHtml) {
  el.innerHTML = sanitizedHtml;
}

const weekdayDate = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** "Thu, 3 Dec 2026 · 10:00" from "2026-12-03T10:00" (local wall-clock time). */
export function formatDateTime(local) {
  if (!local) return '';
  const [date, time = '00:00'] = local.split('T');
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const at = new Date(y, m - 1, d, hh, mm);
  return `${weekdayDate.format(at)} · ${timeOnly.format(at)}`;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from, to) {
  const utc = (iso) => Date.UTC(...iso.slice(0, 10).split('-').map((n, i) => Number(n) - (i === 1 ? 1 : 0)));
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

/** "today", "yesterday", "3 days ago", "in 2 days". */
export function relativeDay(date, today) {
  const days = daysBetween(today, date);
  if (days === 0) return 'today';
  if (days === -1) return 'yesterday';
  if (days === 1) return 'tomorrow';
  return days < 0 ? `${-days} days ago` : `in ${days} days`;
}

/** A local date as YYYY-MM-DD. @param {Date} d */
export function isoDate(d) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The next half hour from now, as HH:MM. */
export function nextHalfHour() {
  const d = new Date();
  d.setMinutes(d.getMinutes() < 30 ? 30 : 60, 0, 0);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** A status badge for a 1-on-1. @param {string} status */
export function statusBadge(status) {
  const labels = { scheduled: 'Scheduled', held: 'Held', cancelled: 'Cancelled', rescheduled: 'Rescheduled' };
  return h('span', { class: `badge status-${status}`, text: labels[status] ?? status });
}

export const MOODS = ['Rough', 'Low', 'Okay', 'Good', 'Great'];

/** Mood as five dots, the first `mood` filled. @param {number|null} mood */
export function moodDots(mood) {
  if (!mood) return h('span', { class: 'mood-dots empty', title: 'Mood not recorded', text: '—' });
  return h('span', { class: 'mood-dots', title: `Mood ${mood} of 5: ${MOODS[mood - 1]}`, 'aria-label': `Mood ${mood} of 5, ${MOODS[mood - 1]}` },
    ...[1, 2, 3, 4, 5].map((n) => h('span', { class: n <= mood ? 'dot on' : 'dot', 'aria-hidden': 'true' })));
}

/** "1 goal", "2 goals". @param {number} n @param {string} one @param {string} [many] */
export function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}
