// The feedback composer: observation, impact and next time, with the draft
// checks shown while typing and the whole message previewed as it will be
// said. Drafts save as you type; status moves from draft to delivered.

import * as api from '../api.js';
import { createAutosaver } from '../autosave.js';
import { card } from '../components/card.js';
import { field, formDialog } from '../components/dialog.js';
import { clearFieldErrors, markInvalid, showFieldError } from '../components/field-error.js';
import { ageLabel, feedbackStatusBadge } from '../components/feedback-bits.js';
import { markdownEditor } from '../components/markdown-editor.js';
import { actionRunner } from '../components/run-action.js';
import { fill, formatDate, formatDateTime, h, icon, toast } from '../dom.js';

const CHECK_DELAY_MS = 120;

const FIELDS = [
  { name: 'context', label: 'Context', optional: true, rows: 1, placeholder: 'in Tuesday’s design review',
    hint: 'Where or when it happened. Makes the observation easy to place.' },
  { name: 'observation', label: 'I noticed…', rows: 3, placeholder: 'you interrupted Sam twice while she was presenting',
    hint: 'What you saw or heard, as a camera would have recorded it. Not a judgement or a trait.' },
  { name: 'impact', label: 'The impact was…', rows: 3, placeholder: 'Sam stopped sharing her ideas for the rest of the meeting',
    hint: 'A concrete effect on the team, the work, a customer, or you.' },
  { name: 'next_time', label: 'Next time, consider…', rows: 2, placeholder: 'letting people finish, then adding your point',
    hint: 'One thing to try. Redirecting feedback needs it; reinforcing may skip it.' },
];

/**
 * @param {import('../main.js').ViewContext} ctx
 * @param {{id?: string, personId?: string}} params
 */
