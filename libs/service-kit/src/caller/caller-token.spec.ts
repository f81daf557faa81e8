import { describe, expect, it } from 'vitest';
import type { CallerContext } from '@iam/common';
import { InvalidCallerTokenError, signCallerToken, verifyCallerToken } from './caller-token.js';

const KEY = 'k'.repeat(32);
const caller: CallerContext = {
  requestId: 'r1',
  principalType: 'root',
  principalArn: 'arn:aws:iam::123456789012:root',
  accountId: '123456789012' as CallerContext['accountId'],
  context: {},
};

describe('caller token', () => {
  it('round-trips a caller', () => {
    expect(verifyCallerToken(signCallerToken(caller, KEY, 1000), KEY, 1010)).toEqual(caller);
  });

  it.each([
    { title: 'a missing token', token: undefined },
    { title: 'a token without signature', token: 'abc' },
    { title: 'a forged payload', token: `${Buffer.from('{"v":1}').toString('base64url')}.AAAA` },
  ])('refuses $title', ({ token }) => {
    expect(() => verifyCallerToken(token, KEY, 1000)).toThrow(InvalidCallerTokenError);
  });

  it('refuses a token signed with another key or expired', () => {
    const token = signCallerToken(caller, KEY, 1000);
    expect(() => verifyCallerToken(token, 'x'.repeat(32), 1000)).toThrow('bad signature');
    expect(() => verifyCallerToken(token, KEY, 1061)).toThrow('expired');
  });

  it('refuses a payload swapped under a valid signature', () => {
    const token = signCallerToken(caller, KEY, 1000);
    const other = signCallerToken({ ...caller, principalType: 'platform-admin' }, KEY, 1000);
    const forged = `${other.split('.')[0]}.${token.split('.')[1]}`;
    expect(() => verifyCallerToken(forged, KEY, 1000)).toThrow('bad signature');
  });
});
