import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountId, CallerContext } from '@iam/common';
import type { CompiledPolicySet } from '@iam/policy-engine';
import { compilePolicySet } from '@iam/policy-engine';
import { SecretBox, generateDataKey } from '@iam/service-kit';
import type { EffectivePolicySource } from '@iam/authorization';
import { ADMINISTRATOR_POLICY, Authorizer } from '@iam/authorization';
import { MfaService } from '../../src/mfa/mfa.service.js';
import { PasswordHasher } from '../../src/passwords/password-hasher.js';
import { LoginProfilesService } from '../../src/passwords/login-profiles.service.js';
import { testSignInService } from '../support/sign-in-service.js';
import { useIdentityDatabase } from '../support/identity-suite.js';
import { rootOf, userOf } from '../support/principal-services.js';

/** Root holds the administrator policy; `ops` may manage MFA devices and read login profiles under `/eng/`. */
class EngMfaPolicies implements EffectivePolicySource {
  policiesFor(caller: CallerContext, resourceAccount: AccountId): CompiledPolicySet {
    if (caller.principalType === 'root') {
      return compilePolicySet({
        identityPolicies: [{ id: 'administrator', document: ADMINISTRATOR_POLICY }],
        resourceAccount,
      });
    }
    const document = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: [
            'iam:ListMFADevices',
            'iam:EnableMFADevice',
            'iam:DeactivateMFADevice',
            'iam:GetLoginProfile',
          ],
          Resource: 'arn:aws:iam::*:user/eng/*',
        },
      ],
    };
    return compilePolicySet({ identityPolicies: [{ id: 'eng-mfa', document }], resourceAccount });
  }
}

// MFA and login-profile operations act on the user resource: AWS decides them on the user's real ARN, path included.
describe('path-scoped authorization of MFA device and login profile operations', () => {
  const { s } = useIdentityDatabase(new Authorizer(new EngMfaPolicies()));
  let mfa: MfaService;
  let profiles: LoginProfilesService;
  let accountId: string;
  let ops: CallerContext;

  beforeAll(async () => {
    mfa = new MfaService(s.deps, new SecretBox([generateDataKey()]));
    profiles = new LoginProfilesService(
      s.deps,
      new PasswordHasher(),
      testSignInService(s.deps.tenantTx, s.deps.now),
    );
    accountId = await s.newAccount();
    ops = userOf(accountId, 'ops');
    await s.users.createUser(rootOf(accountId), { userName: 'dev', path: '/eng/' });
    await s.users.createUser(rootOf(accountId), { userName: 'admin', path: '/ops/' });
    for (const userName of ['dev', 'admin']) {
      await profiles.createLoginProfile(rootOf(accountId), {
        userName,
        password: 'a long enough passphrase for tests 9',
      });
    }
  });

  it('reads the login profile of a user under /eng/ and denies one outside it or a missing one', async () => {
    await expect(profiles.getLoginProfile(ops, { userName: 'dev' })).resolves.toMatchObject({
      user: { userName: 'dev', path: '/eng/' },
    });
    await expect(profiles.getLoginProfile(ops, { userName: 'admin' })).rejects.toMatchObject({
      code: 'AccessDenied',
      details: { resource: `arn:aws:iam::${accountId}:user/admin` },
    });
    await expect(profiles.getLoginProfile(ops, { userName: 'ghost' })).rejects.toMatchObject({
      code: 'AccessDenied',
    });
    await expect(
      profiles.getLoginProfile(rootOf(accountId), { userName: 'ghost' }),
    ).rejects.toMatchObject({ code: 'NoSuchEntity' });
  });

  it('allows listing the devices of a user under /eng/', async () => {
    const page = await mfa.listMfaDevices(ops, { userName: 'dev' });
    expect(page.items).toEqual([]);
  });

  it('denies a user outside /eng/ and a missing name alike, naming only the requested ARN', async () => {
    const outside = mfa.listMfaDevices(ops, { userName: 'admin' });
    const missing = mfa.listMfaDevices(ops, { userName: 'ghost' });
    await expect(outside).rejects.toMatchObject({
      code: 'AccessDenied',
      details: { resource: `arn:aws:iam::${accountId}:user/admin` },
    });
    await expect(missing).rejects.toMatchObject({ code: 'AccessDenied' });
    await expect(
      mfa.deactivateMfaDevice(ops, {
        userName: 'admin',
        serialNumber: `arn:aws:iam::${accountId}:mfa/none`,
      }),
    ).rejects.toMatchObject({ code: 'AccessDenied' });
  });

  it('answers NoSuchEntity to an allowed caller for a missing user', async () => {
    await expect(
      mfa.listMfaDevices(rootOf(accountId), { userName: 'ghost' }),
    ).rejects.toMatchObject({
      code: 'NoSuchEntity',
    });
  });
});
