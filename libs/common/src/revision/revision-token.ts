import type { AccountId } from '../ids/account-id.js';
import { isAccountId } from '../ids/account-id.js';
import { InvalidInputError } from '../errors/common-errors.js';

/**
 * Read-your-writes across services. Every mutation that changes anyone's effective permissions returns a revision
 * token; a decision asked with `consistency: { atLeastAsFreshAs: token }` (or the `X-Iam-Consistency` header)
 * answers only once its view of the account includes that change.
 *
 * Two kinds, one opaque format (`rv1.<base64url JSON>`):
 * - `revision`: a change made by the policy service, which numbers its changes per account (`account_settings.revision`);
 *   a view is fresh enough when its revision is at least this one.
 * - `event`: a change made elsewhere (identity: group membership, tags, deletion) that reaches the policy service as
 *   the event `eventId`; a view is fresh enough once that event has been applied.
 *
 * The token is not secret and not signed: a forged one can only make its own request wait (bounded) or fail.
 */
export type RevisionToken =
  | { readonly kind: 'revision'; readonly accountId: AccountId; readonly revision: bigint }
  | { readonly kind: 'event'; readonly accountId: AccountId; readonly eventId: string };

const PREFIX = 'rv1.';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Tokens are short; anything longer is refused unread. */
const MAX_TOKEN_LENGTH = 256;

/** The token for a policy-service change that brought `accountId` to `revision`. */
export function revisionToken(accountId: AccountId, revision: bigint): string {
  return encode({ a: accountId, r: revision.toString() });
}

/** The token for a change made outside the policy service, published as event `eventId`. */
export function eventRevisionToken(accountId: AccountId, eventId: string): string {
  return encode({ a: accountId, e: eventId });
}

function encode(body: Record<string, string>): string {
  return PREFIX + Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

/** Reads a token; `InvalidInput` (naming no internal detail) when it is not one this suite issued. */
export function parseRevisionToken(token: string): RevisionToken {
  const invalid = () => new InvalidInputError('the consistency token is not a revision token');
  if (token.length > MAX_TOKEN_LENGTH || !token.startsWith(PREFIX)) throw invalid();
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(token.slice(PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid();
  const { a, r, e } = body as Record<string, unknown>;
  if (!isAccountId(a)) throw invalid();
  if (typeof r === 'string' && e === undefined && /^(0|[1-9][0-9]{0,18})$/.test(r)) {
    return { kind: 'revision', accountId: a, revision: BigInt(r) };
  }
  if (typeof e === 'string' && r === undefined && UUID.test(e)) {
    return { kind: 'event', accountId: a, eventId: e.toLowerCase() };
  }
  throw invalid();
}
