// The one module that talks to the Rust side. Every command has one exported
// function here; failures become an ApiError carrying the message core wrote.

/**
 * @typedef {Object} Person
 * @property {string} id
 * @property {string} name
 * @property {string} role
 * @property {string} team
 * @property {string|null} start_date        YYYY-MM-DD
 * @property {number} cadence_days
 * @property {string} feedback_preferences
 * @property {'public'|'private'|null} recognition
 * @property {'written'|'spoken'|null} feedback_medium
 * @property {string} notes
 * @property {boolean} archived
 * @property {string|null} archived_at       RFC 3339
 * @property {string} created_at            RFC 3339
 * @property {string} updated_at            RFC 3339
 */

/**
 * @typedef {Object} PersonInput
 * @property {string} name
 * @property {string} [role]
 * @property {string} [team]
 * @property {string|null} [start_date]
 * @property {number|null} [cadence_days]
 * @property {string} [feedback_preferences]
 * @property {string|null} [recognition]
 * @property {string|null} [feedback_medium]
 * @property {string} [notes]
 */

/**
 * @typedef {Object} AppInfo
 * @property {string} version
 * @property {string} db_path
 * @property {number|null} schema_version
 * @property {{code: string, message: string}|null} journal_error
 * @property {'open'|'locked'|'failed'|'updating'} journal_state
 * @property {Step|null} update_step         while updating: how far the schema update has got
 * @property {boolean} encrypted             the file is encrypted (a locked one always is)
 * @property {number|null} auto_lock_seconds idle time before the window locks; null: never
 */

/** An error from a command, with the message written for a person. */
export class ApiError extends Error {
  /** @param {{code?: string, message?: string, field?: string}} payload */
  constructor(payload) {
    super(payload.message || 'Something went wrong.');
    this.name = 'ApiError';
    /** @type {string} */
    this.code = payload.code || 'internal';
    /** @type {string|undefined} the input field at fault */
    this.field = payload.field;
    /** @type {number|undefined} after a wrong passphrase: seconds before the next try is checked */
    this.waitSeconds = /** @type {any} */ (payload).wait_seconds;
  }
}

/**
 * @param {string} command
 * @param {Record<string, unknown>} [args]
 */
async function call(command, args = {}) {
  const invoke = window.__TAURI__?.core?.invoke;
  if (!invoke) {
    throw new ApiError({ code: 'no_backend', message: 'Candor’s engine is not available in this window.' });
  }
  try {
    return await invoke(command, args);
  } catch (failure) {
    if (failure && typeof failure === 'object' && 'message' in failure) {
      throw new ApiError(/** @type {any} */ (failure));
    }
    // Tauri's own refusals (a missing permission, a malformed call) arrive
    // as plain strings: a bug in Candor, not something the user did.
    console.error(`command ${command} failed:`, failure);
    throw new ApiError({ code: 'internal', message: `Candor could not complete that action (${command}).` });
  }
}

/**
 * How far long work (an import, a restore) has got: its stage, and `done`
 * of `total` (`total` 0: not known).
 * @typedef {{stage: 'reading'|'checking'|'writing'|'indexing'|'verifying'|'saving_current'|'copying', done: number, total: number}} Step
 */

/**
 * A channel the command sends its steps through, to `onProgress`.
 * @param {((step: Step) => void)|undefined} onProgress
 */
function progressChannel(onProgress) {
  const Channel = window.__TAURI__?.core?.Channel;
  if (!Channel) {
    throw new ApiError({ code: 'no_backend', message: 'Candor’s engine is not available in this window.' });
  }
  const channel = new Channel();
  channel.onmessage = (/** @type {Step} */ step) => onProgress?.(step);
  return channel;
}

/** @returns {Promise<AppInfo>} */
export const appInfo = () => call('app_info');

/**
 * @param {'active'|'all'} [scope]
 * @returns {Promise<Person[]>}
 */
export const listPeople = (scope = 'active') => call('list_people', { scope });

/** @param {string} id @returns {Promise<Person>} */
export const getPerson = (id) => call('get_person', { id });

/** @param {PersonInput} input @returns {Promise<Person>} */
export const createPerson = (input) => call('create_person', { input });

/** @param {string} id @param {PersonInput} input @returns {Promise<Person>} */
export const updatePerson = (id, input) => call('update_person', { id, input });

