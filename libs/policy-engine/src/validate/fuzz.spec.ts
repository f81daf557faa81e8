import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { POLICY_KINDS, type PolicyKind } from '../grammar/policy-elements.js';
import { POLICY_ISSUE_CODES, type PolicyIssue } from '../model/policy-issue.js';
import { MAX_JSON_DEPTH, parseJson } from '../parse/parse-json.js';
import { parsePolicyDocument } from '../parse/parse-policy-document.js';
import { BUILT_IN_CATALOGUE } from '../catalogue/catalogue.js';
import { validatePolicyDocument } from './validate-policy-document.js';

// Property tests: parse and validate never throw, always answer quickly and always return well-formed issues,
// whatever the input. The time bound is generous (1 s per call, typical calls take well under 1 ms) so that
// a slow CI machine does not make the suite flaky, while an accidental exponential path still fails it.

const MAX_MS_PER_CALL = 1_000;
const RUNS = 300;

const SEVERITIES = new Set(['error', 'warning', 'security-warning', 'suggestion']);

function timed<T>(call: () => T): T {
  const started = performance.now();
  const result = call();
  expect(performance.now() - started).toBeLessThan(MAX_MS_PER_CALL);
  return result;
}

/** Parses and validates `text` for every kind and checks the invariants of the answer. */
function checkEverything(text: string): void {
  const parsed = timed(() => parsePolicyDocument(text));
  const violations: string[] = [];
  for (const [index, kind] of POLICY_KINDS.entries()) {
    // Every other kind with the action catalogue, so its rule meets the same inputs.
    const catalogue = index % 2 === 1 ? BUILT_IN_CATALOGUE : undefined;
    const issues = timed(() => validatePolicyDocument(text, { kind, catalogue }));
    violations.push(...issueViolations(issues));
    if (parsed.ok) {
      for (const issue of issues) {
        if (parsed.positionOf(issue.pointer) === undefined)
          violations.push(`unresolvable pointer ${issue.pointer}`);
      }
    } else if (!issues.some((issue) => issue.severity === 'error')) {
      violations.push(`unparsable text without an error issue for ${kind}`);
    }
  }
  // One assertion per input: per-issue expect() calls would dominate the run time on large documents.
  expect(violations.slice(0, 5)).toEqual([]);
}

function issueViolations(issues: readonly PolicyIssue[]): string[] {
  const violations: string[] = [];
  let previous: PolicyIssue | undefined;
  for (const issue of issues) {
    const where = `${issue.code} at ${issue.pointer}`;
    if (!(issue.code in POLICY_ISSUE_CODES)) violations.push(`unknown code ${where}`);
    if (!SEVERITIES.has(issue.severity)) violations.push(`bad severity ${where}`);
    if (!(issue.pointer === '' || issue.pointer.startsWith('/')))
      violations.push(`bad pointer ${where}`);
    if (!(issue.line >= 1 && issue.column >= 1)) violations.push(`bad position ${where}`);
    if (issue.message.length === 0) violations.push(`empty message ${where}`);
    if (
      previous !== undefined &&
      !(
        previous.line < issue.line ||
        (previous.line === issue.line && previous.column <= issue.column)
      )
    ) {
      violations.push(`unsorted ${where}`);
    }
    previous = issue;
  }
  return violations;
}

const VALID_POLICIES: readonly unknown[] = [
  {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Read',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:List*'],
        Resource: ['arn:aws:s3:::bucket', 'arn:aws:s3:::bucket/${aws:username}/*'],
        Condition: {
          Bool: { 'aws:SecureTransport': 'true' },
          IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32'] },
          DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' },
          'ForAnyValue:StringLike': { 'aws:TagKeys': ['env*'] },
        },
      },
      { Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], NotResource: '*' },
    ],
  },
  {
    Version: '2012-10-17',
    Statement: {
      Effect: 'Allow',
      Principal: {
        AWS: ['111122223333', 'arn:aws:iam::111122223333:role/R'],
        Service: 'ec2.amazonaws.com',
      },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': 'x' } },
    },
  },
  {
    Version: '2008-10-17',
    Id: 'p',
    Statement: [
      {
        Sid: 'Public',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::b/*',
      },
    ],
  },
];

/** A mutation of a JSON value: at the `seed`-th node (pre-order), delete, duplicate, replace or rename. */
interface Mutation {
  readonly op: 'delete' | 'duplicate' | 'replace' | 'rename' | 'wrap';
  readonly seed: number;
  readonly replacement: unknown;
  readonly key: string;
}

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom('delete', 'duplicate', 'replace', 'rename', 'wrap'),
  seed: fc.nat(),
  replacement: fc.jsonValue({ maxDepth: 3 }),
  key: fc.oneof(
    fc.constantFrom(
      'Effect',
      'Action',
      'NotAction',
      'Resource',
      'Principal',
      'Condition',
      'Sid',
      'Statement',
      'Version',
    ),
    fc.string(),
  ),
});

type Container = Record<string, unknown> | unknown[];

function applyMutation(document: unknown, mutation: Mutation): unknown {
  const root: unknown = structuredClone(document);
  // Every (parent, key) pair, in pre-order; the root itself has no parent.
  const slots: Array<[Container, string | number]> = [];
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) {
      node.forEach((child, index) => {
        slots.push([node, index]);
        pending.push(child);
      });
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        slots.push([node as Record<string, unknown>, key]);
        pending.push(child);
      }
    }
  }
  if (slots.length === 0) return mutation.replacement;
  const [parent, key] = slots[mutation.seed % slots.length]!;
  const current = (parent as Record<string | number, unknown>)[key];
  if (Array.isArray(parent)) {
    const index = key as number;
    if (mutation.op === 'delete') parent.splice(index, 1);
    else if (mutation.op === 'duplicate') parent.splice(index, 0, structuredClone(current));
    else if (mutation.op === 'wrap') parent[index] = [current];
    else parent[index] = mutation.replacement;
    return root;
  }
  const object = parent;
  const name = key as string;
  if (mutation.op === 'delete') delete object[name];
  else if (mutation.op === 'rename') {
    delete object[name];
    object[mutation.key] = current;
  } else if (mutation.op === 'wrap') object[name] = { [mutation.key]: current };
  else if (mutation.op === 'duplicate') object[mutation.key] = structuredClone(current);
  else object[name] = mutation.replacement;
  return root;
}

