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