/** @param {string} id @param {boolean} archived @returns {Promise<Person>} */
export const setPersonArchived = (id, archived) => call('set_person_archived', { id, archived });

// ---------- 1-on-1s ----------

/**
 * @typedef {'scheduled'|'held'|'cancelled'|'rescheduled'} Status
 * @typedef {'me'|'them'} Party
 *
 * @typedef {Object} OneOnOne
 * @property {string} id
 * @property {string} person_id
 * @property {string} scheduled_at        local time, YYYY-MM-DDTHH:MM
 * @property {Status} status
 * @property {string|null} held_on        YYYY-MM-DD
 * @property {string|null} rescheduled_to
 * @property {string} notes               Markdown
 * @property {string} outcomes            Markdown
 * @property {number|null} mood           1-5
 *
 * @typedef {Object} TalkingPoint
 * @property {string} id
 * @property {string} one_on_one_id
 * @property {string} text
 * @property {Party} raised_by
 * @property {number} position
 * @property {boolean} resolved
 * @property {string|null} carried_from_id
 * @property {string} first_raised_on     YYYY-MM-DD
 * @property {boolean} carried_forward
 *
 * @typedef {Object} ActionItem
 * @property {string} id
 * @property {string} person_id
 * @property {string|null} one_on_one_id
 * @property {string} text
 * @property {Party} owner
 * @property {string|null} due_on
 * @property {string|null} done_on
 *
 * @typedef {Object} OneOnOneDetail
 * @property {OneOnOne} one_on_one
 * @property {Person} person
 * @property {TalkingPoint[]} agenda
 * @property {ActionItem[]} action_items        from this 1-on-1
 * @property {ActionItem[]} open_action_items   the person's other open items
 * @property {string} notes_html                sanitized
 * @property {string} outcomes_html             sanitized
 * @property {OneOnOne|null} next_scheduled
 * @property {FeedbackView[]} feedback_to_deliver   while scheduled
 * @property {FeedbackView[]} feedback_delivered    delivered in this 1-on-1
 * @property {ConflictSummary[]} open_conflicts     open or in progress, involving them
 * @property {AskedDetail[]} questions_asked        asked in this 1-on-1
 * @property {GoalDetail[]} active_goals             for check-ins
 *
 * @typedef {Object} OneOnOneSummary
 * @property {string} id
 * @property {string} scheduled_at
 * @property {Status} status
 * @property {string|null} held_on
 * @property {number|null} mood
 * @property {string} outcome_summary
 * @property {number} talking_points
 * @property {number} open_talking_points
 *
 * @typedef {Object} PersonOverview
 * @property {Person} person
 * @property {string|null} last_held_on
 * @property {OneOnOne|null} next_scheduled
 * @property {OneOnOneSummary[]} one_on_ones
 * @property {ActionItem[]} open_action_items
 * @property {FeedbackView[]} feedback        all of it, discarded included
 * @property {ConflictSummary[]} conflicts     they are a party to
 * @property {AskedDetail[]} questions_asked   newest first
 * @property {GoalDetail[]} goals              active first
 *
 * @typedef {Object} Template
 * @property {string} id
 * @property {string} name
 * @property {boolean} builtin
 * @property {boolean} hidden
 * @property {{text: string, raised_by: Party}[]} prompts
 */

/** @returns {Promise<string>} today on this computer, YYYY-MM-DD */
export const today = () => call('today');

/** @param {string} text @returns {Promise<string>} sanitized HTML */
export const renderMarkdown = (text) => call('render_markdown', { text });

/** @param {string} id @returns {Promise<PersonOverview>} */
export const personOverview = (id) => call('person_overview', { id });

/**
 * @param {string} personId
 * @param {{scheduled_at: string, template_id?: string|null}} input
 * @returns {Promise<OneOnOne>}
 */
export const startOneOnOne = (personId, input) => call('start_one_on_one', { person_id: personId, input });

/** @param {string} id @returns {Promise<OneOnOneDetail>} */
export const getOneOnOne = (id) => call('get_one_on_one', { id });

/**
 * @param {string} id @param {'notes'|'outcomes'} field @param {string} text
 * @returns {Promise<{updated_at: string, html: string}>}
 */
