import type { KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { CONSISTENCY_HEADER, EFFECTIVE_POLICIES_PATH } from '@iam/authorization';
import type { CallerContext, Clock } from '@iam/common';
import { CLOCK, DomainError, SUBGRAPH_NAMES, parseRevisionToken } from '@iam/common';
import { CALLER_HEADER, InvalidCallerTokenError, verifyCallerToken } from '@iam/service-kit';
import { EffectivePolicyService, principalRef } from './effective-policy.service.js';

/** Injection token of the gateway's public key (null when the service runs without one: every request is 401). */
export const CALLER_VERIFY_KEY = Symbol.for('@iam/policy:CallerVerifyKey');

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify(body));
}

/** The audience a gateway token names (read unverified, only to pick which subgraph audience to verify against). */
function claimedAudience(token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  try {
    const body = JSON.parse(
      Buffer.from(token.slice(0, Math.max(0, token.indexOf('.'))), 'base64url').toString('utf8'),
    ) as { aud?: unknown };
    return typeof body.aud === 'string' ? body.aud : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `GET /internal/effective-policies` (contract: `@iam/authorization` effective-policies-contract.ts): the effective
 * policies of the caller whose gateway-signed token (`x-iam-caller`, kind `caller`, audience any subgraph) the
 * asking service forwards, and of no one else. `x-iam-consistency` makes it wait (bounded) for a revision or an
 * identity event; a principal the replica does not know yet is waited for the same way (then: no policies).
 */
@Controller()
export class EffectivePoliciesController {
  constructor(
    private readonly policies: EffectivePolicyService,
    @Inject(CALLER_VERIFY_KEY) private readonly verifyKey: KeyObject | null,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(EFFECTIVE_POLICIES_PATH)
  async effectivePolicies(@Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    let caller: CallerContext;
    try {
      const token = header(req, CALLER_HEADER);
      const audience = claimedAudience(token);
      if (
        this.verifyKey === null ||
        audience === undefined ||
        !SUBGRAPH_NAMES.some((s) => s === audience)
      ) {
        throw new InvalidCallerTokenError('not a subgraph caller token');
      }
      // SECURITY: the signature, kind (`caller` only), audience and lifetime are all checked here.
      caller = verifyCallerToken(
        token,
        audience,
        this.verifyKey,
        Math.floor(this.clock.now().getTime() / 1000),
      );
    } catch (error) {
      if (!(error instanceof InvalidCallerTokenError)) throw error;
      send(res, 401, { code: 'Unauthenticated', message: 'a valid caller token is required' });
      return;
    }
    try {
      if (caller.accountId === null) {
        send(res, 400, { code: 'InvalidInput', message: 'the caller acts in no account' });
        return;
      }
      const raw = header(req, CONSISTENCY_HEADER);
      const found = await this.policies.policiesOf(principalRef(caller.principalArn), {
        consistency: raw === undefined || raw === '' ? null : parseRevisionToken(raw),
        waitForPrincipal: true,
      });
      send(res, 200, found.effective);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const status = error.category === 'UNAVAILABLE' ? 503 : 400;
      send(res, status, { code: error.code, message: error.message });
    }
  }
}
