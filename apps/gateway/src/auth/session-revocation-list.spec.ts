import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CALLER_TOKEN_CLOCK_SKEW_SECONDS,
  CALLER_TOKEN_TTL_SECONDS,
  INTERNAL_REQUEST_HEADER,
  verifyInternalRequest,
} from '@iam/service-kit';
import {
  RevocationListUnavailableError,
  SESSION_REVOCATIONS_AUDIENCE,
  SessionRevocationList,
} from './session-revocation-list.js';
import type { SessionRevocationListOptions } from './session-revocation-list.js';

const { privateKey: KEY, publicKey: PUBLIC_KEY } = generateKeyPairSync('ed25519');
const URL_ = 'http://identity.test/internal/session-revocations';

/**
 * Every fixture time is an offset from this instant, and every list reads time from a clock injected at it: the
 * tests do not depend on the day they run.
 */
const T0 = Date.parse('2026-11-29T10:00:00.000Z');
/** The instant `offsetMs` after {@link T0}, as the ISO string identity answers. */
const at = (offsetMs: number) => new Date(T0 + offsetMs).toISOString();
const SECOND = 1_000;
const MINUTE = 60 * SECOND;

interface Entry {
  sessionId: string;
  tokensValidUntil: string;
  recordedAt: string;
}

/** A fake identity endpoint: answers pages of the entries recorded after `since`, recording each request. */
function fakeIdentity(pageSize = 100) {
  const state = {
    entries: [] as Entry[],
    requests: [] as { since: string; token: string | null }[],
    failing: false,
    asOf: at(0),
  };
  const fetchFn: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers = new Headers(init?.headers);
    const since = url.searchParams.get('since') ?? '';
    state.requests.push({ since, token: headers.get(INTERNAL_REQUEST_HEADER) });
    if (state.failing) return Promise.reject(new Error('connect ECONNREFUSED'));
    const after = state.entries.filter((e) => e.recordedAt > since);
    return Promise.resolve(
      Response.json({
        asOf: state.asOf,
        truncated: after.length > pageSize,
        revocations: after.slice(0, pageSize),
      }),
    );
  };
  return { state, fetchFn };
}

const entry = (sessionId: string, recordedAt: string, validUntil = at(15 * MINUTE)) => ({
  sessionId,
  recordedAt,
  tokensValidUntil: validUntil,
});

/** A list reading the fake endpoint's `fetchFn`, signing with KEY, at the time `now` gives; `options` as needed. */
function listOn(
  fetchFn: typeof fetch,
  now: () => number,
  options: Partial<SessionRevocationListOptions> = {},
): SessionRevocationList {
  return new SessionRevocationList({ url: URL_, signingKey: KEY, fetch: fetchFn, now, ...options });
}