export const saveOneOnOneText = (id, field, text) => call('save_one_on_one_text', { id, field, text });

/** @param {string} id @param {number|null} mood @returns {Promise<OneOnOne>} */
export const setOneOnOneMood = (id, mood) => call('set_one_on_one_mood', { id, mood });

/** @param {string} id @param {string} heldOn YYYY-MM-DD @returns {Promise<OneOnOne>} */
export const markOneOnOneHeld = (id, heldOn) => call('mark_one_on_one_held', { id, held_on: heldOn });

/** @param {string} id @returns {Promise<OneOnOne>} */
export const cancelOneOnOne = (id) => call('cancel_one_on_one', { id });

/** @param {string} id @param {string} scheduledAt @returns {Promise<OneOnOne>} the new 1-on-1 */
export const rescheduleOneOnOne = (id, scheduledAt) => call('reschedule_one_on_one', { id, scheduled_at: scheduledAt });

/** @param {string} id @returns {Promise<OneOnOne>} */
export const scheduleNextOneOnOne = (id) => call('schedule_next_one_on_one', { id });

/** @param {string} oneOnOneId @param {{text: string, raised_by: Party}} input @returns {Promise<TalkingPoint>} */
export const addTalkingPoint = (oneOnOneId, input) => call('add_talking_point', { one_on_one_id: oneOnOneId, input });

/** @param {string} id @param {{text: string, raised_by: Party}} input @returns {Promise<TalkingPoint>} */
export const editTalkingPoint = (id, input) => call('edit_talking_point', { id, input });

/** @param {string} id @param {boolean} resolved @returns {Promise<TalkingPoint>} */
export const setTalkingPointResolved = (id, resolved) => call('set_talking_point_resolved', { id, resolved });

/** @param {string} id @param {number} index @returns {Promise<TalkingPoint[]>} */
export const moveTalkingPoint = (id, index) => call('move_talking_point', { id, index });

/** @param {string} id @returns {Promise<void>} */
export const deleteTalkingPoint = (id) => call('delete_talking_point', { id });

/** @param {boolean} [includeHidden] @returns {Promise<Template[]>} */
export const listTemplates = (includeHidden = false) => call('list_templates', { include_hidden: includeHidden });

/** @param {string} id @param {string} oneOnOneId @returns {Promise<TalkingPoint[]>} */
export const applyTemplate = (id, oneOnOneId) => call('apply_template', { id, one_on_one_id: oneOnOneId });

/** @param {{name: string, prompts: {text: string, raised_by: Party}[]}} input @returns {Promise<Template>} */
export const createTemplate = (input) => call('create_template', { input });

/** @param {string} id @param {{name: string, prompts: {text: string, raised_by: Party}[]}} input @returns {Promise<Template>} */
export const updateTemplate = (id, input) => call('update_template', { id, input });

/** @param {string} id @returns {Promise<void>} */
export const deleteTemplate = (id) => call('delete_template', { id });

/** @param {string} id @param {boolean} hidden @returns {Promise<Template>} */
export const setTemplateHidden = (id, hidden) => call('set_template_hidden', { id, hidden });

/**
 * @param {string} personId
 * @param {{text: string, owner: Party, due_on?: string|null, one_on_one_id?: string|null}} input
 * @returns {Promise<ActionItem>}
 */
export const addActionItem = (personId, input) => call('add_action_item', { person_id: personId, input });

/** @param {string} id @param {{text: string, owner: Party, due_on?: string|null}} input @returns {Promise<ActionItem>} */
export const updateActionItem = (id, input) => call('update_action_item', { id, input });

/** @param {string} id @param {string|null} doneOn @returns {Promise<ActionItem>} */
export const setActionItemDone = (id, doneOn) => call('set_action_item_done', { id, done_on: doneOn });

/** @param {string} id @returns {Promise<void>} */
export const deleteActionItem = (id) => call('delete_action_item', { id });

// ---------- Feedback ----------

