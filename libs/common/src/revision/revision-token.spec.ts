import { describe, expect, it } from 'vitest';
import { eventRevisionToken, parseRevisionToken, revisionToken } from './revision-token.js';
import type { AccountId } from '../ids/account-id.js';

const A = '111122223333' as AccountId;

describe('revision tokens', () => {
  it('round-trips a policy revision and an event id', () => {
    expect(parseRevisionToken(revisionToken(A, 42n))).toEqual({
      kind: 'revision',
      accountId: A,
      revision: 42n,
    });
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(parseRevisionToken(eventRevisionToken(A, id))).toEqual({
      kind: 'event',
      accountId: A,
      eventId: id,
    });
  });

  it.each([
    '',
    'rv1.',
    'rv2.' + Buffer.from(JSON.stringify({ a: A, r: '1' })).toString('base64url'),
    'rv1.' + Buffer.from('not json').toString('base64url'),
    'rv1.' + Buffer.from(JSON.stringify({ a: 'x', r: '1' })).toString('base64url'),
    'rv1.' + Buffer.from(JSON.stringify({ a: A, r: '-1' })).toString('base64url'),
    'rv1.' + Buffer.from(JSON.stringify({ a: A, r: '01' })).toString('base64url'),
    'rv1.' + Buffer.from(JSON.stringify({ a: A, r: '1', e: 'x' })).toString('base64url'),
    'rv1.' + Buffer.from(JSON.stringify({ a: A, e: 'not-a-uuid' })).toString('base64url'),
    'rv1.' + Buffer.from(JSON.stringify([A])).toString('base64url'),
    'rv1.' + 'A'.repeat(300),
  ])('refuses %j with InvalidInput', (token) => {
    expect(() => parseRevisionToken(token)).toThrow(
      expect.objectContaining({ code: 'InvalidInput' }),
    );
  });
});
