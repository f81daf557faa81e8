import { describe, expect, it } from 'vitest';
import type { AccountId, CallerContext } from '@iam/common';
import {
  CONSISTENCY_TOKEN_CONTEXT_KEY,
  InvalidInputError,
  eventRevisionToken,
  revisionToken,
} from '@iam/common';
import { withConsistencyToken } from './consistency-token.js';

const ACCOUNT = '111122223333' as AccountId;

const CALLER: CallerContext = {
  requestId: 'r-1',
  principalType: 'user',
  principalArn: 'arn:aws:iam::111122223333:user/ana',
  accountId: ACCOUNT,
  context: { 'aws:SourceIp': '203.0.113.1' },
};

describe(withConsistencyToken.name, () => {
  it('leaves a caller without the header unchanged', () => {
    expect(withConsistencyToken(CALLER, {})).toBe(CALLER);
  });

  it('puts a revision or event token into the signed context', () => {
    for (const token of [
      revisionToken(ACCOUNT, 42n),
      eventRevisionToken(ACCOUNT, '3f0c6f5e-8d1b-4a55-9a0e-6c1f1d2b3c4d'),
    ]) {
      const caller = withConsistencyToken(CALLER, { 'x-iam-consistency': token });
      expect(caller.context).toEqual({
        'aws:SourceIp': '203.0.113.1',
        [CONSISTENCY_TOKEN_CONTEXT_KEY]: token,
      });
    }
  });

  it('refuses a malformed token or several with InvalidInput', () => {
    for (const headers of [
      { 'x-iam-consistency': 'not-a-token' },
      { 'x-iam-consistency': `rv1.${Buffer.from('{"a":"1"}').toString('base64url')}` },
      { 'x-iam-consistency': [revisionToken(ACCOUNT, 1n), revisionToken(ACCOUNT, 2n)] },
    ]) {
      expect(() => withConsistencyToken(CALLER, headers)).toThrow(InvalidInputError);
    }
  });
});