/**
 * @typedef {'reinforcing'|'redirecting'} FeedbackKind
 * @typedef {'draft'|'ready'|'delivered'|'discarded'} FeedbackStatus
 *
 * @typedef {Object} Feedback
 * @property {string} id
 * @property {string} person_id
 * @property {FeedbackKind} kind
 * @property {string} context
 * @property {string} observation
 * @property {string} impact
 * @property {string} next_time
 * @property {string} observed_on          YYYY-MM-DD
 * @property {FeedbackStatus} status
 * @property {string|null} delivered_on
 * @property {string|null} delivered_in    the 1-on-1 id
 * @property {string} response             Markdown
 * @property {string[]} tags
 *
 * @typedef {Object} Check
 * @property {string} id
 * @property {string} field
 * @property {string} text        the flagged text as typed
 * @property {number} start       UTF-16 offsets in the field
 * @property {number} end
 * @property {string} why
 * @property {string} suggestion
 *
 * @typedef {Object} FeedbackView
 * @property {Feedback} feedback
 * @property {string} person_name
 * @property {string} preview
 * @property {Check[]} checks
 * @property {number} age_days
 * @property {string} response_html   sanitized
 *
 * @typedef {Object} FeedbackInput
 * @property {FeedbackKind} kind
 * @property {string} context
 * @property {string} observation
 * @property {string} impact
 * @property {string} next_time
 * @property {string} observed_on
 * @property {string[]} tags
 */

/** @param {string} personId @param {FeedbackInput} input @returns {Promise<FeedbackView>} */
export const createFeedback = (personId, input) => call('create_feedback', { person_id: personId, input });

/** @param {string} id @param {FeedbackInput} input @returns {Promise<FeedbackView>} */
export const updateFeedback = (id, input) => call('update_feedback', { id, input });

/** @param {string} id @returns {Promise<FeedbackView>} */
export const getFeedback = (id) => call('get_feedback', { id });

/**
 * Draft checks and the spoken preview for text not yet saved.
 * @param {Omit<FeedbackInput, 'observed_on'|'tags'>} input
 * @returns {Promise<{checks: Check[], preview: string}>}
 */
export const checkFeedback = (input) => call('check_feedback', { input });

/** @param {string} id @returns {Promise<FeedbackView>} */
export const markFeedbackReady = (id) => call('mark_feedback_ready', { id });

/** @param {string} id @returns {Promise<FeedbackView>} */
export const feedbackBackToDraft = (id) => call('feedback_back_to_draft', { id });

/**
 * @param {string} id @param {string} deliveredOn YYYY-MM-DD @param {string|null} [oneOnOneId]
 * @returns {Promise<FeedbackView>}
 */
export const deliverFeedback = (id, deliveredOn, oneOnOneId = null) =>
  call('deliver_feedback', { id, delivered_on: deliveredOn, one_on_one_id: oneOnOneId });

/** @param {string} id @returns {Promise<FeedbackView>} */
export const discardFeedback = (id) => call('discard_feedback', { id });

/** @param {string} id @returns {Promise<FeedbackView>} */
export const restoreFeedback = (id) => call('restore_feedback', { id });

/** @param {string} id @param {string} response @returns {Promise<FeedbackView>} */
export const setFeedbackResponse = (id, response) => call('set_feedback_response', { id, response });

/** @param {boolean} [includeDiscarded] @returns {Promise<FeedbackView[]>} */
export const listTeamFeedback = (includeDiscarded = false) => call('list_team_feedback', { include_discarded: includeDiscarded });

/** @returns {Promise<string[]>} every tag in use, most used first */
export const feedbackTags = () => call('feedback_tags');

// ---------- Conflicts ----------

/**
 * @typedef {'open'|'in_progress'|'parked'|'resolved'} ConflictStatus
 *
 * @typedef {Object} ConflictParty
 * @property {string|null} person_id
 * @property {string|null} outsider_name
 * @property {string} name
 * @property {boolean} archived
 *
 * @typedef {Object} Conflict
 * @property {string} id
 * @property {string} title
 * @property {string} description        Markdown
 * @property {string} surfaced_on
 * @property {ConflictStatus} status
 * @property {string} next_step
 * @property {string} resolution         Markdown
 * @property {string|null} resolved_on
 *
 * @typedef {Object} ConflictUpdate
 * @property {string} id
 * @property {string} on
 * @property {string} note
 * @property {string|null} one_on_one_id
 *
 * @typedef {Object} ConflictDetail
 * @property {Conflict} conflict
 * @property {ConflictParty[]} parties
 * @property {{update: ConflictUpdate, note_html: string}[]} updates   newest first
 * @property {string} last_activity
 * @property {string} description_html
 * @property {string} resolution_html
 * @property {ConflictStatus[]} allowed_statuses
 *
 * @typedef {Object} ConflictSummary
 * @property {string} id
 * @property {string} title
 * @property {ConflictStatus} status
 * @property {ConflictParty[]} parties
 * @property {string} surfaced_on
 * @property {string} last_activity
 * @property {string} next_step
 * @property {string|null} resolved_on
 * @property {number} update_count
 * @property {string} summary
 *
 * @typedef {Object} ConflictInput
 * @property {string} title
 * @property {string} description
 * @property {{person_id?: string|null, outsider_name?: string|null}[]} parties
 * @property {string} surfaced_on
 * @property {string} next_step
 */

