import { describe, expect, it } from 'vitest';
import type { ThrottlePolicy } from './throttle.js';
import {
  SOURCE_THROTTLE_POLICY,
  USER_THROTTLE_POLICY,
  checkThrottlePolicy,
  refusalAt,
  stateAfterFailure,
} from './throttle.js';

const NOW = new Date('2026-11-28T12:00:00.000Z');
const delayOf = (failures: number, policy: ThrottlePolicy = USER_THROTTLE_POLICY) =>
  (stateAfterFailure(failures, NOW, policy).nextAllowedAt.getTime() - NOW.getTime()) / 1000;

describe('throttle math', () => {
  it('lets the free failures through, then doubles the delay up to the cap', () => {
    expect([1, 2, 3].map((n) => delayOf(n))).toEqual([0, 0, 0]);
    expect([4, 5, 6, 7, 8, 9].map((n) => delayOf(n))).toEqual([1, 2, 4, 8, 16, 32]);
    expect(delayOf(11)).toBe(60);
    expect(delayOf(55)).toBe(60);
  });

  it('locks for 15 minutes at every 10th consecutive failure', () => {
    for (const n of [10, 20, 100]) {
      expect(stateAfterFailure(n, NOW, USER_THROTTLE_POLICY)).toEqual({
        nextAllowedAt: new Date(NOW.getTime() + 15 * 60_000),
        locked: true,
      });
    }
    expect(stateAfterFailure(9, NOW, USER_THROTTLE_POLICY).locked).toBe(false);
  });

  it('locks a source address at 100 failures and delays it from 21 on', () => {
    expect(delayOf(20, SOURCE_THROTTLE_POLICY)).toBe(0);
    expect(delayOf(21, SOURCE_THROTTLE_POLICY)).toBe(1);
    expect(stateAfterFailure(100, NOW, SOURCE_THROTTLE_POLICY).locked).toBe(true);
  });

  it('never lets more than 100 consecutive failures pass without a lock (NIST SP 800-63B 5.2.2)', () => {
    for (const policy of [USER_THROTTLE_POLICY, SOURCE_THROTTLE_POLICY]) {
      const locks = Array.from({ length: 100 }, (_, i) => i + 1).filter(
        (n) => stateAfterFailure(n, NOW, policy).locked,
      );
      expect(locks.length).toBeGreaterThan(0);
    }
    expect(() => checkThrottlePolicy({ ...USER_THROTTLE_POLICY, lockAfterFailures: 101 })).toThrow(
      /NIST/,
    );
    expect(() => checkThrottlePolicy({ ...USER_THROTTLE_POLICY, freeFailures: 10 })).toThrow();
    expect(checkThrottlePolicy(USER_THROTTLE_POLICY)).toBe(USER_THROTTLE_POLICY);
  });

  it('refuses before next_allowed_at with a rounded-up retry-after, and allows from then on', () => {
    const state = { nextAllowedAt: new Date(NOW.getTime() + 1_500), locked: false };
    expect(refusalAt(state, NOW)).toEqual({ retryAfterSeconds: 2, locked: false });
    expect(refusalAt(state, state.nextAllowedAt)).toBeNull();
    expect(refusalAt(null, NOW)).toBeNull();
    expect(
      refusalAt({ nextAllowedAt: new Date(NOW.getTime() + 900_000), locked: true }, NOW),
    ).toEqual({ retryAfterSeconds: 900, locked: true });
  });
});
