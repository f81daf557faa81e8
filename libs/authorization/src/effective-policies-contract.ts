/**
 * The contract between the policy service (which owns policies and assembles a principal's effective set) and the
 * authorizer of every service (which caches compiled sets): `GET /internal/effective-policies` on the policy
 * service.
 *
 * Request headers:
 * - `x-iam-caller`: the gateway-signed caller token the asking service received with the request it is
 *   authorizing, forwarded unchanged. The policy service verifies it (signature, expiry, kind `caller`, audience
 *   one of the subgraphs) and answers for that caller only: a service learns the policies of its own callers, and
 *   of no one else.
 * - `x-iam-consistency` (optional): a revision token (`@iam/common` `parseRevisionToken`); the answer then reflects
 *   at least that revision, or the request fails with 503 and code `ConsistencyTimeout` after a bound.
 *
 * Response 200 (JSON): {@link EffectivePolicies}. 401: the caller token is missing or invalid. 503: not fresh in time.
 */
export const EFFECTIVE_POLICIES_PATH = '/internal/effective-policies';

/** Header carrying a revision token, on GraphQL requests to the gateway and on the internal request. */
export const CONSISTENCY_HEADER = 'x-iam-consistency';

/** One policy document of a principal's effective set. */
export interface EffectivePolicyDocument {
  /**
   * Where it comes from: a managed policy's ARN (`arn:aws:iam::aws:policy/IAMReadOnlyAccess`,
   * `arn:aws:iam::111122223333:policy/eng/Deploy`), an inline policy (`<principal ARN>#inline/<policy name>`), or a
   * guardrail (`arn:aws:iam::<account>:guardrail/<name>`). Explanations and matched statements name it.
   */
  readonly id: string;
  /** The JSON text of the document (the default version for a managed policy). */
  readonly document: string;
}

/** A principal's effective policies in its account, as of `revision`. */
export interface EffectivePolicies {
  readonly accountId: string;
  readonly principalArn: string;
  /** The principal's unique id (`AIDA...`, `AROA...`) for `aws:userid`; null for the root. */
  readonly principalId: string | null;
  /** The account's permission revision (decimal) the answer reflects. */
  readonly revision: string;
  /** Inline and attached policies of the principal, and of its groups for a user. */
  readonly identityPolicies: readonly EffectivePolicyDocument[];
  readonly permissionsBoundary: EffectivePolicyDocument | null;
  /** The account's guardrails (SCP semantics; empty: none applies). */
  readonly guardrails: readonly EffectivePolicyDocument[];
  /** The principal's tags (`aws:PrincipalTag/<key>`), keys as stored. */
  readonly principalTags: Readonly<Record<string, string>>;
}