/** @param {{status?: string, person_id?: string}} [filter] @returns {Promise<ConflictSummary[]>} */
export const listConflicts = (filter = {}) => call('list_conflicts', { status: filter.status || null, person_id: filter.person_id || null });

/** @param {string} id @returns {Promise<ConflictDetail>} */
export const getConflict = (id) => call('get_conflict', { id });

/** @param {ConflictInput} input @returns {Promise<ConflictDetail>} */
export const createConflict = (input) => call('create_conflict', { input });

/** @param {string} id @param {ConflictInput} input @returns {Promise<ConflictDetail>} */
export const updateConflict = (id, input) => call('update_conflict', { id, input });

/**
 * @param {string} id @param {ConflictStatus} status
 * @param {string|null} [resolution] @param {string|null} [resolvedOn]
 * @returns {Promise<ConflictDetail>}
 */
export const setConflictStatus = (id, status, resolution = null, resolvedOn = null) =>
  call('set_conflict_status', { id, status, resolution, resolved_on: resolvedOn });

/** @param {string} id @returns {Promise<void>} */
export const deleteConflict = (id) => call('delete_conflict', { id });

/**
 * @param {string} conflictId @param {{on: string, note: string, one_on_one_id?: string|null}} input
 * @returns {Promise<{update: ConflictUpdate, note_html: string}>}
 */
export const addConflictUpdate = (conflictId, input) => call('add_conflict_update', { conflict_id: conflictId, input });

/** @param {string} id @returns {Promise<void>} */
export const deleteConflictUpdate = (id) => call('delete_conflict_update', { id });

// ---------- Coaching questions ----------

/**
 * @typedef {Object} Question
 * @property {string} id
 * @property {string} text
 * @property {string} category
 * @property {boolean} builtin
 * @property {boolean} retired
 *
 * @typedef {Object} QuestionAsked
 * @property {string} id
 * @property {string|null} question_id
 * @property {string} question_text
 * @property {string} person_id
 * @property {string} asked_on
 * @property {string|null} one_on_one_id
 * @property {string} answer            Markdown
 * @property {string} follow_up
 *
 * @typedef {Object} AskedDetail
 * @property {QuestionAsked} asked
 * @property {string|null} category
 * @property {string} answer_html
 *
 * @typedef {Object} Suggestion
 * @property {Question} question
 * @property {string|null} last_asked_on
 * @property {number|null} days_since_asked
 *
 * @typedef {Object} AskedInput
 * @property {string} person_id
 * @property {string|null} [question_id]
 * @property {string} [text]
 * @property {string} asked_on
 * @property {string|null} [one_on_one_id]
 * @property {string} [answer]
 * @property {string} [follow_up]
 */

/** @returns {Promise<{id: string, label: string}[]>} */
export const questionCategories = () => call('question_categories');

/**
 * @param {{category?: string|null, search?: string|null, include_retired?: boolean}} [filter]
 * @returns {Promise<Question[]>}
 */
export const listQuestions = (filter = {}) => call('list_questions', { filter });

/** @param {{text: string, category: string}} input @returns {Promise<Question>} */
export const createQuestion = (input) => call('create_question', { input });

/** @param {string} id @param {{text: string, category: string}} input @returns {Promise<Question>} */
export const updateQuestion = (id, input) => call('update_question', { id, input });

/** @param {string} id @param {boolean} retired @returns {Promise<Question>} */
export const setQuestionRetired = (id, retired) => call('set_question_retired', { id, retired });

