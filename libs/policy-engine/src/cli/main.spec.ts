import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseToEvaluationInput, InvalidCaseError } from './case-format.js';
import { runCli } from './main.js';

function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'iam-policy-cli-'));
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const CASE = {
  id: 'one',
  request: {
    principal: 'arn:aws:iam::111122223333:user/a',
    action: 's3:GetObject',
    resource: '*',
    context: { n: 3, m: ['a', true] },
  },
  identityPolicies: [
    {
      Version: '2012-10-17',
      Statement: { Sid: 'S', Effect: 'Allow', Action: 's3:*', Resource: '*' },
    },
  ],
  resourcePolicy: null,
  guardrails: [],
  resourceAccount: '111122223333',
};

describe('caseToEvaluationInput', () => {
  it('names policies by role and index and stringifies context scalars', () => {
    const { input, request } = caseToEvaluationInput({
      ...CASE,
      guardrails: [{}, {}],
      permissionsBoundary: {},
      sessionPolicy: {},
      resourcePolicy: {},
    });
    expect(input.identityPolicies.map((p) => p.id)).toEqual(['identity:0']);
    expect(input.guardrails!.map((p) => p.id)).toEqual(['guardrail:0', 'guardrail:1']);
    expect([
      input.resourcePolicy?.id,
      input.permissionsBoundary?.id,
      input.sessionPolicy?.id,
    ]).toEqual(['resource', 'boundary', 'session']);
    expect(request.context).toEqual({ n: '3', m: ['a', 'true'] });
  });
  it('rejects cases without the documented shape', () => {
    expect(() => caseToEvaluationInput({ id: 'x' })).toThrow(InvalidCaseError);
    expect(() =>
      caseToEvaluationInput({ ...CASE, request: { ...CASE.request, action: 1 } }),
    ).toThrow(/request.action/);
    expect(() =>
      caseToEvaluationInput({ ...CASE, request: { ...CASE.request, context: { k: {} } } }),
    ).toThrow(InvalidCaseError);
  });
});

describe('runCli', () => {
  it('evaluates cases as JSON lines', () => {
    const r = cli(
      'evaluate',
      '--cases',
      file('cases.json', { cases: [CASE, { ...CASE, id: 'two', explain: true }] }),
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out[0]!)).toEqual({
      id: 'one',
      decision: 'Allow',
      determiningStatements: ['identity:0#S'],
    });
    expect(JSON.parse(r.out[1]!).explanation.decision).toBe('Allow');
  });
  it('validates a file and exits 1 on errors', () => {
    const ok = cli(
      'validate',
      file('ok.json', {
        Version: '2012-10-17',
        Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
      }),
    );
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out.join('\n'))).toEqual([]);
    const bad = cli('validate', file('bad.json', '{"Statement": 1}'), '--kind', 'managed');
    expect(bad.code).toBe(1);
  });
  it.each([
    { title: 'no command', argv: [] },
    { title: 'an unknown command', argv: ['frobnicate'] },
    { title: 'a missing --cases', argv: ['evaluate'] },
    { title: 'an unknown kind', argv: ['validate', 'x.json', '--kind', 'nope'] },
    { title: 'a bad --seconds', argv: ['bench', '--cases', 'x', '--seconds', '-1'] },
    { title: 'an unknown option', argv: ['evaluate', '--case', 'x'] },
  ])('exits 2 for $title', ({ argv }) => {
    const r = cli(...argv);
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toMatch(/^iam-policy: /);
  });
  it('exits 2 with a message for unreadable or malformed case files', () => {
    expect(cli('evaluate', '--cases', join(dir, 'missing.json')).code).toBe(2);
    expect(cli('evaluate', '--cases', file('notjson.json', 'nope')).err[0]).toMatch(
      /not valid JSON/,
    );
    expect(cli('evaluate', '--cases', file('shape.json', { cases: {} })).code).toBe(2);
  });
  it('benchmarks cases', () => {
    const r = cli('bench', '--cases', file('bench.json', { cases: [CASE] }), '--seconds', '0.2');
    expect(r.code).toBe(0);
    const figures = JSON.parse(r.out[0]!) as {
      decisionsPerSecond: number;
      p50Micros: number;
      p99Micros: number;
    };
    expect(figures.decisionsPerSecond).toBeGreaterThan(0);
    expect(figures.p99Micros).toBeGreaterThanOrEqual(figures.p50Micros);
  });
});
