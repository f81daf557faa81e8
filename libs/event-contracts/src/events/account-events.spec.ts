import { describe, expect, it } from 'vitest';
import { parseEventEnvelope, topicOf } from '../envelope.js';
import { assertNoSecrets } from '../no-secrets.js';
import { accountCreatedV1 } from './account-created.v1.js';
import { accountSuspendedV1 } from './account-suspended.v1.js';
import { accountUpdatedV1 } from './account-updated.v1.js';

const input = {
  id: '5f0c9a8e-3d1b-4c2a-9e7f-1a2b3c4d5e6f',
  occurredAt: '2026-11-28T12:00:00.000Z',
  actor: { type: 'root' as const, arn: 'arn:aws:iam::123456789012:root' },
  account: {
    accountId: '123456789012',
    alias: 'acme',
    status: 'suspended' as const,
    createdAt: '2026-11-01T00:00:00.000Z',
  },
};

describe('account event builders', () => {
  it.each([
    { title: 'account.created.v1', build: accountCreatedV1, type: 'account.created.v1' },
    { title: 'account.updated.v1', build: accountUpdatedV1, type: 'account.updated.v1' },
    { title: 'account.suspended.v1', build: accountSuspendedV1, type: 'account.suspended.v1' },
  ])('builds a valid, secret-free $title from the given id and time only', ({ build, type }) => {
    const event = build(input);
    expect(event).toEqual({
      specVersion: 1,
      id: input.id,
      type,
      source: 'identity',
      accountId: '123456789012',
      aggregateType: 'account',
      aggregateId: '123456789012',
      occurredAt: input.occurredAt,
      actor: input.actor,
      payload: input.account,
    });
    expect(build(input)).toEqual(event); // pure: same input, same event
    expect(topicOf(event)).toBe('iam.identity.account');
    expect(parseEventEnvelope(JSON.parse(JSON.stringify(event))).ok).toBe(true);
    expect(() => assertNoSecrets(event.payload)).not.toThrow();
  });
});
