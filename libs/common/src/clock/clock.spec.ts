import { describe, expect, it } from 'vitest';
import { ManualClock, systemClock } from './clock.js';

describe(ManualClock.name, () => {
  it('stands still until set or advanced', () => {
    const clock = new ManualClock('2030-01-01T00:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2030-01-01T00:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2030-01-01T00:00:00.000Z');
    expect(clock.advance(1_500).toISOString()).toBe('2030-01-01T00:00:01.500Z');
    expect(clock.now().toISOString()).toBe('2030-01-01T00:00:01.500Z');
    clock.set(new Date('2031-06-01T12:00:00.000Z'));
    expect(clock.now().toISOString()).toBe('2031-06-01T12:00:00.000Z');
    clock.advance(-60_000);
    expect(clock.now().toISOString()).toBe('2031-06-01T11:59:00.000Z');
  });

  it('hands out copies: a caller changing its Date does not move the clock', () => {
    const clock = new ManualClock(0);
    clock.now().setTime(99_000);
    expect(clock.now().getTime()).toBe(0);
  });

  it('refuses an invalid instant', () => {
    expect(() => new ManualClock('not a date')).toThrow(RangeError);
    expect(() => new ManualClock(0).set(Number.NaN)).toThrow(RangeError);
  });
});

describe('systemClock', () => {
  it('reads the machine clock', () => {
    const before = new Date().getTime();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(new Date().getTime());
  });
});
