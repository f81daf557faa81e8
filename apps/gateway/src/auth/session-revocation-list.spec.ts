import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { INTERNAL_REQUEST_HEADER, verifyInternalRequest } from '@iam/service-kit';
import {
  RevocationListUnavailableError,
  SESSION_REVOCATIONS_AUDIENCE,
  SessionRevocationList,
} from './session-revocation-list.js';

const { privateKey: KEY, publicKey: PUBLIC_KEY } = generateKeyPairSync('ed25519');
const URL_ = 'http://identity.test/internal/session-revocations';

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
    asOf: '2026-11-29T10:00:00.000Z',
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

const entry = (sessionId: string, recordedAt: string, validUntil = '2026-11-29T10:15:00.000Z') => ({
  sessionId,
  recordedAt,
  tokensValidUntil: validUntil,
});

describe(SessionRevocationList.name, () => {
  let list: SessionRevocationList | undefined;
  afterEach(() => list?.stop());

  it('reads the whole list at first use with a gateway-signed request, then answers from memory', async () => {
    const { state, fetchFn } = fakeIdentity();
    state.entries = [entry('s-1', '2026-11-29T09:59:00.000Z')];
    let clock = Date.parse('2026-11-29T10:00:00.000Z');
    list = new SessionRevocationList({
      url: URL_,
      signingKey: KEY,
      fetch: fetchFn,
      now: () => clock,
      pollIntervalMs: 60_000,
    });
    expect(await list.isRevoked('s-1')).toBe(true);
    expect(await list.isRevoked('s-2')).toBe(false);
    expect(state.requests).toHaveLength(1);
    expect(state.requests[0]!.since).toBe(new Date(0).toISOString());
    expect(
      verifyInternalRequest(
        state.requests[0]!.token ?? undefined,
        SESSION_REVOCATIONS_AUDIENCE,
        PUBLIC_KEY,
        Math.floor(Date.now() / 1000),
      ),
    ).toMatchObject({ requestId: expect.any(String) });
    clock += 5_000;
    expect(await list.isRevoked('s-1')).toBe(true);
    expect(state.requests).toHaveLength(1);
  });

  it('follows the list incrementally from the last read, looking back by the overlap', async () => {
    const { state, fetchFn } = fakeIdentity();
    let clock = Date.parse('2026-11-29T10:00:00.000Z');
    list = new SessionRevocationList({
      url: URL_,
      signingKey: KEY,
      fetch: fetchFn,
      now: () => clock,
      pollIntervalMs: 60_000,
      maxStalenessMs: 1_000,
      overlapMs: 30_000,
    });
    expect(await list.isRevoked('s-9')).toBe(false);
    // Committed late: recorded before the previous asOf, visible only now; the overlap still finds it.
    state.entries.push(entry('s-9', '2026-11-29T09:59:50.000Z'));
    state.asOf = '2026-11-29T10:00:02.000Z';
    clock += 2_000; // stale: the next check reads again
    expect(await list.isRevoked('s-9')).toBe(true);
    expect(state.requests.at(-1)!.since).toBe('2026-11-29T09:59:30.000Z');
  });

  it('reads every page when the list is truncated', async () => {
    const { state, fetchFn } = fakeIdentity(2);
    state.entries = ['a', 'b', 'c', 'd', 'e'].map((id, i) =>
      entry(id, `2026-11-29T09:5${i}:00.000Z`),
    );
    list = new SessionRevocationList({ url: URL_, signingKey: KEY, fetch: fetchFn });
    expect(await list.isRevoked('e')).toBe(true);
    expect(list.size).toBe(5);
    expect(state.requests.map((r) => r.since)).toEqual([
      new Date(0).toISOString(),
      '2026-11-29T09:51:00.000Z',
      '2026-11-29T09:53:00.000Z',
    ]);
  });

  it('forgets entries whose tokens have expired (plus the grace)', async () => {
    const { state, fetchFn } = fakeIdentity();
    state.entries = [
      entry('old', '2026-11-29T09:40:00.000Z', '2026-11-29T09:55:00.000Z'),
      entry('new', '2026-11-29T09:59:00.000Z', '2026-11-29T10:14:00.000Z'),
    ];
    list = new SessionRevocationList({
      url: URL_,
      signingKey: KEY,
      fetch: fetchFn,
      now: () => Date.parse('2026-11-29T10:00:00.000Z'),
      retentionGraceMs: 60_000,
    });
    expect(await list.isRevoked('new')).toBe(true);
    expect(await list.isRevoked('old')).toBe(false);
    expect(list.size).toBe(1);
  });

  it('fails closed when the list is stale and cannot be read, and recovers when it can', async () => {
    const { state, fetchFn } = fakeIdentity();
    state.entries = [entry('s-1', '2026-11-29T09:59:00.000Z')];
    let clock = Date.parse('2026-11-29T10:00:00.000Z');
    list = new SessionRevocationList({
      url: URL_,
      signingKey: KEY,
      fetch: fetchFn,
      now: () => clock,
      pollIntervalMs: 60_000,
      maxStalenessMs: 10_000,
    });
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

  it('polls in the background once in use, so a revocation takes effect without a request waiting', async () => {
    const { state, fetchFn } = fakeIdentity();
    list = new SessionRevocationList({
      url: URL_,
      signingKey: KEY,
      fetch: fetchFn,
      pollIntervalMs: 20,
    });
    expect(await list.isRevoked('late')).toBe(false);
    state.entries.push(entry('late', '2026-11-29T10:00:01.000Z'));
    await expect.poll(() => list!.isRevoked('late'), { timeout: 2_000, interval: 10 }).toBe(true);
    const reads = state.requests.length;
    list.stop();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(state.requests.length).toBeLessThanOrEqual(reads + 1);
  });
});
