// GraphQL over fetch. Errors become ApiError with the server's code
// (UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, BAD_USER_INPUT + field, CONFLICT,
// RATE_LIMITED + retryAfterSeconds, INTERNAL_SERVER_ERROR) or NETWORK when
// the server could not be reached.
import { getSession, sessionLost } from './store.js';
import { getLocale } from './i18n.js';
import './operations.js';

export class ApiError extends Error {
  constructor(code, message, extra = {}) {
    super(message || code);
    this.code = code;
    this.field = extra.field || null;
    this.retryAfter = extra.retryAfterSeconds || null;
    // The server's reason key (api/domain/common/messages.py: OTP_REQUIRED,
    // PHONE_FORMAT …) and its figures; `message` is already in the user's language.
    this.reason = extra.reason || null;
    this.params = extra.params || null;
  }
  get offline() {
    return this.code === 'NETWORK';
  }
}

const C = globalThis.SifasuoCore;

/** Every operation the app sends (operations.js). */
export const OPS = globalThis.SifasuoOps;

/** One GraphQL request with the session's token (C.graphql is the one fetch of /graphql). */
export async function gql(query, variables = {}, { signal } = {}) {
  const token = getSession()?.token || null;
  let res, body;
  try {
    ({ res, body } = await C.graphql(query, variables, { token, signal, lang: getLocale() }));
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError('NETWORK');
  }
  if (!body) throw new ApiError(res.status >= 500 || res.status === 0 ? 'NETWORK' : 'INTERNAL_SERVER_ERROR');
  if (body.errors && body.errors.length) {
    const e = body.errors[0];
    const ext = e.extensions || {};
    const err = new ApiError(ext.code || 'INTERNAL_SERVER_ERROR', e.message, ext);
    if (err.code === 'UNAUTHENTICATED' && token) sessionLost();
    throw err;
  }
  return body.data;
}
