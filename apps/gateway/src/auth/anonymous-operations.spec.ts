import { describe, expect, it } from 'vitest';
import { anonymousOperationOf } from './anonymous-operations.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const of = (
  body: unknown,
  options: { search?: string; contentType?: string | undefined } = {},
): string | null =>
  anonymousOperationOf(
    Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
    new URLSearchParams(options.search ?? ''),
    'contentType' in options ? options.contentType : JSON_TYPE,
  );

const SIGN_IN =
  'mutation { signIn(input: {account: "a", userName: "u", password: "p"}) { sessionToken } }';

describe('anonymousOperationOf', () => {
  it.each([
    { title: 'signIn', query: SIGN_IN, field: 'signIn' },
    {
      title: 'refreshSession with __typename',
      query: 'mutation R { __typename refreshSession(input: {refreshToken: "x"}) { expiresAt } }',
      field: 'refreshSession',
    },
  ])('recognises $title alone in a mutation', ({ query, field }) => {
    expect(of({ query, variables: {} })).toBe(field);
  });

  it('picks the operation named by operationName', () => {
    const query = `query Q { getUser { id } } ${SIGN_IN.replace('mutation', 'mutation S')}`;
    expect(of({ query, operationName: 'S' })).toBe('signIn');
    expect(of({ query, operationName: 'Q' })).toBeNull();
    expect(of({ query })).toBeNull(); // two operations and no name: nothing runs anonymously
  });

  it.each([
    { title: 'a query', body: { query: '{ whoAmI { requestId } }' } },
    {
      title: 'another mutation',
      body: { query: 'mutation { createUser(input: {}) { user { arn } } }' },
    },
    {
      title: 'signIn next to another field',
      body: { query: 'mutation { signIn(input: {}) { sessionToken } signOut { signedOut } }' },
    },
    {
      title: 'two sign-ins under aliases',
      body: {
        query:
          'mutation { a: signIn(input: {}) { sessionToken } b: signIn(input: {}) { sessionToken } }',
      },
    },
    {
      title: 'a fragment at the top level',
      body: {
        query: 'mutation { ...F } fragment F on Mutation { signIn(input: {}) { sessionToken } }',
      },
    },
    { title: 'a batch', body: [{ query: SIGN_IN }] },
    { title: 'a body that is not JSON', body: 'mutation { signIn }' },
    { title: 'a query that does not parse', body: { query: 'mutation { signIn(' } },
    { title: 'no query (persisted query)', body: { extensions: { persistedQuery: {} } } },
    { title: 'a non-string operationName', body: { query: SIGN_IN, operationName: 3 } },
  ])('refuses $title', ({ body }) => {
    expect(of(body)).toBeNull();
  });

  it('refuses parameters in the URL and bodies that are not JSON by content type', () => {
    expect(of({ query: SIGN_IN }, { search: 'query=%7Bx%7D' })).toBeNull();
    expect(of({ query: SIGN_IN }, { contentType: 'application/x-www-form-urlencoded' })).toBeNull();
    expect(of({ query: SIGN_IN }, { contentType: undefined })).toBeNull();
  });

  it('bounds parsing before authentication', () => {
    const huge = `mutation { signIn(input: {}) { ${'a '.repeat(3_000)} } }`;
    expect(of({ query: huge })).toBeNull();
  });
});
