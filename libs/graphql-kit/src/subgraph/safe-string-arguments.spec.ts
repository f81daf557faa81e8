import { buildSchema, graphql } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { formatGraphQLError } from '../errors/to-graphql-error.js';
import { findUnsafeString, rejectUnsafeStringArguments } from './safe-string-arguments.js';

function testSchema(seen: unknown[]) {
  const schema = buildSchema(`
    input TagInput { key: String! value: String! }
    input Input { name: String! tags: [TagInput!] id: ID }
    type Query { echo(input: Input!): String! plain: String! }
  `);
  schema.getQueryType()!.getFields()['echo']!.resolve = (_source, args: { input: unknown }) => {
    seen.push(args.input);
    return 'ok';
  };
  schema.getQueryType()!.getFields()['plain']!.resolve = () => 'plain';
  return rejectUnsafeStringArguments(schema);
}

describe(rejectUnsafeStringArguments.name, () => {
  it.each([
    ['a NUL in a top-level string', { name: 'a\u0000b' }, 'input.name'],
    ['a lone high surrogate', { name: 'a\ud800' }, 'input.name'],
    ['a lone low surrogate', { name: '\udc00z' }, 'input.name'],
    [
      'a NUL in a nested list item',
      { name: 'x', tags: [{ key: 'k', value: '\u0000' }] },
      'input.tags[0].value',
    ],
    ['a NUL in an ID', { name: 'x', id: '12\u0000' }, 'input.id'],
  ])(
    'refuses %s with InvalidInput at the field, before the resolver',
    async (_label, input, parameter) => {
      const seen: unknown[] = [];
      const result = await graphql({
        schema: testSchema(seen),
        source: 'query ($input: Input!) { echo(input: $input) plain }',
        variableValues: { input },
      });
      expect(seen).toEqual([]);
      const formatted = formatGraphQLError(result.errors![0]!.toJSON(), result.errors![0], vi.fn());
      expect(formatted.path).toEqual(['echo']);
      expect(formatted.extensions).toMatchObject({ code: 'InvalidInput', details: { parameter } });
      // The message names the parameter, never its value.
      expect(formatted.message).not.toContain('\u0000');
    },
  );

  it('passes other text, control characters and surrogate pairs included, to the resolver', async () => {
    const seen: unknown[] = [];
    const name = 'tab\there\u0001 é 😀';
    const result = await graphql({
      schema: testSchema(seen),
      source: 'query ($input: Input!) { echo(input: $input) plain }',
      variableValues: { input: { name, tags: [{ key: 'k', value: 'v' }] } },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ echo: 'ok', plain: 'plain' });
    expect(seen).toHaveLength(1);
  });
});

describe(findUnsafeString.name, () => {
  it('skips class instances (custom scalar values)', () => {
    expect(findUnsafeString({ at: new Date(0), s: 'ok' }, '')).toBeNull();
  });
});
