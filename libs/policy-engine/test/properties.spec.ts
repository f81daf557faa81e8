import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compilePolicySet,
  evaluate,
  explain,
  type AuthorizationRequest,
  type EvaluationResult,
  type PolicySetInput,
} from '../src/index.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
// Invariants of the evaluation logic, checked on generated policy sets and requests.

const A = '111122223333';
const B = '444455556666';
const SAME_ACCOUNT_PRINCIPALS = [
  `arn:aws:iam::${A}:user/alice`,
  `arn:aws:sts::${A}:assumed-role/app/s1`,
  `arn:aws:sts::${A}:federated-user/carol`,
  `arn:aws:iam::${A}:root`,
] as const;
const OTHER_ACCOUNT_PRINCIPALS = [
  `arn:aws:iam::${B}:user/dave`,
  `arn:aws:sts::${B}:assumed-role/reader/job1`,
] as const;
const ACTIONS = [
  's3:GetObject',
  's3:PutObject',
  's3:ListBucket',
  'ec2:RunInstances',
  'iam:CreateUser',
  'sqs:SendMessage',
] as const;
const RESOURCES = [
  'arn:aws:s3:::example-bucket/reports/q1.csv',
  'arn:aws:s3:::example-bucket',
  'arn:aws:s3:::Other-Bucket/Key',
  'arn:aws:sqs:us-east-1:111122223333:Queue1',
  `arn:aws:iam::${A}:user/Alice`,
  '*',
] as const;

type Doc = { Version: string; Statement: Record<string, unknown>[] };