/** Text-level damage: truncate, inject characters, repeat or cut a slice. */
interface TextMutation {
  readonly op: 'truncate' | 'inject' | 'repeat' | 'cut';
  readonly at: number;
  readonly length: number;
  readonly inserted: string;
}

const textMutationArb: fc.Arbitrary<TextMutation> = fc.record({
  op: fc.constantFrom('truncate', 'inject', 'repeat', 'cut'),
  at: fc.nat(),
  length: fc.nat({ max: 40 }),
  inserted: fc.oneof(
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: 'binary' }),
    fc.constantFrom('"', '{', '[', ',', ':', '\\', '\u0000', '\ufeff', '\ud800', '😀', '${', '*'),
  ),
});

function damage(text: string, mutation: TextMutation): string {
  const at = text.length === 0 ? 0 : mutation.at % text.length;
  switch (mutation.op) {
    case 'truncate':
      return text.slice(0, at);
    case 'inject':
      return text.slice(0, at) + mutation.inserted + text.slice(at);
    case 'repeat':
      return text.slice(0, at + mutation.length) + text.slice(at);
    case 'cut':
      return text.slice(0, at) + text.slice(at + mutation.length);
  }
}

describe('parse and validate fuzzing', () => {
  it('never throw on random strings', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.string({ unit: fc.constantFrom(...'{}[]",:0-1eE.tfnul\\ \n') }),
        ),
        (text) => {
          checkEverything(text);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('agree with JSON.parse on random JSON-ish text', () => {
    const jsonish = fc.oneof(
      fc.json({ maxDepth: 6 }),
      fc.tuple(fc.json({ maxDepth: 4 }), fc.nat(), fc.string()).map(([json, at, junk]) => {
        const cut = at % (json.length + 1);
        return json.slice(0, cut) + junk + json.slice(cut);
      }),
    );
    fc.assert(
      fc.property(jsonish, (text) => {
        let expected: { ok: true; value: unknown } | { ok: false };
        try {
          expected = { ok: true, value: JSON.parse(text) as unknown };
        } catch {
          expected = { ok: false };
        }
        const actual = timed(() => parseJson(text));
        if (!actual.ok && actual.error.code === 'JSON_NESTING_TOO_DEEP') return;
        expect(actual.ok).toBe(expected.ok);
        if (actual.ok && expected.ok) expect(actual.value).toStrictEqual(expected.value);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('never throw on random JSON values as policies', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        checkEverything(JSON.stringify(value));
      }),
      { numRuns: RUNS },
    );
  });

  it('never throw on structural mutations of valid policies', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...VALID_POLICIES),
        fc.array(mutationArb, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (policy, mutations, pretty) => {
          const mutated = mutations.reduce(applyMutation, policy);
          checkEverything(JSON.stringify(mutated, null, pretty ? 2 : 0) ?? 'undefined');
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('never throw on text damage to valid policies', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...VALID_POLICIES),
        fc.array(textMutationArb, { minLength: 1, maxLength: 3 }),
        (policy, mutations) => {
          const text = mutations.reduce(damage, JSON.stringify(policy, null, 2));
          checkEverything(text);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('finds no issue in the valid seed policies (so mutations start from a clean baseline)', () => {
    const kinds: PolicyKind[] = ['managed', 'trust', 'resource'];
    VALID_POLICIES.forEach((policy, index) => {
      const issues = validatePolicyDocument(JSON.stringify(policy), { kind: kinds[index]! });
      expect(issues.filter((issue) => issue.severity === 'error')).toEqual([]);
    });
  });

  it.each([
    { title: '10,000 `[`', text: '['.repeat(10_000) },
    { title: '100,000 `[`', text: '['.repeat(100_000) },
    { title: '100,000 nested objects', text: '{"Statement":'.repeat(100_000) },
    { title: 'balanced deep nesting', text: '['.repeat(50_000) + ']'.repeat(50_000) },
    {
      title: `nesting at the depth limit inside a policy`,
      text: `{"Statement":[{"Effect":"Allow","Action":${'['.repeat(MAX_JSON_DEPTH - 3)}"s3:x"${']'.repeat(MAX_JSON_DEPTH - 3)},"Resource":"*"}]}`,
    },
    {
      title: 'a long array of actions',
      text: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: Array.from({ length: 10_000 }, (_, i) => `s3:A${i}*`),
            Resource: '*',
          },
        ],
      }),
    },
    {
      title: 'a long string of wildcards',
      text: JSON.stringify({
        Statement: [
          {
            Effect: 'Allow',
            Action: ['s3:' + '*a'.repeat(5_000), 's3:' + 'a'.repeat(10_000)],
            Resource: 'arn:aws:iam::111122223333:role/' + 'a/'.repeat(5_000) + '!',
          },
        ],
      }),
    },
    { title: 'many unicode characters', text: `{"Id": "${'😀'.repeat(50_000)}"}` },
    { title: 'many lines', text: '{' + '\n'.repeat(100_000) + '}' },
  ])('handles $title quickly', ({ text }) => {
    checkEverything(text);
  });
});
