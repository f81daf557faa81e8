import { describe, expect, it } from 'vitest';
import { parsePolicyDocument } from './parse-policy-document.js';

const TEXT = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Read",
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:ListBucket"],
      "Resource": "arn:aws:s3:::b/*",
      "Condition": { "Bool": { "aws:SecureTransport": "true" } }
    },
    42,
    { "Effect": "Deny", "NotAction": "iam:*", "NotResource": "*", "Principal": { "AWS": "*" } }
  ]
}`;

describe(parsePolicyDocument.name, () => {
  it('builds the AST with pointers and positions', () => {
    const result = parsePolicyDocument(TEXT);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { document } = result;
    expect(document.version?.strings?.[0]?.value).toBe('2012-10-17');
    expect(document.statements.map((s) => [s.index, s.pointer])).toEqual([
      [0, '/Statement/0'],
      [2, '/Statement/2'],
    ]);
    const [first, second] = document.statements;
    expect(first?.sid).toMatchObject({
      pointer: '/Statement/0/Sid',
      keyPosition: { line: 5, column: 7 },
    });
    expect(first?.action?.strings?.map((s) => [s.value, s.pointer])).toEqual([
      ['s3:GetObject', '/Statement/0/Action/0'],
      ['s3:ListBucket', '/Statement/0/Action/1'],
    ]);
    expect(first?.action?.isSingleString).toBe(false);
    expect(first?.resource?.isSingleString).toBe(true);
    expect(first?.condition?.value.type).toBe('object');
    expect(second?.notAction?.strings?.[0]?.value).toBe('iam:*');
    expect(second?.notResource?.pointer).toBe('/Statement/2/NotResource');
    expect(second?.principal?.value.type).toBe('object');
    expect(result.value).toStrictEqual(JSON.parse(TEXT));
  });

  it('answers positionOf for any pointer, escaped keys included', () => {
    const result = parsePolicyDocument(TEXT);
    if (!result.ok) throw new Error('expected a parse');
    expect(result.positionOf('')).toEqual({ line: 1, column: 1 });
    expect(result.positionOf('/Statement/0/Action/1')).toEqual({ line: 7, column: 34 });
    expect(result.positionOf('/Statement/0/Condition/Bool/aws:SecureTransport')).toEqual({
      line: 9,
      column: 55,
    });
    expect(result.positionOf('/Statement/1')).toEqual({ line: 11, column: 5 });
    expect(result.positionOf('/Statement/9')).toBeUndefined();
    const escaped = parsePolicyDocument('{"a/b": {"c~d": 1}}');
    expect(escaped.ok && escaped.positionOf('/a~1b/c~0d')).toEqual({ line: 1, column: 17 });
  });

  it('uses the last of duplicate keys, like JSON.parse', () => {
    const result = parsePolicyDocument('{"Statement": {"Effect": "Deny", "Effect": "Allow"}}');
    expect(result.ok && result.document.statements[0]?.effect?.strings?.[0]?.value).toBe('Allow');
  });

  it.each([
    { text: '{"Version": }', code: 'JSON_SYNTAX_ERROR', pointer: '/Version' },
    { text: '[]', code: 'DATA_TYPE_MISMATCH', pointer: '' },
    { text: '"policy"', code: 'DATA_TYPE_MISMATCH', pointer: '' },
    { text: '['.repeat(100_000), code: 'JSON_NESTING_TOO_DEEP', pointer: '/0'.repeat(64) },
  ])('fails with $code for $text', ({ text, code, pointer }) => {
    const result = parsePolicyDocument(text);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues).toEqual([
        expect.objectContaining({ code, severity: 'error', pointer }),
      ]);
  });
});