/** @param {string} id @returns {Promise<void>} */
export const deleteQuestion = (id) => call('delete_question', { id });

/** @param {AskedInput} input @returns {Promise<QuestionAsked>} */
export const logQuestionAsked = (input) => call('log_question_asked', { input });

/** @param {string} id @param {AskedInput} input @returns {Promise<QuestionAsked>} */
export const updateQuestionAsked = (id, input) => call('update_question_asked', { id, input });

/** @param {string} id @returns {Promise<void>} */
export const deleteQuestionAsked = (id) => call('delete_question_asked', { id });

/** @param {string} personId @returns {Promise<AskedDetail[]>} */
export const questionsAskedFor = (personId) => call('questions_asked_for_person', { person_id: personId });

/**
 * @param {string} personId @param {string[]} [categories] @param {number} [limit]
 * @returns {Promise<Suggestion[]>}
 */
export const suggestQuestions = (personId, categories = [], limit = 3) =>
  call('suggest_questions', { person_id: personId, categories, limit });

// ---------- Goals, timeline, search ----------

/**
 * @typedef {'active'|'achieved'|'dropped'} GoalStatus
 *
 * @typedef {Object} Goal
 * @property {string} id
 * @property {string} person_id
 * @property {string} title
 * @property {string} why
 * @property {string} measure
 * @property {string|null} target_on
 * @property {GoalStatus} status
 * @property {string} created_on
 * @property {string|null} closed_on
 *
 * @typedef {Object} Checkin
 * @property {string} id
 * @property {string} noted_on
 * @property {string} note
 * @property {number|null} progress
 * @property {string|null} one_on_one_id
 *
 * @typedef {Object} GoalDetail
 * @property {Goal} goal
 * @property {{checkin: Checkin, note_html: string}[]} checkins   newest first
 * @property {number|null} progress
 * @property {boolean} overdue
 *
 * @typedef {Object} TimelineItem
 * @property {number} cursor
 * @property {string} kind
 * @property {string} record_id
 * @property {string|null} parent_id
 * @property {string} date
 * @property {string} title
 * @property {string} summary
 * @property {string|null} status
 * @property {string|null} extra
 *
 * @typedef {Object} RangeCounts
 * @property {string} from
 * @property {string} to
 * @property {number} held
 * @property {number} expected
 * @property {number} cancelled
 * @property {number} reinforcing
 * @property {number} redirecting
 * @property {number} open_action_items
 * @property {number} open_conflicts
 * @property {number} active_goals
 * @property {number|null} average_mood
 *
 * @typedef {Object} SearchHit
 * @property {string} kind
 * @property {string} record_id
 * @property {string|null} parent_id
 * @property {string|null} person_id
 * @property {string} person_name
 * @property {string} date
 * @property {string} title
 * @property {string|null} status
 * @property {{text: string, hit: boolean}[]} snippet
 */

/** @param {string} personId @returns {Promise<GoalDetail[]>} */
export const listGoals = (personId) => call('list_goals', { person_id: personId });

/** @param {string} personId @param {{title: string, why?: string, measure?: string, target_on?: string|null}} input @returns {Promise<Goal>} */
export const createGoal = (personId, input) => call('create_goal', { person_id: personId, input });

/** @param {string} id @param {{title: string, why?: string, measure?: string, target_on?: string|null}} input @returns {Promise<Goal>} */
export const updateGoal = (id, input) => call('update_goal', { id, input });

/** @param {string} id @param {GoalStatus} status @returns {Promise<Goal>} */
export const setGoalStatus = (id, status) => call('set_goal_status', { id, status });

/** @param {string} id @returns {Promise<void>} */
export const deleteGoal = (id) => call('delete_goal', { id });

/**
 * @param {string} goalId
 * @param {{noted_on: string, note: string, progress?: number|null, one_on_one_id?: string|null}} input
 */
export const addGoalCheckin = (goalId, input) => call('add_goal_checkin', { goal_id: goalId, input });

/** @param {string} id @returns {Promise<void>} */
export const deleteGoalCheckin = (id) => call('delete_goal_checkin', { id });

