import { describe, expect, it } from 'vitest';
import { graphqlParamsOf } from './graphql-params.js';

const body = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('graphqlParamsOf', () => {
  it('reads query and operation name from a JSON body', () => {
    expect(
      graphqlParamsOf(
        body({ query: '{ a }', operationName: 'A', variables: { x: 1 } }),
        'application/json; charset=utf-8',
      ),
    ).toEqual({ query: '{ a }', operationName: 'A', plain: true });
  });

  it('marks a body with extensions or odd variables as not plain', () => {
    expect(
      graphqlParamsOf(body({ query: '{ a }', extensions: {} }), 'application/json')?.plain,
    ).toBe(false);
    expect(
      graphqlParamsOf(body({ query: '{ a }', variables: [1] }), 'application/json')?.plain,
    ).toBe(false);
    expect(
      graphqlParamsOf(body({ query: '{ a }', variables: 'x' }), 'application/json')?.plain,
    ).toBe(false);
  });

  it('reads nothing from other bodies and content types', () => {
    expect(graphqlParamsOf(body({ query: '{ a }' }), 'text/plain')).toBeNull();
    expect(graphqlParamsOf(body({ query: '{ a }' }), undefined)).toBeNull();
    expect(graphqlParamsOf(Buffer.from('{'), 'application/json')).toBeNull();
    expect(graphqlParamsOf(body([{ query: '{ a }' }]), 'application/json')).toBeNull();
    expect(graphqlParamsOf(body({ query: 1 }), 'application/json')).toBeNull();
    expect(
      graphqlParamsOf(body({ query: '{ a }', operationName: 2 }), 'application/json'),
    ).toBeNull();
  });
});
