import { createHash, timingSafeEqual } from 'node:crypto';
import type {
  AuthenticationOutcome,
  AuthenticationRequest,
  AuthenticationStrategy,
} from './authenticator.js';
import { baseRequestContext, bearerToken } from './authenticator.js';

/** The synthetic ARN of the bootstrap platform administrator. */
export const PLATFORM_ADMIN_ARN = 'arn:aws:iam::platform:admin';

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * The bootstrap platform administrator: `Authorization: Bearer <IAM_PLATFORM_ADMIN_TOKEN>`. A bearer token that
 * does not match is `not-applicable`, so a later strategy (identity-service session JWTs) may still claim it.
 */
export class PlatformAdminStrategy implements AuthenticationStrategy {
  readonly name = 'platform-admin';
  private readonly expectedDigest: Buffer;

  constructor(adminToken: string) {
    // SECURITY: keep only the digest; the comparison below never touches the raw token.
    this.expectedDigest = sha256(adminToken);
  }

  authenticate(request: AuthenticationRequest): Promise<AuthenticationOutcome> {
    const token = bearerToken(request.headers);
    if (token === null) return Promise.resolve({ kind: 'not-applicable' });
    // SECURITY: compare SHA-256 digests with timingSafeEqual. Digests have a fixed length, so neither the
    // token's length nor the position of the first differing character leaks through timing.
    if (!timingSafeEqual(sha256(token), this.expectedDigest)) {
      return Promise.resolve({ kind: 'not-applicable' });
    }
    return Promise.resolve({
      kind: 'authenticated',
      caller: {
        requestId: request.requestId,
        principalType: 'platform-admin',
        principalArn: PLATFORM_ADMIN_ARN,
        accountId: null,
        context: baseRequestContext(request),
      },
    });
  }
}
