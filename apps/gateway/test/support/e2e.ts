import { execFileSync } from 'node:child_process';
import { expect } from 'vitest';
import type { Suite } from '@iam/testing';

// What the end-to-end tests through the gateway share: reading answers, the independent TOTP generator, and the
// platform administrator's set-up calls.

/** An answer of the gateway, as `Suite.graphql` gives it. */
export type Answer = Awaited<ReturnType<Suite['graphql']>>;

const SESSION = `fragment S on SessionPayload { sessionToken expiresAt refreshToken refreshExpiresAt passwordResetRequired }`;
/** Anonymous sign-in, answering the whole session payload. */
export const SIGN_IN = `mutation ($input: SignInInput!) { signIn(input: $input) { ...S } } ${SESSION}`;
/** A refresh-token exchange, answering the whole session payload. */
export const REFRESH = `mutation ($input: RefreshSessionInput!) { refreshSession(input: $input) { ...S } } ${SESSION}`;
const AUDIT_EVENTS = `query ($accountId: ID!) { auditEvents(accountId: $accountId, maxItems: 1000) { events { eventType payload } } }`;
const CREATE_ACCOUNT = `mutation ($input: CreateAccountInput!) { createAccount(input: $input) { account { accountId } } }`;
const CREATE_USER = `mutation ($input: CreateUserInput!) { createUser(input: $input) { user { userId } } }`;
const CREATE_PROFILE = `mutation ($input: CreateLoginProfileInput!) { createLoginProfile(input: $input) { loginProfile { userName } } }`;

/** The session fields of {@link SIGN_IN} and {@link REFRESH} the tests read. */
export interface SessionPayload {
  sessionToken: string;
  refreshToken: string;
  passwordResetRequired: boolean;
}

/** The AWS error code of the answer's first error. */
export function codeOf(answer: Answer): unknown {
  return answer.errors?.[0]?.extensions?.['code'];
}

/** The details of the answer's first error. */
export function detailsOf(answer: Answer): Record<string, unknown> | undefined {
  return answer.errors?.[0]?.extensions?.['details'] as Record<string, unknown> | undefined;
}

/** The TOTP code of `seed` for the 30-second step that holds `at`, computed by oathtool. */
export function oathtool(seed: string, at: Date): string {
  try {
    return execFileSync(
      'oathtool',
      ['--totp', '--base32', `--now=${at.toISOString().replace('T', ' ').slice(0, 19)} UTC`, seed],
      { encoding: 'utf8' },
    ).trim();
  } catch (error) {
    throw new Error(
      `oathtool (the independent RFC 6238 generator) is needed: apt-get install oathtool (${String(error)})`,
    );
  }
}

/** The claims of a JWT (read, not verified). */
export function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

/** Creates an account as the platform administrator (with `alias` if given) and answers its id. */
export async function createAccount(suite: Suite, alias?: string): Promise<string> {
  const created = await suite.graphql<{ createAccount: { account: { accountId: string } } }>(
    CREATE_ACCOUNT,
    { input: alias === undefined ? {} : { alias } },
  );
  expect(created.errors).toBeUndefined();
  return created.data!.createAccount.account.accountId;
}

/** Creates `userName` in `accountId` with a login profile of `password`, as the platform administrator. */
export async function createUserWithPassword(
  suite: Suite,
  accountId: string,
  userName: string,
  password: string,
  passwordResetRequired = false,
): Promise<void> {
  for (const [query, input] of [
    [CREATE_USER, { accountId, userName }],
    [CREATE_PROFILE, { accountId, userName, password, passwordResetRequired }],
  ] as const) {
    expect((await suite.graphql(query, { input })).errors).toBeUndefined();
  }
}

/**
 * The platform administrator's calls in a tenant account it names (`accountId` in the input; default the suite's
 * current account): `op` answers, `ok` expects no error and answers the data. The getters are read at each call,
 * after the suite's `beforeAll` has set them.
 */
export function tenantAdmin(suite: () => Suite, defaultAccount: () => string) {
  async function op<T = Record<string, unknown>>(
    query: string,
    input: Record<string, unknown>,
    account = defaultAccount(),
  ) {
    return suite().graphql<T>(query, { input: { accountId: account, ...input } });
  }
  async function ok<T = Record<string, unknown>>(
    query: string,
    input: Record<string, unknown>,
    account = defaultAccount(),
  ): Promise<T> {
    const answer = await op<T>(query, input, account);
    expect(answer.errors).toBeUndefined();
    return answer.data!;
  }
  return { op, ok };
}

/** An event of the audit trail, as `auditEvents` lists it. */
export interface AuditEvent {
  eventType: string;
  payload: Record<string, unknown>;
}

/** The audit trail of `accountId` (its first 1000 events), read by the platform administrator without error. */
export async function auditEventsOf(suite: Suite, accountId: string): Promise<AuditEvent[]> {
  const audit = await suite.graphql<{ auditEvents: { events: AuditEvent[] } }>(AUDIT_EVENTS, {
    accountId,
  });
  expect(audit.errors).toBeUndefined();
  return audit.data!.auditEvents.events;
}