describe(SessionRevocationList.name, () => {
  let list: SessionRevocationList | undefined;
  afterEach(() => {
    list?.stop();
    vi.useRealTimers();
  });

  it('reads the whole list at first use with a gateway-signed request, then answers from memory', async () => {
    const { state, fetchFn } = fakeIdentity();
    state.entries = [entry('s-1', at(-MINUTE))];
    let clock = T0;
    list = listOn(fetchFn, () => clock, { pollIntervalMs: 60_000 });
    expect(await list.isRevoked('s-1')).toBe(true);
    expect(await list.isRevoked('s-2')).toBe(false);
    expect(state.requests).toHaveLength(1);
    expect(state.requests[0]!.since).toBe(new Date(0).toISOString());
    expect(
      verifyInternalRequest(
        state.requests[0]!.token ?? undefined,
        SESSION_REVOCATIONS_AUDIENCE,
        PUBLIC_KEY,
        Math.floor(clock / 1000),
      ),
    ).toMatchObject({ requestId: expect.any(String) });
    // Signed at the injected clock's time: expired a caller token lifetime later by that clock.
    expect(() =>
      verifyInternalRequest(
        state.requests[0]!.token ?? undefined,
        SESSION_REVOCATIONS_AUDIENCE,
        PUBLIC_KEY,
        Math.floor(clock / 1000) + CALLER_TOKEN_TTL_SECONDS + CALLER_TOKEN_CLOCK_SKEW_SECONDS + 1,
      ),
    ).toThrow(/expired/);
    clock += 5_000;
    expect(await list.isRevoked('s-1')).toBe(true);
    expect(state.requests).toHaveLength(1);
  });

  it('follows the list incrementally from the last read, looking back by the overlap', async () => {
    const { state, fetchFn } = fakeIdentity();
    let clock = T0;
    list = listOn(fetchFn, () => clock, {
      pollIntervalMs: 60_000,
      maxStalenessMs: 1_000,
      overlapMs: 30_000,
    });
    expect(await list.isRevoked('s-9')).toBe(false);
    // Committed late: recorded before the previous asOf, visible only now; the overlap still finds it.
    state.entries.push(entry('s-9', at(-10 * SECOND)));
    state.asOf = at(2 * SECOND);
    clock += 2_000; // stale: the next check reads again
    expect(await list.isRevoked('s-9')).toBe(true);
    expect(state.requests.at(-1)!.since).toBe(at(-30 * SECOND));
  });

  it('reads every page when the list is truncated', async () => {
    const { state, fetchFn } = fakeIdentity(2);
    state.entries = ['a', 'b', 'c', 'd', 'e'].map((id, i) => entry(id, at((i - 10) * MINUTE)));
    list = listOn(fetchFn, () => T0);
    expect(await list.isRevoked('e')).toBe(true);
    expect(list.size).toBe(5);
    expect(state.requests.map((r) => r.since)).toEqual([
      new Date(0).toISOString(),
      at(-9 * MINUTE),
      at(-7 * MINUTE),
    ]);
  });

  it('forgets entries whose tokens have expired (plus the grace)', async () => {
    const { state, fetchFn } = fakeIdentity();
    state.entries = [
      entry('old', at(-20 * MINUTE), at(-5 * MINUTE)),
      entry('new', at(-MINUTE), at(14 * MINUTE)),
    ];
    list = listOn(fetchFn, () => T0, { retentionGraceMs: 60_000 });
    expect(await list.isRevoked('new')).toBe(true);
    expect(await list.isRevoked('old')).toBe(false);
    expect(list.size).toBe(1);
  });

  it('fails closed when the list is stale and cannot be read, and recovers when it can', async () => {
    const { state, fetchFn } = fakeIdentity();
    state.entries = [entry('s-1', at(-MINUTE))];
    let clock = T0;
    list = listOn(fetchFn, () => clock, { pollIntervalMs: 60_000, maxStalenessMs: 10_000 });
    state.failing = true;
    await expect(list.isRevoked('s-2')).rejects.toBeInstanceOf(RevocationListUnavailableError);
    state.failing = false;
    expect(await list.isRevoked('s-2')).toBe(false);
    // Fresh enough: an outage is not noticed until the list is older than maxStaleness.
    state.failing = true;
    clock += 9_000;
    expect(await list.isRevoked('s-1')).toBe(true);
    clock += 2_000;
    await expect(list.isRevoked('s-1')).rejects.toThrow(/unavailable: connect ECONNREFUSED/);
  });

  it('polls in the background once in use, so a revocation takes effect without a request waiting, until stopped', async () => {
    // Timers are faked and the list is never stale, so every read after the first is a background poll, and the
    // count of reads proves when polling runs and that it stopped.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { state, fetchFn } = fakeIdentity();
    const clock = T0;
    list = listOn(fetchFn, () => clock, { pollIntervalMs: SECOND, maxStalenessMs: 60 * MINUTE });
    expect(await list.isRevoked('late')).toBe(false);
    expect(state.requests).toHaveLength(1);
    state.entries.push(entry('late', at(SECOND)));
    await vi.advanceTimersByTimeAsync(SECOND);
    expect(state.requests).toHaveLength(2);
    expect(await list.isRevoked('late')).toBe(true);
    await vi.advanceTimersByTimeAsync(SECOND);
    expect(state.requests).toHaveLength(3);

    list.stop();
    await vi.advanceTimersByTimeAsync(10 * SECOND);
    expect(state.requests).toHaveLength(3);
    expect(vi.getTimerCount()).toBe(0);
  });
});
