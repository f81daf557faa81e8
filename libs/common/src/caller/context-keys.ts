/** Request-context keys of our own (the `iam:` prefix), set by the gateway from a session token. */
/** The session (`sid`) a signed-in user's request belongs to. */
export const SESSION_ID_CONTEXT_KEY = 'iam:SessionId';
/** `'true'` when the session's password must be reset: the session may only change it. */
export const PASSWORD_RESET_CONTEXT_KEY = 'iam:PasswordResetRequired';
/**
 * A revision token (see `parseRevisionToken`) the caller passed in the `X-Iam-Consistency` header: every authorization
 * of the request must see the account's permissions at least as fresh as that revision.
 */
export const CONSISTENCY_TOKEN_CONTEXT_KEY = 'iam:ConsistencyToken';
