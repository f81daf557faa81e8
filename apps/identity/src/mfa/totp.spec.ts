import { describe, expect, it } from 'vitest';
import { consecutiveStep, hotp, isCodeFormat, matchingSteps, timeStep, totp } from './totp.js';

const RFC_SEED = Buffer.from('12345678901234567890', 'ascii');

describe('hotp', () => {
  // RFC 4226 Appendix D: HOTP values of counters 0 to 9 for the same ASCII secret.
  it.each([
    [0, '755224'],
    [1, '287082'],
    [2, '359152'],
    [3, '969429'],
    [4, '338314'],
    [5, '254676'],
    [6, '287922'],
    [7, '162583'],
    [8, '399871'],
    [9, '520489'],
  ])('matches RFC 4226 Appendix D at counter %i', (counter, expected) => {
    expect(hotp(RFC_SEED, counter)).toBe(expected);
  });

  it('refuses a negative or fractional counter and digits outside 6 to 8', () => {
    expect(() => hotp(RFC_SEED, -1)).toThrow(RangeError);
    expect(() => hotp(RFC_SEED, 1.5)).toThrow(RangeError);
    expect(() => hotp(RFC_SEED, 1, 5)).toThrow(RangeError);
    expect(() => hotp(RFC_SEED, 1, 9)).toThrow(RangeError);
  });
});

describe('totp', () => {
  // RFC 6238 Appendix B, SHA-1 column (8 digits, 30-second steps, T0 = 0).
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('matches RFC 6238 Appendix B at %i seconds', (seconds, expected) => {
    expect(totp(RFC_SEED, new Date(seconds * 1000), { digits: 8 })).toBe(expected);
  });

  it('gives 6 digits by default: the last six of the 8-digit value', () => {
    expect(totp(RFC_SEED, new Date(59_000))).toBe('287082');
    expect(totp(RFC_SEED, new Date(1111111109_000))).toBe('081804');
  });

  it('changes every 30 seconds, on the boundary', () => {
    expect(timeStep(new Date(29_999))).toBe(0);
    expect(timeStep(new Date(30_000))).toBe(1);
    expect(totp(RFC_SEED, new Date(30_000))).toBe(totp(RFC_SEED, new Date(59_999)));
    expect(totp(RFC_SEED, new Date(29_999))).not.toBe(totp(RFC_SEED, new Date(30_000)));
  });
});

describe('matchingSteps', () => {
  it('finds the step of a code in a window and nothing outside it or for a malformed code', () => {
    const code = hotp(RFC_SEED, 100);
    expect(matchingSteps(RFC_SEED, code, 99, 101)).toEqual([100]);
    expect(matchingSteps(RFC_SEED, code, 101, 103)).toEqual([]);
    expect(matchingSteps(RFC_SEED, '12345', 0, 10)).toEqual([]);
    expect(matchingSteps(RFC_SEED, '12a456', 0, 10)).toEqual([]);
  });

  it('checks code shape strictly', () => {
    expect(isCodeFormat('012345')).toBe(true);
    expect(isCodeFormat('０１２３４５')).toBe(false);
    expect(isCodeFormat(' 12345')).toBe(false);
    expect(isCodeFormat('1234567')).toBe(false);
  });
});

describe('consecutiveStep', () => {
  const at = (step: number) => hotp(RFC_SEED, step);

  it('returns the step of the second code when the codes are consecutive within the window', () => {
    expect(consecutiveStep(RFC_SEED, at(1000), at(1001), 1000, 10, null)).toBe(1001);
    expect(consecutiveStep(RFC_SEED, at(990), at(991), 1000, 10, null)).toBe(991);
    expect(consecutiveStep(RFC_SEED, at(1009), at(1010), 1000, 10, null)).toBe(1010);
  });

  it('refuses codes in the wrong order, not consecutive, the same code twice, or outside the window', () => {
    expect(consecutiveStep(RFC_SEED, at(1001), at(1000), 1000, 10, null)).toBeNull();
    expect(consecutiveStep(RFC_SEED, at(1000), at(1002), 1000, 10, null)).toBeNull();
    expect(consecutiveStep(RFC_SEED, at(1000), at(1000), 1000, 10, null)).toBeNull();
    expect(consecutiveStep(RFC_SEED, at(989), at(990), 1000, 10, null)).toBeNull();
    expect(consecutiveStep(RFC_SEED, at(1010), at(1011), 1000, 10, null)).toBeNull();
  });

  it('refuses codes at or before the last accepted step', () => {
    expect(consecutiveStep(RFC_SEED, at(1000), at(1001), 1000, 10, 1000)).toBeNull();
    expect(consecutiveStep(RFC_SEED, at(1000), at(1001), 1000, 10, 999)).toBe(1001);
  });
});