const actionPattern = fc.oneof(
  fc.constant('*'),
  fc.constantFrom(...ACTIONS),
  fc.constantFrom(...ACTIONS).map((a) => `${a.split(':')[0]}:*`),
  fc.constantFrom(...ACTIONS).map((a) => `${a.slice(0, a.indexOf(':') + 4)}*`),
  fc.constantFrom(...ACTIONS).map((a) => `${a.slice(0, -1)}?`),
);
const resourcePattern = fc.oneof(
  fc.constant('*'),
  fc.constantFrom(...RESOURCES),
  fc
    .constantFrom(...RESOURCES)
    .map((r) => (r === '*' ? r : `${r.slice(0, Math.max(4, r.length - 3))}*`)),
  // Mid-segment wildcards (matchers other than prefix: conditions are then tested before the resource).
  fc.constantFrom(...RESOURCES).map((r) => (r === '*' ? r : `${r.slice(0, 13)}*${r.slice(-3)}`)),
);
const condition = fc.option(
  fc.oneof(
    fc.constantFrom('red', 'blue').map((v) => ({ StringEquals: { 'aws:PrincipalTag/team': v } })),
    fc.constantFrom('true', 'false').map((v) => ({ Bool: { 'aws:SecureTransport': v } })),
    fc.constant({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }),
    fc.constant({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b'] } }),
  ),
  { nil: undefined },
);

function statement(withPrincipal: boolean): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record({
      effect: fc.constantFrom('Allow', 'Deny'),
      notAction: fc.boolean(),
      actions: fc.array(actionPattern, { minLength: 1, maxLength: 3 }),
      notResource: fc.boolean(),
      resources: fc.array(resourcePattern, { minLength: 1, maxLength: 2 }),
      principal: fc.constantFrom<unknown>(
        '*',
        { AWS: A },
        { AWS: B },
        { AWS: `arn:aws:iam::${A}:user/alice` },
        { AWS: `arn:aws:iam::${A}:role/app` },
        { AWS: `arn:aws:iam::${B}:root` },
      ),
      condition,
    })
    .map((s) => ({
      Effect: s.effect,
      ...(withPrincipal ? { Principal: s.principal } : {}),
      [s.notAction ? 'NotAction' : 'Action']: s.actions,
      [s.notResource ? 'NotResource' : 'Resource']: s.resources,
      ...(s.condition === undefined ? {} : { Condition: s.condition }),
    }));
}

/** A policy document; statements get Sids S0, S1, … or none (index refs). */
function policy(withPrincipal = false): fc.Arbitrary<Doc> {
  return fc
    .tuple(fc.array(statement(withPrincipal), { minLength: 1, maxLength: 4 }), fc.boolean())
    .map(([statements, sids]) => ({
      Version: '2012-10-17',
      Statement: statements.map((s, i) => (sids ? { Sid: `S${i}`, ...s } : s)),
    }));
}

const context = fc.record(
  {
    'aws:PrincipalTag/team': fc.constantFrom('red', 'blue'),
    'aws:SecureTransport': fc.constantFrom('true', 'false'),
    'aws:SourceIp': fc.constantFrom('203.0.113.9', '198.51.100.1'),
    'aws:TagKeys': fc.subarray(['a', 'b', 'c']),
  },
  { requiredKeys: [] },
);

function request(principals: readonly string[]): fc.Arbitrary<AuthorizationRequest> {
  return fc.record({
    principal: fc.constantFrom(...principals),
    action: fc.constantFrom(...ACTIONS),
    resource: fc.constantFrom(...RESOURCES),
    context,
  });
}

const policySet = fc.record({
  identity: fc.array(policy(), { maxLength: 3 }),
  resource: fc.option(policy(true), { nil: null }),
  boundary: fc.option(policy(), { nil: null }),
  session: fc.option(policy(), { nil: null }),
  guardrails: fc.array(policy(), { maxLength: 2 }),
});
type GeneratedSet = typeof policySet extends fc.Arbitrary<infer T> ? T : never;

function toInput(g: GeneratedSet): PolicySetInput {
  return {
    identityPolicies: g.identity.map((document, i) => ({ id: `identity:${i}`, document })),
    resourcePolicy: g.resource === null ? null : { id: 'resource', document: g.resource },
    permissionsBoundary: g.boundary === null ? null : { id: 'boundary', document: g.boundary },
    sessionPolicy: g.session === null ? null : { id: 'session', document: g.session },
    guardrails: g.guardrails.map((document, i) => ({ id: `guardrail:${i}`, document })),
    resourceAccount: A,
  };
}

function run(g: GeneratedSet, r: AuthorizationRequest): EvaluationResult {
  return evaluate(compilePolicySet(toInput(g)), r);
}

const ALL_PRINCIPALS = [...SAME_ACCOUNT_PRINCIPALS, ...OTHER_ACCOUNT_PRINCIPALS];
const RUNS = { numRuns: 300 };

describe('policy-engine evaluation invariants', () => {
  it('never allows once a Deny statement matching the request is added to the resource policy', () => {
    fc.assert(
      fc.property(policySet, request(ALL_PRINCIPALS), (g, r) => {
        const deny = {
          Sid: 'PropDeny',
          Effect: 'Deny',
          Principal: '*',
          Action: r.action,
          Resource: '*',
        };
        const resource = {
          Version: '2012-10-17',
          Statement: [...(g.resource?.Statement ?? []), deny],
        };
        const result = run({ ...g, resource }, r);
        expect(result.decision).toBe('ExplicitDeny');
        expect(result.determiningStatements).toContain('resource#PropDeny');
      }),
      RUNS,
    );
  });

  it('never allows once a matching Deny identity policy is added (IAM users and sessions)', () => {
    const principals = SAME_ACCOUNT_PRINCIPALS.filter((p) => !p.endsWith(':root'));
    fc.assert(
      fc.property(policySet, request([...principals, ...OTHER_ACCOUNT_PRINCIPALS]), (g, r) => {
        const deny = {
          Version: '2012-10-17',
          Statement: [{ Sid: 'D', Effect: 'Deny', Action: r.action, Resource: r.resource }],
        };
        const result = run({ ...g, identity: [...g.identity, deny] }, r);
        expect(result.decision).toBe('ExplicitDeny');
        expect(result.determiningStatements).toContain(`identity:${g.identity.length}#D`);
      }),
      RUNS,
    );
  });

  it('keeps a request denied by the permissions boundary denied whatever identity policies are added', () => {
    // A boundary that only allows an action no request uses; no resource policy (a same-account grant to the
    // user ARN is documented to bypass the boundary).
    const boundary: Doc = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'nomatch:*', Resource: '*' }],
    };
    fc.assert(
      fc.property(
        policySet,
        fc.array(policy(), { maxLength: 3 }),
        request([
          `arn:aws:iam::${A}:user/alice`,
          `arn:aws:sts::${A}:assumed-role/app/s1`,
          ...OTHER_ACCOUNT_PRINCIPALS,
        ]),
        (g, extra, r) => {
          const base = { ...g, resource: null, boundary };
          expect(run(base, r).decision).not.toBe('Allow');
          expect(run({ ...base, identity: [...g.identity, ...extra] }, r).decision).not.toBe(
            'Allow',
          );
        },
      ),
      RUNS,
    );
  });

  it('never turns an explicit deny into anything else by adding Allow statements anywhere', () => {
    const allowAll = { Effect: 'Allow', Action: '*', Resource: '*' };
    const add = (d: Doc | null, s: Record<string, unknown>): Doc => ({
      Version: '2012-10-17',
      Statement: [...(d?.Statement ?? []), s],
    });
    fc.assert(
      fc.property(policySet, request(ALL_PRINCIPALS), (g, r) => {
        const before = run(g, r);
        fc.pre(before.decision === 'ExplicitDeny');
        const widened: GeneratedSet = {
          identity: [...g.identity, add(null, allowAll)],
          resource: add(g.resource, { ...allowAll, Principal: '*' }),
          boundary: add(g.boundary, allowAll),
          session: add(g.session, allowAll),
          guardrails: [...g.guardrails.map((d) => add(d, allowAll)), add(null, allowAll)],
        };
        expect(run(widened, r)).toEqual(before);
      }),
      { ...RUNS, numRuns: 200 },
    );
  });

  it('is deterministic: same input, same result, also across interleaved requests and recompiles', () => {
    fc.assert(
      fc.property(policySet, request(ALL_PRINCIPALS), request(ALL_PRINCIPALS), (g, r1, r2) => {
        const compiled = compilePolicySet(toInput(g));
        const first = evaluate(compiled, r1);
        evaluate(compiled, r2);
        expect(evaluate(compiled, r1)).toEqual(first);
        expect(evaluate(compilePolicySet(toInput(g)), r1)).toEqual(first);
        const { result } = explain(compiled, r1);
        expect(result).toEqual(first);
      }),
      RUNS,
    );
  });

  it('matches actions case-insensitively: a randomly re-cased action gives the same result', () => {
    fc.assert(
      fc.property(
        policySet,
        request(ALL_PRINCIPALS),
        fc.infiniteStream(fc.boolean()),
        (g, r, flips) => {
          const recased = [...r.action]
            .map((ch) => (flips.next().value ? ch.toUpperCase() : ch.toLowerCase()))
            .join('');
          expect(run(g, { ...r, action: recased })).toEqual(run(g, r));
        },
      ),
      RUNS,
    );
  });

  it('matches resources case-sensitively: a re-cased resource ARN does not match the written one', () => {
    const resource = fc
      .tuple(
        fc.constantFrom('example-bucket/Reports/Q1.csv', 'Bucket/key', 'mixedCase/Path/File'),
        fc.infiniteStream(fc.boolean()),
      )
      .map(([key, flips]) => ({
        written: `arn:aws:s3:::${key}`,
        requested: `arn:aws:s3:::${[...key].map((ch) => (flips.next().value ? ch.toUpperCase() : ch.toLowerCase())).join('')}`,
      }));
    fc.assert(
      fc.property(resource, ({ written, requested }) => {
        const g: GeneratedSet = {
          identity: [
            {
              Version: '2012-10-17',
              Statement: [{ Sid: 'Exact', Effect: 'Allow', Action: 's3:*', Resource: written }],
            },
          ],
          resource: null,
          boundary: null,
          session: null,
          guardrails: [],
        };
        const result = run(g, {
          principal: `arn:aws:iam::${A}:user/alice`,
          action: 's3:GetObject',
          resource: requested,
          context: {},
        });
        expect(result.decision).toBe(requested === written ? 'Allow' : 'ImplicitDeny');
      }),
      RUNS,
    );
  });

  it('never allows a cross-account request when there is no resource-based policy', () => {
    fc.assert(
      fc.property(policySet, request(OTHER_ACCOUNT_PRINCIPALS), (g, r) => {
        expect(run({ ...g, resource: null }, r).decision).not.toBe('Allow');
      }),
      RUNS,
    );
  });

  it('treats a matching guardrail Deny as final', () => {
    fc.assert(
      fc.property(policySet, request(ALL_PRINCIPALS), (g, r) => {
        const guard: Doc = {
          Version: '2012-10-17',
          Statement: [{ Sid: 'GuardDeny', Effect: 'Deny', Action: r.action, Resource: '*' }],
        };
        const result = run({ ...g, guardrails: [...g.guardrails, guard] }, r);
        expect(result.decision).toBe('ExplicitDeny');
        expect(result.determiningStatements).toContain(
          `guardrail:${g.guardrails.length}#GuardDeny`,
        );
      }),
      RUNS,
    );
  });

  it('reports determining statements only for Allow and ExplicitDeny', () => {
    fc.assert(
      fc.property(policySet, request(ALL_PRINCIPALS), (g, r) => {
        const result = run(g, r);
        if (result.decision === 'ImplicitDeny') expect(result.determiningStatements).toEqual([]);
        if (result.decision === 'ExplicitDeny')
          expect(result.determiningStatements.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });
});
