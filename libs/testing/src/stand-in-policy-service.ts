import type { KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EffectivePolicies } from '@iam/authorization';
import { ADMINISTRATOR_POLICY, EFFECTIVE_POLICIES_PATH } from '@iam/authorization';
import type { CallerContext } from '@iam/common';
import { SUBGRAPH_NAMES } from '@iam/common';
import { CALLER_HEADER, verifyCallerToken } from '@iam/service-kit';

/**
 * TEST WIRING ONLY, until the policy service serves `GET /internal/effective-policies` (issue 11, decisions):
 * a stand-in answering the contract the way the policy service will for a fresh account — the account root holds
 * AdministratorAccess, every other principal nothing — so that the e2e suite's services reach "a policy service"
 * through their production authorization path (HTTP, cache, Kafka invalidation). It verifies the forwarded caller
 * token as the policy service does (signature, expiry, a subgraph audience).
 *
 * MERGE: once the endpoint exists, `startSuite` points POLICY_SERVICE_URL at the policy service process and this
 * file goes.
 */
export interface StandInPolicyService {
  readonly url: string;
  close(): Promise<void>;
}

export async function startStandInPolicyService(
  verifyKey: KeyObject,
): Promise<StandInPolicyService> {
  const administrator = JSON.stringify(ADMINISTRATOR_POLICY);
  const server = createServer((req, res) => {
    const token = req.headers[CALLER_HEADER];
    const caller = typeof token === 'string' ? verified(token, verifyKey) : null;
    if (req.url !== EFFECTIVE_POLICIES_PATH || caller === null || caller.accountId === null) {
      res.statusCode = caller === null ? 401 : 404;
      res.end();
      return;
    }
    const root = caller.principalType === 'root';
    const answer: EffectivePolicies = {
      accountId: caller.accountId,
      principalArn: caller.principalArn,
      principalId: null,
      revision: '0',
      identityPolicies: root
        ? [{ id: 'arn:aws:iam::aws:policy/AdministratorAccess', document: administrator }]
        : [],
      permissionsBoundary: null,
      guardrails: [],
      principalTags: {},
    };
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function verified(token: string, verifyKey: KeyObject): CallerContext | null {
  const now = Math.floor(Date.now() / 1000);
  for (const audience of SUBGRAPH_NAMES) {
    try {
      return verifyCallerToken(token, audience, verifyKey, now);
    } catch {
      // another subgraph's token, or no valid token at all
    }
  }
  return null;
}
