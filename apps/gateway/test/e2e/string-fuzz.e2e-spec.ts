import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  buildASTSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  parse,
} from 'graphql';
import type { GraphQLField, GraphQLInputType, GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSuite } from '@iam/testing';
import type { Suite } from '@iam/testing';
import { createAccount } from '../support/e2e.js';

// Fuzzes every string argument of every operation of the supergraph through the gateway, against the distributed
// suite (real PostgreSQL and Kafka): arbitrary text, control characters, NUL and unpaired surrogates included. Any
// answer may be an error, but never a 5xx, never InternalFailure or ServiceUnavailable, and the services keep
// serving. The operations and their string arguments come from the committed supergraph, so a new operation is
// fuzzed without editing this file. Bounded: a fixed seed and a few runs per argument.

const SEED = 20261204;
const RUNS_PER_ARGUMENT = 4;
const ANONYMOUS = new Set(['signIn', 'refreshSession']);

const schema = buildASTSchema(
  parse(readFileSync(new URL('../../supergraph.graphql', import.meta.url), 'utf8')),
  { assumeValidSDL: true },
);

/** Where a string sits inside an operation's arguments: the argument name, then input fields and list indexes. */
type StringPath = readonly (string | number)[];

interface Target {
  readonly operation: 'query' | 'mutation';
  readonly field: GraphQLField<unknown, unknown>;
  readonly path: StringPath;
}

function isStringLike(type: GraphQLInputType): boolean {
  const named = getNamedType(type);
  return isScalarType(named) && (named.name === 'String' || named.name === 'ID');
}

/** Every string (String or ID) position reachable in a value of `type`, lists entered at index 0. */
function stringPaths(type: GraphQLInputType, prefix: StringPath, depth = 0): StringPath[] {
  const inner = getNullableType(type);
  if (isListType(inner)) return stringPaths(inner.ofType, [...prefix, 0], depth);
  if (isStringLike(inner)) return [prefix];
  if (isInputObjectType(inner) && depth < 4) {
    return Object.values(inner.getFields()).flatMap((f) =>
      stringPaths(f.type, [...prefix, f.name], depth + 1),
    );
  }
  return [];
}

function targetsOf(root: GraphQLObjectType | null | undefined, operation: Target['operation']) {
  if (!root) return [];
  return Object.values(root.getFields()).flatMap((field) =>
    field.args.flatMap((arg) =>
      stringPaths(arg.type, [arg.name]).map((path): Target => ({ operation, field, path })),
    ),
  );
}

const TARGETS: Target[] = [
  ...targetsOf(schema.getQueryType(), 'query'),
  ...targetsOf(schema.getMutationType(), 'mutation'),
];

/** A plausible value for a string named `name`, so that the fuzzed one is checked beside valid siblings. */
function plausibleString(name: string, accountId: string): string {
  if (name === 'accountId' || name === 'account') return accountId;
  if (/policy|document/i.test(name)) return '{"Version":"2012-10-17","Statement":[]}';
  if (/password/i.test(name)) return 'violet-anchor-prism-47';
  if (/code/i.test(name)) return '123456';
  return 'fuzz';
}

/** A value of `type` with its required parts filled with plausible values (and `accountId`, always). */
function baselineOf(type: GraphQLInputType, name: string, accountId: string): unknown {
  const inner = getNullableType(type);
  if (isListType(inner)) return [baselineOf(inner.ofType, name, accountId)];
  if (isInputObjectType(inner)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(inner.getFields())) {
      if (isNonNullType(field.type) || field.name === 'accountId')
        value[field.name] = baselineOf(field.type, field.name, accountId);
    }
    return value;
  }
  if (isStringLike(inner)) return plausibleString(name, accountId);
  if (isEnumType(inner)) return inner.getValues()[0]!.value;
  if (isScalarType(inner) && inner.name === 'Int') return 1;
  if (isScalarType(inner) && inner.name === 'Boolean') return false;
  if (isScalarType(inner) && inner.name === 'DateTime') return '2026-12-04T00:00:00Z';
  return {};
}

