import { describe, expect, it } from 'vitest';
import { compileConditions } from '../../compile/compile-conditions.js';
import type { CompileIssue } from '../../model/compile-issue.js';
import type { ContextValue } from '../../model/authorization-request.js';
import { RequestContextView } from '../request-context.js';
import { evaluateCondition } from './evaluate-condition.js';

/** Evaluates one Condition element (all of its operators and keys, ANDed). */
function holds(
  condition: unknown,
  context: Record<string, ContextValue>,
  variables = true,
): boolean {
  const issues: CompileIssue[] = [];
  const compiled = compileConditions(condition, '/Statement/0/Condition', variables, issues);
  expect(issues).toEqual([]);
  const view = new RequestContextView(context);
  return compiled.every((c) => evaluateCondition(c, view));
}

describe('evaluateCondition', () => {
  describe('string operators', () => {
    it.each([
      { op: 'StringEquals', value: 'Alice', ctx: 'Alice', expected: true },
      { op: 'StringEquals', value: 'Alice', ctx: 'alice', expected: false },
      { op: 'StringEquals', value: 'a*', ctx: 'ab', expected: false },
      { op: 'StringNotEquals', value: 'Alice', ctx: 'Bob', expected: true },
      { op: 'StringEqualsIgnoreCase', value: 'Alice', ctx: 'aLICE', expected: true },
      { op: 'StringNotEqualsIgnoreCase', value: 'Alice', ctx: 'aLICE', expected: false },
      { op: 'StringLike', value: 'home/*/x?', ctx: 'home/a/b/xy', expected: true },
      { op: 'StringLike', value: 'home/*', ctx: 'HOME/a', expected: false },
      { op: 'StringNotLike', value: 'home/*', ctx: 'other', expected: true },
    ])('$op `$value` vs `$ctx` is $expected', ({ op, value, ctx, expected }) => {
      expect(holds({ [op]: { k: value } }, { k: ctx })).toBe(expected);
    });

    it('ORs several values and NORs them for negated operators', () => {
      expect(holds({ StringEquals: { k: ['a', 'b'] } }, { k: 'b' })).toBe(true);
      expect(holds({ StringNotEquals: { k: ['a', 'b'] } }, { k: 'b' })).toBe(false);
      expect(holds({ StringNotEquals: { k: ['a', 'b'] } }, { k: 'c' })).toBe(true);
    });

    it('ANDs several keys and several operators', () => {
      const condition = { StringEquals: { a: '1', b: '2' }, StringLike: { c: 'x*' } };
      expect(holds(condition, { a: '1', b: '2', c: 'xy' })).toBe(true);
      expect(holds(condition, { a: '1', b: '3', c: 'xy' })).toBe(false);
    });

    it('looks condition keys up case-insensitively', () => {
      expect(
        holds({ StringEquals: { 'aws:PrincipalTag/Team': 'x' } }, { 'AWS:principaltag/team': 'x' }),
      ).toBe(true);
    });
  });

  describe('missing keys', () => {
    it('makes positive operators false and negated operators true', () => {
      expect(holds({ StringEquals: { k: 'a' } }, {})).toBe(false);
      expect(holds({ StringNotLike: { k: 'a' } }, {})).toBe(true);
      expect(holds({ NotIpAddress: { k: '10.0.0.0/8' } }, {})).toBe(true);
      expect(holds({ ArnNotEquals: { k: 'arn:aws:iam::1:root' } }, {})).toBe(true);
    });
    it('makes ...IfExists true', () => {
      expect(holds({ StringEqualsIfExists: { k: 'a' } }, {})).toBe(true);
      expect(holds({ StringEqualsIfExists: { k: 'a' } }, { k: 'b' })).toBe(false);
      expect(holds({ NumericLessThanIfExists: { k: '3' } }, {})).toBe(true);
    });
    it('answers Null checks', () => {
      expect(holds({ Null: { k: 'true' } }, {})).toBe(true);
      expect(holds({ Null: { k: true } }, { k: 'x' })).toBe(false);
      expect(holds({ Null: { k: 'false' } }, { k: 'x' })).toBe(true);
      expect(holds({ Null: { k: 'false' } }, { k: [] })).toBe(false);
    });
  });

  describe('set operators', () => {
    it('ForAllValues needs every request value to match, and is true for missing or empty keys', () => {
      const c = { 'ForAllValues:StringLike': { k: ['a*', 'b'] } };
      expect(holds(c, { k: ['ab', 'b'] })).toBe(true);
      expect(holds(c, { k: ['ab', 'c'] })).toBe(false);
      expect(holds(c, {})).toBe(true);
      expect(holds(c, { k: [] })).toBe(true);
    });
    it('ForAnyValue needs one matching request value, and is false for missing or empty keys', () => {
      const c = { 'ForAnyValue:StringEquals': { k: ['a', 'b'] } };
      expect(holds(c, { k: ['x', 'b'] })).toBe(true);
      expect(holds(c, { k: ['x'] })).toBe(false);
      expect(holds(c, {})).toBe(false);
      expect(holds(c, { k: '' })).toBe(false);
    });
    it('negates per request value', () => {
      expect(holds({ 'ForAllValues:StringNotEquals': { k: ['a'] } }, { k: ['b', 'c'] })).toBe(true);
      expect(holds({ 'ForAllValues:StringNotEquals': { k: ['a'] } }, { k: ['b', 'a'] })).toBe(
        false,
      );
      expect(holds({ 'ForAnyValue:StringNotEquals': { k: ['a'] } }, { k: ['a', 'b'] })).toBe(true);
    });
    it('treats a multivalued key under a plain operator as any-match', () => {
      expect(holds({ StringEquals: { k: 'b' } }, { k: ['a', 'b'] })).toBe(true);
      expect(holds({ StringNotEquals: { k: 'b' } }, { k: ['a', 'b'] })).toBe(false);
    });
  });

  describe('numeric, date, bool, binary', () => {
    it.each([
      { op: 'NumericEquals', value: '10', ctx: '10.0', expected: true },
      { op: 'NumericNotEquals', value: '10', ctx: '11', expected: true },
      { op: 'NumericLessThan', value: 10, ctx: '9.5', expected: true },
      { op: 'NumericLessThanEquals', value: '10', ctx: '10', expected: true },
      { op: 'NumericGreaterThan', value: '10', ctx: '10', expected: false },
      { op: 'NumericGreaterThanEquals', value: '10', ctx: 'abc', expected: false },
      {
        op: 'DateLessThan',
        value: '2030-01-01T00:00:00Z',
        ctx: '2026-11-28T12:00:00Z',
        expected: true,
      },
      { op: 'DateGreaterThan', value: '2030-01-01', ctx: '1893456001', expected: true },
      {
        op: 'DateEquals',
        value: '2020-01-01T01:00:00+01:00',
        ctx: '2020-01-01T00:00:00Z',
        expected: true,
      },
      {
        op: 'DateNotEquals',
        value: '1577836800',
        ctx: '2020-01-01T00:00:00.000Z',
        expected: false,
      },
      {
        op: 'DateLessThanEquals',
        value: '2020-01-01T00:00:00Z',
        ctx: 'not a date',
        expected: false,
      },
      { op: 'Bool', value: true, ctx: 'TRUE', expected: true },
      { op: 'Bool', value: 'false', ctx: 'true', expected: false },
      { op: 'BinaryEquals', value: 'QmluYXJ5', ctx: 'QmluYXJ5', expected: true },
      { op: 'BinaryEquals', value: 'QmluYXJ5', ctx: 'QmluYXJ6', expected: false },
    ])('$op `$value` vs `$ctx` is $expected', ({ op, value, ctx, expected }) => {
      expect(holds({ [op]: { k: value } }, { k: ctx })).toBe(expected);
    });
  });

  describe('IP addresses', () => {
    it.each([
      { cidr: '203.0.113.0/24', ip: '203.0.113.7', expected: true },
      { cidr: '203.0.113.0/24', ip: '203.0.114.7', expected: false },
      { cidr: '203.0.113.7', ip: '203.0.113.7', expected: true },
      { cidr: '0.0.0.0/0', ip: '8.8.8.8', expected: true },
      { cidr: '2001:DB8:1234:5678::/64', ip: '2001:db8:1234:5678:abcd::1', expected: true },
      { cidr: '2001:DB8:1234:5678::/64', ip: '2001:db8:1234:5679::1', expected: false },
      { cidr: '::ffff:0:0/96', ip: '::ffff:10.0.0.1', expected: true },
      { cidr: '10.0.0.0/8', ip: '2001:db8::1', expected: false },
      { cidr: '10.0.0.0/8', ip: 'not-an-ip', expected: false },
    ])('$cidr contains $ip: $expected', ({ cidr, ip, expected }) => {
      expect(holds({ IpAddress: { 'aws:SourceIp': cidr } }, { 'aws:SourceIp': ip })).toBe(expected);
      expect(holds({ NotIpAddress: { 'aws:SourceIp': cidr } }, { 'aws:SourceIp': ip })).toBe(
        !expected,
      );
    });
  });

  describe('ARN operators', () => {
    it('matches segment by segment', () => {
      const c = { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::bucket-*' } };
      expect(holds(c, { 'aws:SourceArn': 'arn:aws:s3:::bucket-1' })).toBe(true);
      expect(
        holds(
          { ArnEquals: { k: 'arn:aws:iam::*:role/x' } },
          { k: 'arn:aws:iam::123456789012:role/x' },
        ),
      ).toBe(true);
      expect(
        holds({ ArnLike: { k: 'arn:aws:iam::1*:role/x' } }, { k: 'arn:aws:iam::12:extra:role/x' }),
      ).toBe(false);
      expect(
        holds({ ArnNotLike: { k: 'arn:aws:sqs:*:*:q' } }, { k: 'arn:aws:sqs:us-east-1:1:q' }),
      ).toBe(false);
      expect(holds({ ArnLike: { k: 'arn:aws:s3:::b' } }, { k: 'not-an-arn' })).toBe(false);
    });
  });

  describe('policy variables in condition values', () => {
    it('substitutes in string and ARN operators', () => {
      expect(
        holds(
          { StringLike: { 's3:prefix': 'home/${aws:username}/*' } },
          { 's3:prefix': 'home/al/x', 'aws:username': 'al' },
        ),
      ).toBe(true);
      expect(
        holds(
          { ArnEquals: { k: 'arn:aws:iam::1:user/${aws:username}' } },
          { k: 'arn:aws:iam::1:user/al', 'aws:username': 'al' },
        ),
      ).toBe(true);
    });
    it('fails the match when the variable has no value', () => {
      expect(holds({ StringEquals: { k: '${aws:username}' } }, { k: '' })).toBe(false);
      expect(holds({ StringEquals: { k: "${aws:username, 'anon'}" } }, { k: 'anon' })).toBe(true);
    });

    // AWS: reference_policies_variables.html#policy-vars-no-value: a variable with no value "is effectively null.
    // There is no equal or like value"; "Inverted condition operators like StringNotEquals or StringNotLike do
    // match against a null value".
    describe('a variable with no value is effectively null', () => {
      const ctx = { k: 'x', 'aws:username': 'al' };
      it.each([
        { op: 'StringEquals', value: '${aws:PrincipalTag/team}', expected: false },
        { op: 'StringEqualsIgnoreCase', value: '${aws:PrincipalTag/team}', expected: false },
        { op: 'StringLike', value: '${aws:PrincipalTag/team}*', expected: false },
        { op: 'StringNotEquals', value: '${aws:PrincipalTag/team}', expected: true },
        { op: 'StringNotEqualsIgnoreCase', value: '${aws:PrincipalTag/team}', expected: true },
        { op: 'StringNotLike', value: '${aws:PrincipalTag/team}*', expected: true },
        { op: 'StringNotEqualsIfExists', value: '${aws:PrincipalTag/team}', expected: true },
        { op: 'StringEqualsIfExists', value: '${aws:PrincipalTag/team}', expected: false },
        { op: 'StringNotLikeIfExists', value: '${aws:PrincipalTag/team}*', expected: true },
      ])('$op against it is $expected when the key is present', ({ op, value, expected }) => {
        expect(holds({ [op]: { k: value } }, ctx)).toBe(expected);
      });

      it.each([
        { op: 'ArnEquals', expected: false },
        { op: 'ArnLike', expected: false },
        { op: 'ArnNotEquals', expected: true },
        { op: 'ArnNotLike', expected: true },
        { op: 'ArnNotLikeIfExists', expected: true },
      ])('$op against it is $expected', ({ op, expected }) => {
        const arn = 'arn:aws:iam::1:user/al';
        expect(
          holds({ [op]: { k: 'arn:aws:iam::1:user/${aws:PrincipalTag/name}' } }, { k: arn }),
        ).toBe(expected);
      });

      it('is one value among others: the others still match (OR) or exclude (NOR)', () => {
        const values = ['${aws:PrincipalTag/team}', 'x'];
        expect(holds({ StringEquals: { k: values } }, ctx)).toBe(true);
        expect(holds({ StringNotEquals: { k: values } }, ctx)).toBe(false);
        expect(holds({ StringNotEquals: { k: ['${aws:PrincipalTag/team}', 'y'] } }, ctx)).toBe(
          true,
        );
      });

      it('leaves a missing condition key to the missing-key rule', () => {
        expect(holds({ StringNotEquals: { absent: '${aws:PrincipalTag/team}' } }, ctx)).toBe(true);
        expect(holds({ StringEquals: { absent: '${aws:PrincipalTag/team}' } }, ctx)).toBe(false);
        expect(holds({ StringEqualsIfExists: { absent: '${aws:PrincipalTag/team}' } }, ctx)).toBe(
          true,
        );
      });

      it('applies to every request value under ForAllValues and ForAnyValue', () => {
        const m = { m: ['a', 'b'] };
        expect(holds({ 'ForAllValues:StringNotEquals': { m: '${aws:PrincipalTag/t}' } }, m)).toBe(
          true,
        );
        expect(holds({ 'ForAnyValue:StringNotEquals': { m: '${aws:PrincipalTag/t}' } }, m)).toBe(
          true,
        );
        expect(holds({ 'ForAllValues:StringEquals': { m: '${aws:PrincipalTag/t}' } }, m)).toBe(
          false,
        );
        expect(holds({ 'ForAnyValue:StringEquals': { m: '${aws:PrincipalTag/t}' } }, m)).toBe(
          false,
        );
        expect(
          holds({ 'ForAnyValue:StringNotLike': { m: ['${aws:PrincipalTag/t}', 'a'] } }, m),
        ).toBe(true);
      });

      it('counts a multivalued variable key as having no value', () => {
        expect(holds({ StringNotEquals: { k: '${m}' } }, { k: 'a', m: ['a'] })).toBe(true);
      });
    });
    it('does not substitute a multivalued key', () => {
      expect(holds({ StringEquals: { k: '${m}' } }, { k: 'a', m: ['a'] })).toBe(false);
    });
    it('keeps the text literal without variable support (Version 2008-10-17)', () => {
      expect(holds({ StringEquals: { k: '${x}' } }, { k: '${x}', x: 'a' }, false)).toBe(true);
    });
    it('lets ${*} stand for a literal asterisk', () => {
      expect(holds({ StringLike: { k: 'a${*}' } }, { k: 'a*' })).toBe(true);
      expect(holds({ StringLike: { k: 'a${*}' } }, { k: 'ab' })).toBe(false);
    });
  });

  describe('malformed conditions', () => {
    it.each([
      {
        title: 'unknown operator',
        condition: { StringEqualz: { k: 'a' } },
        code: 'INVALID_CONDITION_OPERATOR',
      },
      {
        title: 'NullIfExists',
        condition: { NullIfExists: { k: 'true' } },
        code: 'INVALID_CONDITION_OPERATOR',
      },
      { title: 'bad number', condition: { NumericLessThan: { k: 'ten' } }, code: 'TYPE_MISMATCH' },
      { title: 'bad date', condition: { DateLessThan: { k: 'tomorrow' } }, code: 'TYPE_MISMATCH' },
      { title: 'bad CIDR', condition: { IpAddress: { k: '10.0.0.0/33' } }, code: 'TYPE_MISMATCH' },
      { title: 'bad bool', condition: { Bool: { k: 'yes' } }, code: 'TYPE_MISMATCH' },
      { title: 'bad base64', condition: { BinaryEquals: { k: '@@' } }, code: 'TYPE_MISMATCH' },
      {
        title: 'object value',
        condition: { StringEquals: { k: { a: 1 } } },
        code: 'DATA_TYPE_MISMATCH',
      },
      { title: 'array block', condition: { StringEquals: ['a'] }, code: 'DATA_TYPE_MISMATCH' },
    ])('reports $title', ({ condition, code }) => {
      const issues: CompileIssue[] = [];
      compileConditions(condition, '/Statement/0/Condition', true, issues);
      expect(issues.map((i) => i.code)).toEqual([code]);
    });
  });
});
