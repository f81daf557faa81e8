import { describe, expect, it } from 'vitest';
import { parseEventEnvelope, topicOf } from '../envelope.js';
import { assertNoSecrets } from '../no-secrets.js';
import { accountPasswordPolicyEvent, loginProfileEvent } from './password-events.js';

const meta = {
  id: '5f0c9a8e-3d1b-4c2a-9e7f-1a2b3c4d5e6f',
  occurredAt: '2026-11-28T12:00:00.000Z',
  actor: { type: 'root' as const, arn: 'arn:aws:iam::123456789012:root' },
};

describe('password event builders', () => {
  it.each([
    'login-profile.created.v1',
    'login-profile.updated.v1',
    'login-profile.deleted.v1',
    'password.changed.v1',
  ] as const)('builds a valid, secret-free %s keyed by the user id', (type) => {
    const payload = {
      accountId: '123456789012',
      userId: 'AIDAAAAAAAAAAAAAAAAAA',
      userName: 'alice',
      createdAt: meta.occurredAt,
      resetRequired: true,
      lastChangedAt: meta.occurredAt,
    };
    const event = loginProfileEvent(type, meta, payload);
    expect(event).toEqual({
      specVersion: 1,
      ...meta,
      type,
      source: 'identity',
      accountId: '123456789012',
      aggregateType: 'login-profile',
      aggregateId: 'AIDAAAAAAAAAAAAAAAAAA',
      payload,
    });
    expect(topicOf(event)).toBe('iam.identity.login-profile');
    expect(parseEventEnvelope(JSON.parse(JSON.stringify(event))).ok).toBe(true);
    expect(() => assertNoSecrets(event.payload)).not.toThrow();
  });

  it.each(['account-password-policy.updated.v1', 'account-password-policy.deleted.v1'] as const)(
    'builds a valid, secret-free %s keyed by the account',
    (type) => {
      const event = accountPasswordPolicyEvent(type, meta, {
        accountId: '123456789012',
        minimumLength: 15,
        requireSymbols: true,
        requireNumbers: false,
        requireUppercaseCharacters: false,
        requireLowercaseCharacters: true,
        allowUsersToChange: true,
        maxAgeDays: 90,
        reusePrevention: 5,
        hardExpiry: false,
      });
      expect(event).toMatchObject({
        type,
        aggregateType: 'account-password-policy',
        aggregateId: '123456789012',
      });
      expect(topicOf(event)).toBe('iam.identity.account-password-policy');
      expect(parseEventEnvelope(JSON.parse(JSON.stringify(event))).ok).toBe(true);
      expect(() => assertNoSecrets(event.payload)).not.toThrow();
    },
  );
});
