import { describe, expect, it } from 'vitest';
import { expectEventually } from './expect-eventually.js';
import { uniqueName } from './kafka.js';

describe(expectEventually.name, () => {
  it('retries an assertion until it passes', async () => {
    let calls = 0;
    await expectEventually(
      () => {
        calls++;
        expect(calls).toBe(3);
      },
      { intervalMs: 1 },
    );
    expect(calls).toBe(3);
  });

  it('rethrows the last assertion error after the timeout', async () => {
    let calls = 0;
    await expect(
      expectEventually(
        async () => {
          calls++;
          throw new Error(`failure ${calls}`);
        },
        { timeoutMs: 30, intervalMs: 5 },
      ),
    ).rejects.toThrow(/^failure \d+$/);
    expect(calls).toBeGreaterThan(1);
  });
});

describe(uniqueName.name, () => {
  it('prefixes and never repeats', () => {
    const names = new Set(Array.from({ length: 1_000 }, () => uniqueName('t')));
    expect(names.size).toBe(1_000);
    expect([...names].every((n) => /^t-[0-9a-f]{10}$/.test(n))).toBe(true);
  });
});