/**
 * @param {string} personId
 * @param {{kinds?: string[], tag?: string|null, from?: string|null, to?: string|null, before?: number|null, limit?: number}} filter
 * @returns {Promise<{items: TimelineItem[], next_cursor: number|null}>}
 */
export const personTimeline = (personId, filter) => call('person_timeline', { person_id: personId, filter });

/**
 * @param {string} personId @param {string} from @param {string} to
 * @returns {Promise<{moods: {date: string, mood: number}[], counts: RangeCounts}>}
 */
export const historySummary = (personId, from, to) => call('history_summary', { person_id: personId, from, to });

/**
 * @param {{text: string, person_id?: string|null, kinds?: string[], from?: string|null, to?: string|null, limit?: number}} query
 * @returns {Promise<{hits: SearchHit[], truncated: boolean}>}
 */
export const searchJournal = (query) => call('search_journal', { query });

/**
 * Every kind of record with its labels: `one` names one record ("Goal
 * check-in"), `many` a group ("Goal check-ins"); `in_timeline` says whether a
 * person's timeline shows it.
 * @returns {Promise<{id: string, one: string, many: string, in_timeline: boolean}[]>}
 */
export const recordKinds = () => call('record_kinds');

// ---------- Reminders and settings ----------

/**
 * @typedef {'overdue'|'due'|'upcoming'} Level
 *
 * @typedef {Object} Reminder
 * @property {string} key          stable id of the cause, e.g. "feedback:<id>"
 * @property {string} kind         one_on_one, missed_one_on_one, scheduled_one_on_one, redirecting_feedback,
 *                                 reinforcing_feedback, quiet_conflict, my_action_item, their_action_item, goal
 * @property {Level} level
 * @property {{id: string, name: string}|null} person
 * @property {string} subject_id   the record to open
 * @property {string|null} title
 * @property {string} since
 * @property {string} due_on
 * @property {number} days
 * @property {string} reason       in words
 *
 * @typedef {Object} DueList
 * @property {string} today
 * @property {Reminder[]} reminders   most urgent first, snoozed ones left out
 * @property {{overdue: number, due: number, upcoming: number}} counts
 * @property {number} snoozed
 *
 * @typedef {Object} Settings
 * @property {number} overdue_factor
 * @property {number} stale_feedback_days
 * @property {number} quiet_conflict_days
 * @property {number} upcoming_days
 * @property {boolean} notifications_enabled
 * @property {number} backups_kept
 * @property {0|5|15|30|60} auto_lock_minutes   idle minutes before an encrypted journal locks; 0: never
 * @property {boolean} encryption_offered       the first-run passphrase question was answered
 */

/** @returns {Promise<DueList>} */
export const dueList = () => call('due_list');

/** @returns {Promise<{reminder: Reminder, until: string}[]>} */
export const snoozedReminders = () => call('snoozed_reminders');

/** @param {string} key @param {string} until YYYY-MM-DD */
export const snoozeReminder = (key, until) => call('snooze_reminder', { key, until });

/** @param {string} key @returns {Promise<void>} */
export const unsnoozeReminder = (key) => call('unsnooze_reminder', { key });

/** @returns {Promise<Settings>} */
export const getSettings = () => call('get_settings');

/** @param {Partial<Settings>} input @returns {Promise<Settings>} */
export const updateSettings = (input) => call('update_settings', { input });

// ---------- Your data: backups, export, import; prep and review ----------

/**
 * Files are chosen in native dialogs shown by the Rust side; these resolve
 * to null when the person cancels.
 */

/** @returns {Promise<{path: string, schema_version: number, counts: Record<string, number>}|null>} */
export const backupNow = () => call('backup_now');

/**
 * Restores one of the automatic backups by its file name (as listBackups
 * lists it), or one picked in a dialog (no name). Fails with code
 * `backup_locked` when the backup has a passphrase of its own: then call
 * restoreBackupUnlocked (or cancelRestore). Its steps go to `onProgress`;
 * cancelWork stops it (code `cancelled`, nothing changed).
 * @param {string|null} [file]
 * @param {(step: Step) => void} [onProgress]
 * @returns {Promise<Object|null>}
 */
export const restoreBackup = (file = null, onProgress) =>
  call('restore_backup', { file, on_progress: progressChannel(onProgress) });

