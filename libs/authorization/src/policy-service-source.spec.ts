import { describe, expect, it } from 'vitest';
import type { AccountId, CallerContext } from '@iam/common';
import {
  AccessDeniedError,
  CONSISTENCY_TOKEN_CONTEXT_KEY,
  ServiceUnavailableError,
  eventRevisionToken,
  revisionToken,
} from '@iam/common';
import { Authorizer } from './authorizer.js';
import { bindCallerToken } from './caller-token.js';
import type { EffectivePolicies } from './effective-policies-contract.js';
import type { EffectivePoliciesRequest } from './policy-service-source.js';
import { PolicyServiceSource } from './policy-service-source.js';

const ACCOUNT = '111122223333' as AccountId;
const OTHER = '444455556666' as AccountId;
const ADMIN_DOC = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
});

function caller(
  name: string,
  context: Record<string, string> = {},
  accountId: AccountId = ACCOUNT,
): CallerContext {
  const c: CallerContext = {
    requestId: `req-${name}`,
    principalType: name === 'root' ? 'root' : 'user',
    principalArn:
      name === 'root' ? `arn:aws:iam::${accountId}:root` : `arn:aws:iam::${accountId}:user/${name}`,
    accountId,
    context,
  };
  bindCallerToken(c, `token-of-${name}`);
  return c;
}

function answer(
  c: CallerContext,
  revision: bigint,
  extra: Partial<EffectivePolicies> = {},
): EffectivePolicies {
  return {
    accountId: c.accountId!,
    principalArn: c.principalArn,
    principalId: c.principalType === 'root' ? null : 'AIDAEXAMPLE',
    revision: revision.toString(),
    identityPolicies: [{ id: 'arn:aws:iam::aws:policy/AdministratorAccess', document: ADMIN_DOC }],
    permissionsBoundary: null,
    guardrails: [],
    principalTags: {},
    ...extra,
  };
}

/** A policy service in memory: answers every caller at `revision`, records what it was asked. */
function fakeService() {
  const state = {
    revision: 1n,
    asked: [] as EffectivePoliciesRequest[],
    fail: null as Error | null,
    extra: {} as Partial<EffectivePolicies>,
    gate: null as Promise<void> | null,
  };
  const callers = new Map<string, CallerContext>();
  return {
    state,
    register(c: CallerContext) {
      callers.set(
        `token-of-${c.principalArn
          .split('/')
          .pop()!
          .replace(/^arn.*:root$/, 'root')}`,
        c,
      );
      return c;
    },
    fetch: async (request: EffectivePoliciesRequest): Promise<EffectivePolicies> => {
      state.asked.push(request);
      if (state.gate !== null) await state.gate;
      if (state.fail !== null) throw state.fail;
      const c = callers.get(request.callerToken);
      if (c === undefined) throw new Error('unknown token');
      return answer(c, state.revision, state.extra);
    },
  };
}

function setup(options: { maxEntries?: number; maxAgeMs?: number } = {}) {
  const service = fakeService();
  let now = 0;
  const source = new PolicyServiceSource({
    fetch: service.fetch,
    now: () => now,
    ...options,
  });
  return {
    service,
    source,
    authorizer: new Authorizer(source),
    advance: (ms: number) => (now += ms),
  };
}

