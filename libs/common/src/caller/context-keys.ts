/** Request-context keys of our own (the `iam:` prefix), set by the gateway from a session token. */
/** The session (`sid`) a signed-in user's request belongs to. */
export const SESSION_ID_CONTEXT_KEY = 'iam:SessionId';
/** `'true'` when the session's password must be reset: the session may only change it. */
export const PASSWORD_RESET_CONTEXT_KEY = 'iam:PasswordResetRequired';