/** The baseline value of `type` with `text` at `path` (input fields and list indexes below the argument). */
function valueAt(
  type: GraphQLInputType,
  name: string,
  path: StringPath,
  text: string,
  accountId: string,
): unknown {
  const inner = getNullableType(type);
  if (path.length === 0) return text;
  if (isListType(inner)) return [valueAt(inner.ofType, name, path.slice(1), text, accountId)];
  if (isInputObjectType(inner)) {
    const value = baselineOf(type, name, accountId) as Record<string, unknown>;
    const next = String(path[0]);
    value[next] = valueAt(inner.getFields()[next]!.type, next, path.slice(1), text, accountId);
    return value;
  }
  return baselineOf(type, name, accountId);
}

/** The request that puts `text` at the target's string position; every argument travels as a variable. */
function requestOf(target: Target, text: string, accountId: string) {
  const { field, path } = target;
  const variables: Record<string, unknown> = {};
  const declarations: string[] = [];
  const args: string[] = [];
  for (const arg of field.args) {
    const onPath = path[0] === arg.name;
    if (!onPath && !isNonNullType(arg.type) && arg.name !== 'accountId') continue;
    declarations.push(`$${arg.name}: ${arg.type.toString()}`);
    args.push(`${arg.name}: $${arg.name}`);
    variables[arg.name] = onPath
      ? valueAt(arg.type, arg.name, path.slice(1), text, accountId)
      : baselineOf(arg.type, arg.name, accountId);
  }
  const returns = getNamedType(field.type);
  const selection = isScalarType(returns) || isEnumType(returns) ? '' : ' { __typename }';
  const head = declarations.length > 0 ? `(${declarations.join(', ')})` : '';
  const call = args.length > 0 ? `(${args.join(', ')})` : '';
  return {
    query: `${target.operation} Fuzz${head} { ${field.name}${call}${selection} }`,
    variables,
  };
}

/** Text that probes the edges: control characters, NUL, unpaired surrogates, quotes, and any UTF-16 unit. */
const hostileText = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      '\u0000',
      '\ud800',
      '\udfff',
      '\u0001',
      '\u001f',
      '\u007f',
      '\n',
      '%',
      "'",
      '"',
      '\\',
    ),
    fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 40,
});

describe('every string argument of every operation, fuzzed through the gateway', () => {
  let suite: Suite;
  let accountId: string;

  beforeAll(async () => {
    suite = await startSuite();
    accountId = await createAccount(suite);
  }, 300_000);

  afterAll(async () => {
    await suite?.stop();
  });

  it('derives the operations from the supergraph', () => {
    const names = new Set(TARGETS.map((t) => t.field.name));
    for (const name of [
      'signIn',
      'getUser',
      'createUser',
      'listUsers',
      'auditEvents',
      'validatePolicy',
    ])
      expect(names).toContain(name);
  });

  it('never answers 5xx, InternalFailure or ServiceUnavailable, and keeps serving', async () => {
    const failures: string[] = [];
    for (const target of TARGETS) {
      const label = `${target.field.name}(${target.path.join('.')})`;
      await fc
        .assert(
          fc.asyncProperty(hostileText, async (text) => {
            const { query, variables } = requestOf(target, text, accountId);
            const token = ANONYMOUS.has(target.field.name) ? null : undefined;
            const answer = await suite.graphql(query, variables, token);
            const bad = (answer.errors ?? []).filter((e) =>
              ['InternalFailure', 'ServiceUnavailable'].includes(String(e.extensions?.['code'])),
            );
            // A document or variable the fuzzer built wrongly would test nothing: it must never happen.
            const malformed = (answer.errors ?? []).filter((e) =>
              ['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_USER_INPUT'].includes(
                String(e.extensions?.['code']),
              ),
            );
            if (malformed.length > 0) {
              failures.push(`${label}: the fuzzer sent a bad request ${JSON.stringify(malformed)}`);
              return false;
            }
            if (answer.status >= 500 || bad.length > 0) {
              failures.push(
                `${label} ${JSON.stringify(text)}: ${answer.status} ${JSON.stringify(bad)}`,
              );
              return false;
            }
            return true;
          }),
          {
            seed: SEED,
            numRuns: RUNS_PER_ARGUMENT,
            examples: [['\u0000'], ['a\ud800'], ['\udc00'], ['']],
            endOnFailure: true,
          },
        )
        .catch(() => undefined);
    }
    expect(failures).toEqual([]);
    const alive = await suite.graphql(`query { getCallerIdentity { __typename } }`);
    expect(alive.errors).toBeUndefined();
    for (const service of [...Object.values(suite.services), suite.gateway]) {
      expect((await fetch(`${service.url}/health/live`)).ok).toBe(true);
    }
  }, 180_000);
});
