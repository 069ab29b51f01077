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

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Up to two initials for an avatar. @param {string} name */
export function initials(name) {
  const words = name.trim().split(/\s+/).filter(Boolean);
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

/** Shows a short message in the corner. @param {string} message */
export function toast(message, kind = 'info') {
  const region = document.getElementById('toasts');
  if (!region) return;
  const el = h('div', { class: `toast ${kind === 'error' ? 'error' : ''}`, text: message });
  region.append(el);
  setTimeout(() => el.remove(), kind === 'error' ? 6000 : 2600);
}

/** Inline SVG icons used on buttons. @param {'plus'|'edit'|'archive'|'restore'} name */
export function icon(name) {
  const paths = {
    plus: 'M12 5v14M5 12h14',
    edit: 'M4 20h4L19 9l-4-4L4 16zM14 6l4 4',
    archive: 'M4 7h16v13H4zM3 4h18v3H3zM10 11h4',
    restore: 'M4 12a8 8 0 1 0 2.5-5.8M4 4v4h4',
  };
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', 'button-icon');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', paths[name]);
  svg.append(path);
  return svg;
}
