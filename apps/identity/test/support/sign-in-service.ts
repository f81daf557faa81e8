import { Outbox } from '@iam/messaging';
import type { TenantTransaction } from '@iam/persistence';
import { SecretBox, generateDataKey } from '@iam/service-kit';
import { Authorizer, TestAdministratorsPolicySource } from '@iam/authorization';
import type { MfaVerifierPort, PasswordVerifierPort } from '../../src/sign-in/ports.js';
import { DEFAULT_SIGN_IN_SETTINGS } from '../../src/sign-in/sign-in.module.js';
import { SignInService } from '../../src/sign-in/sign-in.service.js';
import { SigningKeys } from '../../src/sign-in/signing-keys.js';
import { UserNameKeys } from '../../src/sign-in/throttle.js';

const NO_PASSWORDS: PasswordVerifierPort = { verify: () => Promise.resolve(null) };
const NO_MFA: MfaVerifierPort = {
  hasEnabledDevice: () => Promise.resolve(false),
  verifyAndConsume: () => Promise.resolve(null),
};

/**
 * A real `SignInService` on the test database with the default settings (what the password operations use for
 * guessing bounds and session revocation); sign-in itself verifies through `passwords` (default: nothing matches).
 */
export function testSignInService(
  tenantTx: TenantTransaction,
  now: () => Date,
  passwords: PasswordVerifierPort = NO_PASSWORDS,
): SignInService {
  const settings = DEFAULT_SIGN_IN_SETTINGS;
  const secretBox = new SecretBox([generateDataKey()]);
  return new SignInService({
    tenantTx,
    authorizer: new Authorizer(new TestAdministratorsPolicySource()),
    outbox: new Outbox('identity'),
    relay: { notify: () => undefined },
    partition: 'aws',
    now,
    passwords,
    mfa: NO_MFA,
    signingKeys: new SigningKeys(tenantTx, secretBox, {
      rotationSeconds: 86_400,
      maxTokenLifetimeSeconds: settings.token.lifetimeSeconds,
    }),
    settings,
    userNameKeys: new UserNameKeys(secretBox),
  });
}
