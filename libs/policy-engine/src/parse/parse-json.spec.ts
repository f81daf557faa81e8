import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, parseJson } from './parse-json.js';

describe(parseJson.name, () => {
  it.each([
    '{}',
    '[]',
    '  {"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9\\ud83d\\ude00"]}  ',
    '"just a string"',
    '0',
    '{"a":{"b":{"c":[[],[{}]]}}}',
    '{"__proto__": {"polluted": true}, "constructor": 1}',
    '{"a": 1, "a": 2}',
  ])('returns the same value as JSON.parse for %j', (text) => {
    const result = parseJson(text);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toStrictEqual(JSON.parse(text));
  });

  it('keeps a `__proto__` key as an own property without touching the prototype', () => {
    const result = parseJson('{"__proto__": {"x": 1}}');
    expect(result.ok && Object.getPrototypeOf(result.value)).toBe(Object.prototype);
    expect(result.ok && Object.keys(result.value as object)).toEqual(['__proto__']);
  });

  it.each([
    {
      title: 'empty text',
      text: '',
      message: 'the document is empty',
      pointer: '',
      line: 1,
      column: 1,
    },
    {
      title: 'a missing comma',
      text: '{"a": 1\n "b": 2}',
      message: 'expected `,` or `}` but found `"`',
      pointer: '',
      line: 2,
      column: 2,
    },
    {
      title: 'a trailing comma',
      text: '{"a": [1,]}',
      message: 'expected a value but found `]`',
      pointer: '/a/1',
      line: 1,
      column: 10,
    },
    {
      title: 'an unquoted key',
      text: '{a: 1}',
      message: 'expected a key or `}` but found `a`',
      pointer: '',
      line: 1,
      column: 2,
    },
    {
      title: 'a missing colon',
      text: '{"Statement" []}',
      message: 'expected `:` after key `Statement` but found `[`',
      pointer: '',
      line: 1,
      column: 14,
    },
    {
      title: 'an unterminated string',
      text: '{"a": "b',
      message: 'unterminated string',
      pointer: '/a',
      line: 1,
      column: 7,
    },
    {
      title: 'a bad escape',
      text: '["\\x"]',
      message: 'invalid escape `\\x` in a string',
      pointer: '/0',
      line: 1,
      column: 3,
    },
    {
      title: 'a raw control character',
      text: '["a\tb"]',
      message: 'control character U+0009 must be escaped in a string',
      pointer: '/0',
      line: 1,
      column: 4,
    },
    {
      title: 'a bad literal',
      text: '{"a": tru}',
      message: 'expected a value but found `t`',
      pointer: '/a',
      line: 1,
      column: 7,
    },
    {
      title: 'a leading zero',
      text: '[01]',
      message: 'expected `,` or `]` but found `1`',
      pointer: '',
      line: 1,
      column: 3,
    },
    {
      title: 'text after the document',
      text: '{} {}',
      message: 'unexpected `{` after the end of the document',
      pointer: '',
      line: 1,
      column: 4,
    },
    {
      title: 'an unclosed object',
      text: '{"a": {"b": 1}',
      message: 'expected `,` or `}` but found end of input',
      pointer: '',
      line: 1,
      column: 15,
    },
    {
      title: 'a non-ASCII character',
      text: '{"a": é}',
      message: 'expected a value but found character U+00E9',
      pointer: '/a',
      line: 1,
      column: 7,
    },
  ])('reports $title with line, column and pointer', ({ text, message, pointer, line, column }) => {
    const result = parseJson(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatchObject({ code: 'JSON_SYNTAX_ERROR', message, pointer });
      expect(result.error.position).toMatchObject({ line, column });
    }
  });

  it(`accepts ${MAX_JSON_DEPTH} levels and rejects one more`, () => {
    expect(parseJson('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH)).ok).toBe(true);
    const deeper = parseJson('['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1));
    expect(!deeper.ok && deeper.error.code).toBe('JSON_NESTING_TOO_DEEP');
  });

  it('survives 100,000 levels of nesting without a stack overflow', () => {
    for (const text of ['['.repeat(100_000), '{"a":'.repeat(100_000), '[{"a":'.repeat(50_000)]) {
      const result = parseJson(text);
      expect(!result.ok && result.error.code).toBe('JSON_NESTING_TOO_DEEP');
    }
  });

  it('records positions of keys and values, counting code points', () => {
    const result = parseJson('{\r\n  "😀": [true,\n    "x"]}');
    expect(result.ok).toBe(true);
    if (!result.ok || result.root.type !== 'object') return;
    const member = result.root.members[0]!;
    expect(member.keyPosition).toMatchObject({ line: 2, column: 3 });
    expect(member.pointer).toBe('/😀');
    expect(member.value.position).toMatchObject({ line: 2, column: 8 });
    const items = member.value.type === 'array' ? member.value.items : [];
    expect(items[1]).toMatchObject({ pointer: '/😀/1', position: { line: 3, column: 5 } });
  });
});
