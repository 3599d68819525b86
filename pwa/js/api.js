// GraphQL over fetch. Errors become ApiError with the server's code
// (UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, BAD_USER_INPUT + field, CONFLICT,
// RATE_LIMITED + retryAfterSeconds, INTERNAL_SERVER_ERROR) or NETWORK when
// the server could not be reached.

export class ApiError extends Error {
  constructor(code, message, extra = {}) {
    super(message || code);
    this.code = code;
    this.field = extra.field || null;
    this.retryAfter = extra.retryAfterSeconds || null;
    // Why a sign-in needs more (OTP_REQUIRED, OTP_INVALID, MFA_ENROLMENT_REQUIRED).
    this.reason = extra.reason || null;
  }
  get offline() {
    return this.code === 'NETWORK';
  }
}

let token = null;
let onUnauthenticated = () => {};

export function setToken(t) {
  token = t;
}

/** Called when a signed-in request is answered UNAUTHENTICATED (token expired or revoked). */
export function setUnauthenticatedHandler(fn) {
  onUnauthenticated = fn;
}

export async function gql(query, variables = {}, { signal } = {}) {
  let res;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: 'Bearer ' + token } : {}),
      },
      body: JSON.stringify({ query, variables }),
      cache: 'no-store',
      signal,
    });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError('NETWORK');
  }
  let body;
  try {
    body = await res.json();
  } catch {
    throw new ApiError(res.status >= 500 || res.status === 0 ? 'NETWORK' : 'INTERNAL_SERVER_ERROR');
  }
  if (body.errors && body.errors.length) {
    const e = body.errors[0];
    const ext = e.extensions || {};
    const err = new ApiError(ext.code || 'INTERNAL_SERVER_ERROR', e.message, ext);
    if (err.code === 'UNAUTHENTICATED' && token) onUnauthenticated();
    throw err;
  }
  return body.data;
}