describe(PolicyServiceSource.name, () => {
  it('asks once per (principal, resource account), then serves from the cache', async () => {
    const { service, source, authorizer } = setup();
    const ana = service.register(caller('ana'));
    await authorizer.require(ana, 'iam:ListUsers', `arn:aws:iam::${ACCOUNT}:user/*`, ACCOUNT);
    await authorizer.require(ana, 'iam:CreateUser', `arn:aws:iam::${ACCOUNT}:user/x`, ACCOUNT);
    expect(service.state.asked).toEqual([{ callerToken: 'token-of-ana', consistencyToken: null }]);
    expect(source.metrics).toMatchObject({ misses: 1, hits: 1 });
    // Another resource account is another entry (the engine's cross-account rule is compiled in): denied.
    await expect(
      authorizer.require(ana, 'iam:ListUsers', `arn:aws:iam::${OTHER}:user/*`, OTHER),
    ).rejects.toBeInstanceOf(AccessDeniedError);
    expect(service.state.asked).toHaveLength(2);
  });

  it('drops every entry of an account on invalidation, and only of that account', async () => {
    const { service, source } = setup();
    const ana = service.register(caller('ana'));
    const bob = service.register(caller('bob', {}, OTHER));
    await source.policiesFor(ana, ACCOUNT);
    await source.policiesFor(bob, OTHER);
    source.invalidateAccount(ACCOUNT);
    expect(source.metrics.invalidations).toBe(1);
    await source.policiesFor(ana, ACCOUNT);
    await source.policiesFor(bob, OTHER);
    expect(service.state.asked.map((r) => r.callerToken)).toEqual([
      'token-of-ana',
      'token-of-bob',
      'token-of-ana',
    ]);
  });

  it('does not cache an answer fetched while an invalidation of its account arrived', async () => {
    const { service, source } = setup();
    const ana = service.register(caller('ana'));
    let release!: () => void;
    service.state.gate = new Promise((resolve) => (release = resolve));
    const pending = source.policiesFor(ana, ACCOUNT);
    source.invalidateAccount(ACCOUNT);
    release();
    await pending;
    service.state.gate = null;
    await source.policiesFor(ana, ACCOUNT);
    expect(service.state.asked).toHaveLength(2);
  });

  it('refetches an entry older than the max age (staleness bound without events)', async () => {
    const { service, source, advance } = setup({ maxAgeMs: 30_000 });
    const ana = service.register(caller('ana'));
    await source.policiesFor(ana, ACCOUNT);
    advance(29_999);
    await source.policiesFor(ana, ACCOUNT);
    expect(service.state.asked).toHaveLength(1);
    advance(1);
    await source.policiesFor(ana, ACCOUNT);
    expect(service.state.asked).toHaveLength(2);
  });

  it('keeps a set fetched right after an identity-sourced invalidation only until it settles', async () => {
    const { service, source, advance } = setup({ maxAgeMs: 30_000 });
    const ana = service.register(caller('ana'));
    source.invalidateAccount(ACCOUNT, 1_000);
    await source.policiesFor(ana, ACCOUNT);
    advance(999);
    await source.policiesFor(ana, ACCOUNT);
    expect(service.state.asked).toHaveLength(1);
    advance(1);
    await source.policiesFor(ana, ACCOUNT);
    expect(service.state.asked).toHaveLength(2);
    // Settled: the next set lives for the max age again.
    advance(29_999);
    await source.policiesFor(ana, ACCOUNT);
    expect(service.state.asked).toHaveLength(2);
  });

  it('bypasses the cache for a newer revision token or any event token, and refreshes it', async () => {
    const { service, source } = setup();
    service.state.revision = 5n;
    const plain = service.register(caller('ana'));
    await source.policiesFor(plain, ACCOUNT);
    // Not newer than the cached revision: a hit. Another account's token: a hit.
    for (const token of [revisionToken(ACCOUNT, 5n), revisionToken(OTHER, 99n)]) {
      const c = service.register(caller('ana', { [CONSISTENCY_TOKEN_CONTEXT_KEY]: token }));
      await source.policiesFor(c, ACCOUNT);
    }
    expect(service.state.asked).toHaveLength(1);
    // Newer: asked with the token; the answer (revision 6) refreshes the entry.
    service.state.revision = 6n;
    const newer = revisionToken(ACCOUNT, 6n);
    await source.policiesFor(
      service.register(caller('ana', { [CONSISTENCY_TOKEN_CONTEXT_KEY]: newer })),
      ACCOUNT,
    );
    expect(service.state.asked[1]).toEqual({
      callerToken: 'token-of-ana',
      consistencyToken: newer,
    });
    await source.policiesFor(service.register(caller('ana')), ACCOUNT);
    expect(service.state.asked).toHaveLength(2);
    // An event token: its revision is unknown here, always asked.
    const event = eventRevisionToken(ACCOUNT, '3f0c6f5e-8d1b-4a55-9a0e-6c1f1d2b3c4d');
    await source.policiesFor(
      service.register(caller('ana', { [CONSISTENCY_TOKEN_CONTEXT_KEY]: event })),
      ACCOUNT,
    );
    expect(service.state.asked[2]).toEqual({
      callerToken: 'token-of-ana',
      consistencyToken: event,
    });
    expect(source.metrics.bypasses).toBe(2);
  });

  it('shares one fetch between concurrent misses of the same key', async () => {
    const { service, source } = setup();
    let release!: () => void;
    service.state.gate = new Promise((resolve) => (release = resolve));
    const callers = Array.from({ length: 50 }, () => service.register(caller('ana')));
    const pending = Promise.all(callers.map((c) => source.policiesFor(c, ACCOUNT)));
    release();
    const sets = await pending;
    expect(service.state.asked).toHaveLength(1);
    expect(new Set(sets).size).toBe(1);
    expect(source.metrics).toMatchObject({ misses: 50, coalesced: 49 });
  });

  it('fails closed with a retryable ServiceUnavailable, and caches no failure', async () => {
    const { service, source, authorizer } = setup();
    const ana = service.register(caller('ana'));
    service.state.fail = new Error('connection refused');
    await expect(authorizer.require(ana, 'iam:ListUsers', '*', ACCOUNT)).rejects.toBeInstanceOf(
      ServiceUnavailableError,
    );
    expect(source.metrics.fetchFailures).toBe(1);
    service.state.fail = null;
    await authorizer.require(ana, 'iam:ListUsers', '*', ACCOUNT);
    // An answer about someone else, or an unreadable one, is a failure too.
    service.state.extra = { principalArn: `arn:aws:iam::${ACCOUNT}:user/mallory` };
    const bob = service.register(caller('bob'));
    await expect(source.policiesFor(bob, ACCOUNT)).rejects.toBeInstanceOf(ServiceUnavailableError);
    service.state.extra = { identityPolicies: [{ id: 'x', document: '{not json' }] };
    await expect(source.policiesFor(bob, ACCOUNT)).rejects.toBeInstanceOf(ServiceUnavailableError);
  });

  it('refuses a caller without a verified token (nothing to forward) and never asks', async () => {
    const { service, source } = setup();
    const unbound: CallerContext = { ...caller('ana') };
    await expect(source.policiesFor(unbound, ACCOUNT)).rejects.toBeInstanceOf(
      ServiceUnavailableError,
    );
    expect(service.state.asked).toHaveLength(0);
  });

  it('keeps the platform administrator local: no fetch, administrator everywhere', async () => {
    const { service, authorizer } = setup();
    const admin: CallerContext = {
      requestId: 'r',
      principalType: 'platform-admin',
      principalArn: 'arn:aws:iam::platform:admin',
      accountId: null,
      context: {},
    };
    await authorizer.require(admin, 'iam:CreateUser', `arn:aws:iam::${ACCOUNT}:user/x`, ACCOUNT);
    await authorizer.require(admin, 'iam:ValidatePolicy', '*', undefined);
    expect(service.state.asked).toHaveLength(0);
  });

  it("caps the root with the account's guardrails as the policy service answers them", async () => {
    const { service, authorizer } = setup();
    service.state.extra = {
      guardrails: [
        {
          id: `arn:aws:iam::${ACCOUNT}:guardrail/no-delete`,
          document: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Action: '*', Resource: '*' },
              { Effect: 'Deny', Action: 'iam:DeleteUser', Resource: '*' },
            ],
          }),
        },
      ],
    };
    const root = service.register(caller('root'));
    await authorizer.require(root, 'iam:CreateUser', `arn:aws:iam::${ACCOUNT}:user/x`, ACCOUNT);
    await expect(
      authorizer.require(root, 'iam:DeleteUser', `arn:aws:iam::${ACCOUNT}:user/x`, ACCOUNT),
    ).rejects.toBeInstanceOf(AccessDeniedError);
  });

  it('fills aws:PrincipalTag/* and aws:userid from the answer, over anything the caller context says', async () => {
    const { service, authorizer } = setup();
    service.state.extra = {
      principalTags: { team: 'blue' },
      identityPolicies: [
        {
          id: 'tagged',
          document: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: 'iam:GetUser',
                Resource: '*',
                Condition: {
                  StringEquals: { 'aws:PrincipalTag/team': 'blue', 'aws:userid': 'AIDAEXAMPLE' },
                },
              },
            ],
          }),
        },
      ],
    };
    const ana = service.register(caller('ana', { 'aws:PrincipalTag/team': 'red' }));
    await authorizer.require(ana, 'iam:GetUser', '*', ACCOUNT);
    service.state.extra = { ...service.state.extra, principalTags: { team: 'red' } };
    const bob = service.register(caller('bob', { 'aws:PrincipalTag/team': 'blue' }));
    await expect(authorizer.require(bob, 'iam:GetUser', '*', ACCOUNT)).rejects.toBeInstanceOf(
      AccessDeniedError,
    );
  });

  it('keeps at most maxEntries sets, evicting the least recently used', async () => {
    const { service, source } = setup({ maxEntries: 2 });
    const [a, b, c] = ['a', 'b', 'c'].map((n) => service.register(caller(n)));
    await source.policiesFor(a!, ACCOUNT);
    await source.policiesFor(b!, ACCOUNT);
    await source.policiesFor(a!, ACCOUNT); // a is now the most recent
    await source.policiesFor(c!, ACCOUNT); // evicts b
    expect(source.size).toBe(2);
    await source.policiesFor(a!, ACCOUNT);
    expect(service.state.asked).toHaveLength(3);
    await source.policiesFor(b!, ACCOUNT);
    expect(service.state.asked).toHaveLength(4);
    expect(source.metrics.evictions).toBe(2);
  });
});
