/** A request context value: a single string or a multivalued key. */
export type ContextValue = string | readonly string[];

/**
 * The complete request context of one call. Nothing is derived from the principal: `${aws:username}`,
 * `aws:PrincipalTag/...`, `aws:CurrentTime` and every other key come from `context` (looked up case-insensitively).
 */
export interface AuthorizationRequest {
  /** ARN of the caller, e.g. `arn:aws:iam::111122223333:user/alice` or `arn:aws:sts::111122223333:assumed-role/R/S`. */
  readonly principal: string;
  /** `service:Action`, matched case-insensitively. */
  readonly action: string;
  /** Resource ARN (or `*`), matched case-sensitively. */
  readonly resource: string;
  readonly context: Readonly<Record<string, ContextValue>>;
}
