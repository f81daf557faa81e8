import { describe, expect, it } from 'vitest';
import type { AccountId, CallerContext } from '@iam/common';
import { Authorizer } from '@iam/authorization';
import { ALLOW_ALL_TEST_PATH, AllowAllTestUsersPolicySource } from './allow-all-test-users.main.js';

const A = '111122223333' as AccountId;
const B = '444455556666' as AccountId;

function user(arn: string): CallerContext {
  return { requestId: 't', principalType: 'user', principalArn: arn, accountId: A, context: {} };
}

describe(AllowAllTestUsersPolicySource.name, () => {
  const authorizer = new Authorizer(new AllowAllTestUsersPolicySource());
  const allowed = async (caller: CallerContext, account: AccountId) => {
    try {
      await authorizer.require(
        caller,
        'iam:GetUser',
        `arn:aws:iam::${account}:user/carol`,
        account,
      );
      return true;
    } catch {
      return false;
    }
  };

  it('allows everything to a user on the test path in its own account only', async () => {
    const tina = user(`arn:aws:iam::${A}:user${ALLOW_ALL_TEST_PATH}tina`);
    expect(await allowed(tina, A)).toBe(true);
    expect(await allowed(tina, B)).toBe(false);
  });

  it('gives any other user nothing, as the stand-in source does', async () => {
    for (const arn of [
      `arn:aws:iam::${A}:user/tina`,
      `arn:aws:iam::${A}:user/other${ALLOW_ALL_TEST_PATH}tina`,
      `arn:aws:iam::${A}:user${ALLOW_ALL_TEST_PATH}deeper/tina`,
    ]) {
      expect(await allowed(user(arn), A), arn).toBe(false);
    }
  });
});