export async function render(ctx, params) {
  const today = await api.today();
  /** @type {import('../api.js').FeedbackView|null} */
  let view = params.id ? await api.getFeedback(params.id) : null;
  const personId = view ? view.feedback.person_id : /** @type {string} */ (params.personId);
  const [overview, knownTags] = await Promise.all([api.personOverview(personId), api.feedbackTags()]);
  const person = overview.person;

  const editable = () => !view || view.feedback.status === 'draft' || view.feedback.status === 'ready';
  const f = view?.feedback;
  const state = {
    kind: f?.kind ?? 'redirecting',
    observed_on: f?.observed_on ?? today,
    context: f?.context ?? '',
    observation: f?.observation ?? '',
    impact: f?.impact ?? '',
    next_time: f?.next_time ?? '',
    tags: f?.tags.join(', ') ?? '',
  };
  /** What is on disk when the composer opens (for a new one: nothing typed). */
  const blankJson = JSON.stringify(inputOf(state));

  // ----- Form -----
  const saveStatus = h('span', { class: 'save-status', id: 'feedback-save-status', 'aria-live': 'polite' });
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const checkLists = {};
  const inputs = {};

  const kindToggle = h('div', { class: 'segmented', role: 'radiogroup', 'aria-label': 'Kind of feedback' },
    [['reinforcing', 'Reinforcing', 'Keep doing this'], ['redirecting', 'Redirecting', 'Do this differently']].map(([value, label, sub]) =>
      h('label', { class: 'segment' },
        h('input', { type: 'radio', name: 'kind', value, checked: state.kind === value }),
        h('span', { class: 'segment-label', text: label }),
        h('span', { class: 'segment-sub', text: sub }))));
  kindToggle.addEventListener('change', (event) => {
    state.kind = /** @type {HTMLInputElement} */ (event.target).value;
    changed();
  });

  const observedOn = /** @type {HTMLInputElement} */ (h('input', { type: 'date', name: 'observed_on', id: 'fb-observed_on', value: state.observed_on, max: today }));
  observedOn.addEventListener('change', () => { state.observed_on = observedOn.value; changed(); });

  const fieldBlocks = FIELDS.map((spec) => {
    const input = spec.rows === 1
      ? h('input', { type: 'text', id: `fb-${spec.name}`, name: spec.name, placeholder: spec.placeholder, autocomplete: 'off' })
      : h('textarea', { id: `fb-${spec.name}`, name: spec.name, rows: spec.rows, placeholder: spec.placeholder });
    /** @type {HTMLInputElement} */ (input).value = state[spec.name];
    input.addEventListener('input', () => { state[spec.name] = /** @type {HTMLInputElement} */ (input).value; changed(); });
    inputs[spec.name] = input;
    checkLists[spec.name] = h('ul', { class: 'checks', id: `checks-${spec.name}`, 'aria-live': 'polite' });
    return h('div', { class: 'field', dataset: { field: spec.name } },
      h('label', { for: `fb-${spec.name}` }, spec.label, spec.optional ? h('span', { class: 'optional', text: ' (optional)' }) : null),
      input,
      h('span', { class: 'hint', text: spec.hint }),
      checkLists[spec.name]);
  });

  const tagsInput = /** @type {HTMLInputElement} */ (h('input', { type: 'text', id: 'fb-tags', name: 'tags', list: 'known-tags', placeholder: 'communication, ownership', autocomplete: 'off', value: state.tags }));
  tagsInput.addEventListener('input', () => { state.tags = tagsInput.value; changed(); });
  const tagList = h('datalist', { id: 'known-tags' }, knownTags.map((t) => h('option', { value: t })));

  const form = h('form', { class: 'form composer-form', novalidate: true, dataset: { form: 'feedback' } },
    formError,
    h('div', { class: 'composer-top' },
      h('fieldset', { class: 'field', dataset: { field: 'kind' } }, h('legend', { text: 'Kind' }), kindToggle),
      h('div', { class: 'field', dataset: { field: 'observed_on' } },
        h('label', { for: 'fb-observed_on', text: 'Observed on' }), observedOn)),
    fieldBlocks,
    h('div', { class: 'field', dataset: { field: 'tags' } },
      h('label', { for: 'fb-tags' }, 'Tags', h('span', { class: 'optional', text: ' (optional)' })),
      tagsInput, tagList,
      h('span', { class: 'hint', text: 'Skills or themes, separated by commas. They let you follow a theme over months.' })));
  form.addEventListener('submit', (event) => event.preventDefault());

  // ----- Side: preview, preferences, checks summary -----
  const preview = h('blockquote', { class: 'spoken-preview', id: 'feedback-preview' });
  const summary = h('p', { class: 'checks-summary', id: 'checks-summary' });
  const side = h('aside', { class: 'stack composer-side', 'aria-label': 'Preview and preferences' },
    card({ titleId: 'preview-title', title: 'As you will say it', body: h('div', { class: 'card-body stack-small' }, preview, summary) }),
    preferencesCard(person),
  );

  // ----- Saving -----
  let checkTimer = 0;

  function inputOf(s) {
    return {
      kind: s.kind,
      context: s.context,
      observation: s.observation,
      impact: s.impact,
      next_time: s.next_time,
      observed_on: s.observed_on,
      tags: s.tags.split(',').map((t) => t.trim()).filter(Boolean),
    };
  }

  const saver = createAutosaver({
    status: saveStatus,
    read: () => inputOf(state),
    key: (input) => JSON.stringify(input),
    saved: blankJson,
    // A brand-new composer nobody typed in creates nothing.
    skip: (json) => !view && json === blankJson,
    savedText: 'Draft saved',
    save: async (input) => {
      view = view ? await api.updateFeedback(view.feedback.id, input) : await api.createFeedback(personId, input);
      clearFieldErrors(form, formError);
      if (!params.id) {
        // The draft exists now: give it its own address without re-rendering.
        params.id = view.feedback.id;
        history.replaceState(null, '', `#/feedback/${view.feedback.id}`);
      }
      drawHeader();
    },
    onError: (error) => markInvalid(form, error.field),
  });
  const { flush, setStatus } = saver;

  function changed() {
    if (!editable()) return;
    saver.changed();
    clearTimeout(checkTimer);
    checkTimer = setTimeout(runChecks, CHECK_DELAY_MS);
  }

  async function runChecks() {
    try {
      const { checks, preview: sentence } = await api.checkFeedback({
        kind: state.kind, context: state.context, observation: state.observation, impact: state.impact, next_time: state.next_time,
      });
      drawChecks(checks, sentence);
    } catch (error) {
      summary.textContent = error.message;
    }
  }

  function drawChecks(checks, sentence) {
    preview.textContent = sentence || 'Start with what you noticed.';
    preview.classList.toggle('empty', !sentence);
    for (const spec of FIELDS) {
      const mine = checks.filter((c) => c.field === spec.name);
      fill(checkLists[spec.name], mine.map((c) =>
        h('li', { class: `check check-${c.id}`, dataset: { check: c.id } },
          c.text && c.id !== 'no_situation' ? h('mark', { text: c.text }) : null,
          h('span', { class: 'check-why', text: c.why }),
          h('span', { class: 'check-suggestion', text: c.suggestion }))));
    }
    const n = checks.length;
    summary.textContent = n === 0
      ? 'Specific, with an impact: ready to say.'
      : `${n} suggestion${n === 1 ? '' : 's'} to make it land better. They never stop you saving.`;
    summary.classList.toggle('ok', n === 0);
  }

  // ----- Header: status and actions -----
  const statusLine = h('div', { class: 'composer-status', id: 'feedback-status' });

  function drawHeader() {
    const current = view?.feedback;
    ctx.setTitle(`Feedback for ${person.name}`, current ? `${current.status === 'draft' ? 'Draft' : current.status === 'ready' ? 'Ready to deliver' : current.status === 'delivered' ? 'Delivered' : 'Discarded'}` : 'New draft');
    fill(statusLine,
      current ? feedbackStatusBadge(current.status) : h('span', { class: 'badge', text: 'New' }),
      current ? ageLabel(view) : null,
      saveStatus);
    const actions = [h('a', { class: 'button quiet', href: `#/people/${person.id}`, text: `${person.name}’s page` })];
    const act = (label, name, handler, cls = 'button') =>
      h('button', { type: 'button', class: cls, 'data-action': name, onclick: handler }, label);
    if (current?.status === 'draft' || !current) {
      if (current) actions.push(act('Discard', 'discard-feedback', () => transition(() => api.discardFeedback(current.id), 'Discarded; restore it any time')));
      actions.push(act('Mark ready', 'mark-ready', () => transition(() => api.markFeedbackReady(view.feedback.id), 'Ready to deliver'), 'button'));
      actions.push(h('button', { type: 'button', class: 'button primary', 'data-action': 'deliver-feedback', onclick: openDeliver }, icon('check'), 'Mark delivered'));
    } else if (current.status === 'ready') {
      actions.push(act('Back to draft', 'back-to-draft', () => transition(() => api.feedbackBackToDraft(current.id), 'Back to draft')));
      actions.push(act('Discard', 'discard-feedback', () => transition(() => api.discardFeedback(current.id), 'Discarded; restore it any time')));
      actions.push(h('button', { type: 'button', class: 'button primary', 'data-action': 'deliver-feedback', onclick: openDeliver }, icon('check'), 'Mark delivered'));
    } else if (current.status === 'discarded') {
      actions.push(act('Restore', 'restore-feedback', () => transition(() => api.restoreFeedback(current.id), 'Restored as a draft'), 'button primary'));
    }
    ctx.setActions(...actions);
    const locked = !editable();
    form.querySelectorAll('input, textarea').forEach((el) => { /** @type {HTMLInputElement} */ (el).disabled = locked; });
    deliveredCard.hidden = current?.status !== 'delivered';
    if (current?.status === 'delivered') drawDelivered(current);
  }

  /** A change of status: saves what is typed first; failures show above the form. */
  const transition = (action, message) => runTransition(async () => {
    await flush();
    if (!view) throw new Error('Write the observation first: what did you see or hear?');
    view = await action();
  }, message);
  const runTransition = actionRunner(() => drawHeader(), { onError: (error) => showError(error) });

  /** Errors of a status change show above the form, the field at fault marked. */
  function showError(error) {
    showFieldError(form, error, formError, { inline: false });
  }

  async function openDeliver() {
    try {
      await flush();
    } catch (error) {
      showError(error);
      return;
    }
    if (!view) {
      showError(new Error('Write the observation first: what did you see or hear?'));
      return;
    }
    const meetings = overview.one_on_ones.filter((m) => m.status === 'held' || m.status === 'scheduled').slice(0, 12);
    formDialog({
      id: 'deliver-feedback',
      title: 'Mark delivered',
      description: `When did you tell ${person.name}?`,
      fields: [
        field('delivered_on', 'Delivered on', h('input', { type: 'date', value: today, max: today })),
        field('one_on_one_id', 'In a 1-on-1', h('select', {},
          h('option', { value: '', text: 'Not in a 1-on-1' }),
          meetings.map((m) => h('option', { value: m.id, text: `${formatDateTime(m.scheduled_at)}${m.status === 'scheduled' ? ' (scheduled)' : ''}` })))),
      ],
      submitLabel: 'Mark delivered',
      onSubmit: async (data) => {
        view = await api.deliverFeedback(view.feedback.id, String(data.get('delivered_on')), String(data.get('one_on_one_id') || '') || null);
        toast('Delivered');
        drawHeader();
      },
    });
  }

  // ----- Delivered: where, and their response -----
  const deliveredCard = card({ id: 'delivered', titleId: 'delivered-title', hidden: true });
  let responseEditor = null;
  function drawDelivered(current) {
    const meeting = overview.one_on_ones.find((m) => m.id === current.delivered_in);
    if (!responseEditor) {
      responseEditor = markdownEditor({
        name: 'response',
        label: 'How they took it',
        value: current.response,
        html: view.response_html,
        placeholder: 'What they said, what they will try.',
        rows: 4,
        preview: Boolean(current.response),
        save: async (text) => {
          view = await api.setFeedbackResponse(current.id, text);
          return { html: view.response_html };
        },
      });
    }
    card({
      into: deliveredCard,
      titleId: 'delivered-title',
      title: 'Delivered',
      body: h('div', { class: 'card-body stack-small' },
        h('p', {}, `On ${formatDate(current.delivered_on)}`,
          meeting ? [' in the 1-on-1 of ', h('a', { href: `#/one-on-ones/${meeting.id}`, text: formatDateTime(meeting.scheduled_at) })] : null, '.'),
        responseEditor.element),
    });
  }

  drawHeader();
  runChecks();
  if (!view) setStatus('saved', 'Not saved yet: starts saving when you type');
  else setStatus('saved', 'Saved');

  return h('div', { class: 'composer', dataset: { personId } },
    h('div', { class: 'stack' },
      statusLine,
      card({ label: 'The feedback', body: h('div', { class: 'card-body' }, form) }),
      deliveredCard),
    side);
}

/** How the person likes to hear feedback, beside the composer. */
function preferencesCard(person) {
  const recognition = { public: 'In public', private: 'In private' }[person.recognition];
  const medium = { written: 'Written', spoken: 'Spoken' }[person.feedback_medium];
  return card({
    id: 'feedback-preferences',
    titleId: 'prefs-title',
    title: `How ${person.name.split(' ')[0]} likes feedback`,
    body: h('div', { class: 'card-body stack-small' },
      h('dl', { class: 'facts single' },
        h('div', {}, h('dt', { text: 'Recognition' }), h('dd', { text: recognition ?? 'Not recorded' })),
        h('div', {}, h('dt', { text: 'Medium' }), h('dd', { text: medium ?? 'Not recorded' })),
        person.feedback_preferences
          ? h('div', {}, h('dt', { text: 'In their words' }), h('dd', { class: 'prose', text: person.feedback_preferences }))
          : null),
      h('p', { class: 'hint', text: 'Praise in the setting they prefer; criticism in private. Soon beats perfect: within a day or two of what you saw.' })),
  });
}

