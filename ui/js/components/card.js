// The card every view is built from: a section with a head (title, an
// optional count, an action on the right), then a list or its empty state,
// then whatever else the card holds.

import { fill, h } from '../dom.js';

/**
 * @param {Object} options
 * @param {HTMLElement} [options.into]  an existing section to fill (redrawn in place)
 * @param {string} [options.class]      classes besides `card`
 * @param {string} [options.id]
 * @param {string} [options.titleId]    the h2's id; the section is labelled by it
 * @param {string} [options.label]      aria-label, for a card without a title
 * @param {Record<string, string>} [options.dataset]
 * @param {boolean} [options.hidden]
 * @param {string} [options.title]
 * @param {string|number} [options.count] shown after the title (an empty string keeps the slot)
 * @param {any} [options.action]        nodes at the right of the head
 * @param {any} [options.head]          the head's content instead of a title
 * @param {Node|null|false} [options.list] the card's list; when falsy, `empty` is shown
 * @param {string|null} [options.empty]
 * @param {any} [options.body]          nodes after the list
 * @returns {HTMLElement}
 */
export function card({
  into, class: extra, id, titleId, label, dataset, hidden,
  title, count, action, head, list, empty, body,
}) {
  const section = into ?? h('section', {
    class: extra ? `card ${extra}` : 'card', 'aria-labelledby': titleId, 'aria-label': label, id, dataset, hidden,
  });
  const heading = title === undefined ? null
    : count === undefined || count === null ? h('h2', { id: titleId, text: title })
      : h('h2', { id: titleId }, title, ' ', h('span', { class: 'count', text: String(count) }));
  return fill(section,
    heading || head ? h('div', { class: 'card-head' }, heading ?? head, action) : null,
    list || (empty ? cardEmpty(empty) : null),
    body);
}

/** A card's empty state. @param {string} text */
export function cardEmpty(text) {
  return h('p', { class: 'card-empty', text });
}
