import type { KeyObject } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { CallerContext } from '@iam/common';
import { CALLER_HEADER, signCallerToken } from '@iam/service-kit';
import type { GraphQLParams } from '../http/graphql-params.js';
import type { SubgraphEndpoint } from './supergraph-subgraphs.js';
import { SingleSubgraphPlanner } from './single-subgraph-plan.js';

/** A request the HTTP layer has read and authenticated. */
export interface SingleSubgraphRequest {
  readonly body: Buffer;
  /** The body's parameters, read by the HTTP layer (a JSON body). */
  readonly params: GraphQLParams;
  readonly accept: string | undefined;
  readonly caller: CallerContext;
  readonly requestId: string;
}

/** The subgraph's answer, to be written as the gateway's. */
export interface SingleSubgraphAnswer {
  readonly contentType: string;
  readonly body: Buffer;
  readonly operationName: string | null;
}

// What the federated runtime answers for each Accept header (graphql-over-http): the fast path answers only where
// it knows the runtime's choice, and leaves the rest (and every refusal) to the runtime.
const GRAPHQL_RESPONSE = 'application/graphql-response+json; charset=utf-8';
const JSON_RESPONSE = 'application/json; charset=utf-8';

function responseTypeFor(accept: string | undefined): string | null {
  if (accept === undefined || accept === '' || accept === '*/*') return JSON_RESPONSE;
  if (accept === 'application/json') return JSON_RESPONSE;
  if (accept === 'application/graphql-response+json') return GRAPHQL_RESPONSE;
  return null;
}

const UPSTREAM_TIMEOUT_MS = 30_000;

/**
 * The gateway's lean path (ADR 0012): a query that one subgraph resolves alone goes to it as the client sent it, with
 * the same signed caller token and request id the federated runtime would add, over kept-alive connections. The
 * answer is passed on only when it is a plain success (`200`, `data`, no `errors`); anything else (an error, a
 * subgraph that cannot be reached) returns null and the request is answered by the federated runtime instead,
 * exactly as without this path. Only queries qualify, so running one twice changes nothing.
 */
export class SingleSubgraphPath {
  private readonly planner: SingleSubgraphPlanner;
  private readonly endpoints: ReadonlyMap<string, URL>;
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 64 });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 64 });

  constructor(
    supergraphSdl: string,
    subgraphs: readonly SubgraphEndpoint[],
    private readonly signingKey: KeyObject,
    private readonly now: () => number = Date.now,
  ) {
    this.planner = new SingleSubgraphPlanner(supergraphSdl);
    this.endpoints = new Map(subgraphs.map((s) => [s.name, new URL(s.url)]));
  }

  /** The subgraph's answer, or null to let the federated runtime answer. */
  async answer(request: SingleSubgraphRequest): Promise<SingleSubgraphAnswer | null> {
    if (!request.params.plain) return null;
    const contentType = responseTypeFor(request.accept);
    if (contentType === null) return null;
    const plan = this.planner.plan(request.params.query, request.params.operationName);
    if (plan === null) return null;
    const endpoint = this.endpoints.get(plan.subgraph);
    if (endpoint === undefined) return null;
    const token = signCallerToken(
      request.caller,
      plan.subgraph,
      this.signingKey,
      Math.floor(this.now() / 1000),
    );
    let answer: { status: number; body: Buffer };
    try {
      answer = await this.post(endpoint, request.body, {
        'content-type': 'application/json',
        accept: 'application/json',
        'x-request-id': request.requestId,
        [CALLER_HEADER]: token,
      });
    } catch {
      return null;
    }
    if (answer.status !== 200) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(answer.body.toString('utf8'));
    } catch {
      return null;
    }
    if (typeof parsed !== 'object' || parsed === null) return null;
    const keys = Object.keys(parsed);
    const data = (parsed as { data?: unknown }).data;
    if (keys.length !== 1 || typeof data !== 'object' || data === null) return null;
    return { contentType, body: answer.body, operationName: plan.operationName };
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private post(
    url: URL,
    body: Buffer,
    headers: Record<string, string>,
  ): Promise<{ status: number; body: Buffer }> {
    const secure = url.protocol === 'https:';
    const send = secure ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(
        url,
        {
          method: 'POST',
          agent: secure ? this.httpsAgent : this.httpAgent,
          headers: { ...headers, 'content-length': String(body.length) },
          timeout: UPSTREAM_TIMEOUT_MS,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }),
          );
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error('subgraph timed out')));
      req.on('error', reject);
      req.end(body);
    });
  }
}
