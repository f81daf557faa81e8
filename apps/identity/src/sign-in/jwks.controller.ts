import { Controller, Get, Header, Inject } from '@nestjs/common';
import type { Clock } from '@iam/common';
import { CLOCK } from '@iam/common';
import type { PublicJwks } from './signing-keys.js';
import { SigningKeys } from './signing-keys.js';

/** Where the gateway reads the session-token public keys (the subgraph's caller check covers `/graphql` only). */
export const JWKS_PATH = '.well-known/jwks.json';

/** Public keys only (RFC 7517 key set): the signing key and retired keys whose tokens may not have expired. */
@Controller()
export class JwksController {
  constructor(
    private readonly keys: SigningKeys,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(JWKS_PATH)
  @Header('cache-control', 'public, max-age=300')
  async jwks(): Promise<PublicJwks> {
    const now = this.clock.now();
    // Make sure a key exists before the first token is issued, so that a verifier never sees an empty set.
    await this.keys.current(now);
    return this.keys.publicJwks(now);
  }
}
