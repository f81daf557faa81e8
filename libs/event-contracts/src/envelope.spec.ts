import { describe, expect, it } from 'vitest';
import { accountCreatedV1 } from './events/account-events.js';
import { parseEventEnvelope, topicOf } from './envelope.js';
import { SECRET_FIELD_NAMES, SecretInEventError, assertNoSecrets } from './no-secrets.js';

const event = accountCreatedV1({
  id: '0b8c2b55-8d0c-4c39-9a4e-5b0d7c1f3a11',
  occurredAt: '2026-11-28T12:00:00.000Z',
  actor: { type: 'platform-admin', arn: 'arn:aws:iam::platform:admin' },
  account: {
    accountId: '123456789012',
    alias: null,
    status: 'active',
    createdAt: '2026-11-28T12:00:00.000Z',
  },
});

describe('event envelope', () => {
  it('builds account.created.v1 keyed by the account on iam.identity.account', () => {
    expect(event).toMatchObject({
      type: 'account.created.v1',
      aggregateId: '123456789012',
      accountId: '123456789012',
    });
    expect(topicOf(event)).toBe('iam.identity.account');
  });

  it('accepts a well-formed envelope after a JSON round trip', () => {
    expect(parseEventEnvelope(JSON.parse(JSON.stringify(event)))).toEqual({
      ok: true,
      envelope: event,
    });
  });

  it('lists every problem of a malformed envelope', () => {
    const result = parseEventEnvelope({
      ...event,
      id: 'x',
      accountId: '12',
      type: 'Created',
      payload: 3,
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([
      'id must be a UUID',
      'type must look like `aggregate.verb.v1`',
      'accountId must be 12 digits',
      'payload must be an object',
    ]);
    expect(parseEventEnvelope('not json')).toEqual({
      ok: false,
      problems: ['envelope is not an object'],
    });
  });
});

describe(assertNoSecrets.name, () => {
  it.each([
    { title: 'a password', payload: { password: 'x' } },
    { title: 'a nested hash', payload: { user: { passwordHash: 'x' } } },
    { title: 'a seed in a list', payload: { devices: [{ totpSeed: 'x' }] } },
    { title: 'a secret access key', payload: { SecretAccessKey: 'x' } },
  ])('rejects $title', ({ payload }) => {
    expect(() => assertNoSecrets(payload)).toThrow(SecretInEventError);
  });

  it.each(SECRET_FIELD_NAMES.map((name) => ({ title: name.toUpperCase(), name })))(
    'rejects every listed name regardless of case: $title',
    ({ name }) => {
      expect(() => assertNoSecrets({ nested: { [name.toUpperCase()]: 'x' } })).toThrow(
        `payload.nested.${name.toUpperCase()}`,
      );
    },
  );

  it('accepts public fields', () => {
    expect(() =>
      assertNoSecrets({ accountId: '1', alias: null, tags: [{ key: 'a' }] }),
    ).not.toThrow();
  });
});