/**
 * The backup restoreBackup kept, opened with its own passphrase or recovery key.
 * @param {string} passphrase
 * @param {(step: Step) => void} [onProgress]
 */
export const restoreBackupUnlocked = (passphrase, onProgress) =>
  call('restore_backup_unlocked', { passphrase, on_progress: progressChannel(onProgress) });

/** Stops the import or restore running now. @returns {Promise<boolean>} whether one was running */
export const cancelWork = () => call('cancel_work');

/** @returns {Promise<void>} */
export const cancelRestore = () => call('cancel_restore');

/**
 * A passphrase typed twice, to encrypt an exported file with (the age format).
 * @typedef {{passphrase: string, confirm: string}} ExportPassphrase
 */

/**
 * @param {'json'|'markdown'} format
 * @param {ExportPassphrase|null} [encrypt]  encrypted: one .json.age, or the Markdown as one .tar.age
 * @returns {Promise<{path: string}|null>}
 */
export const exportJournal = (format, encrypt = null) => call('export_journal', { format, encrypt });

/**
 * Picks a file and dry-runs it: what importing would add and update (the
 * check's steps go to `onProgress`).
 * @param {(step: Step) => void} [onProgress]
 * @returns {Promise<{dry_run: boolean, version: number, exported_at: string, kinds: {kind: string, added: number, updated: number, unchanged: number}[]}|null>}
 */
export const chooseImport = (onProgress) =>
  call('choose_import', { on_progress: progressChannel(onProgress) });

/**
 * After chooseImport failed with code `export_locked`: opens the encrypted
 * export with its passphrase and dry-runs it, as chooseImport does.
 * @param {string} passphrase
 * @param {(step: Step) => void} [onProgress]
 */
export const unlockImport = (passphrase, onProgress) =>
  call('unlock_import', { passphrase, on_progress: progressChannel(onProgress) });

/**
 * Imports the file chosen with chooseImport, all or nothing. Its steps go
 * to `onProgress`; cancelWork stops it (code `cancelled`, nothing written).
 * @param {(step: Step) => void} [onProgress]
 */
export const confirmImport = (onProgress) => call('confirm_import', { on_progress: progressChannel(onProgress) });

/** @returns {Promise<void>} */
export const cancelImport = () => call('cancel_import');

/** @returns {Promise<{folder: string, files: string[]}>} */
export const listBackups = () => call('list_backups');

/** @param {string} personId @returns {Promise<{markdown: string, html: string}>} */
export const prepSheet = (personId) => call('prep_sheet', { person_id: personId });

/** @param {string} personId @param {string} from @param {string} to @returns {Promise<{markdown: string, html: string}>} */
export const reviewPreview = (personId, from, to) => call('review_preview', { person_id: personId, from, to });

/**
 * @param {string} personId @param {string} from @param {string} to @param {'md'|'html'} format
 * @param {ExportPassphrase|null} [encrypt]
 * @returns {Promise<string|null>} the saved path
 */
export const saveReview = (personId, from, to, format, encrypt = null) =>
  call('save_review', { person_id: personId, from, to, format, encrypt });

/** Fills an empty journal with a made-up sample team. */
export const createSampleTeam = () => call('create_sample_team');

// ---------- The encrypted journal ----------

/**
 * Unlocks the journal with its passphrase or recovery key. A wrong one
 * fails with code `wrong_passphrase` (and `waitSeconds` before the next).
 * @param {string} secret
 */
export const unlockJournal = (secret) => call('unlock_journal', { secret });

/** Locks the journal: its key leaves memory until unlocked. */
export const lockJournal = () => call('lock_journal');

/**
 * Encrypts the journal under a new passphrase, typed twice.
 * @param {string} passphrase @param {string} confirm
 * @returns {Promise<{recovery_key: string}>} to show once
 */
export const enableEncryption = (passphrase, confirm) => call('enable_encryption', { passphrase, confirm });

/** Decrypts the journal back to a plain file. @param {string} passphrase */
export const disableEncryption = (passphrase) => call('disable_encryption', { passphrase });

/**
 * @param {string} current @param {string} passphrase @param {string} confirm
 * @returns {Promise<{recovery_key: string}>} the new recovery key, to show once
 */
export const changePassphrase = (current, passphrase, confirm) =>
  call('change_passphrase', { current, passphrase, confirm });
