import { describe, expect, it } from 'vitest';
import { parseEventEnvelope, topicOf } from '../envelope.js';
import { assertNoSecrets } from '../no-secrets.js';
import type { SessionEventPayloads, SessionEventType } from './session-events.js';
import { sessionEvent } from './session-events.js';

const meta = {
  id: '5f0c9a8e-3d1b-4c2a-9e7f-1a2b3c4d5e6f',
  occurredAt: '2026-11-28T12:00:00.000Z',
  actor: { type: 'user' as const, arn: 'arn:aws:iam::123456789012:user/alice' },
};
const SESSION = '0d9b8c7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a';
const base = {
  accountId: '123456789012',
  sessionId: SESSION,
  userId: 'AIDAEXAMPLE',
  principalArn: 'arn:aws:iam::123456789012:user/alice',
};

const payloads: { [T in SessionEventType]: SessionEventPayloads[T] } = {
  'session.signed-in.v1': {
    ...base,
    userName: 'alice',
    mfaUsed: true,
    authMethods: ['pwd', 'mfa'],
    restricted: false,
    sourceIp: '203.0.113.7',
    expiresAt: '2026-11-29T00:00:00.000Z',
  },
  'session.sign-in-failed.v1': {
    accountId: '123456789012',
    userNameAttempted: 'alice',
    reason: 'bad-credentials',
    sourceIp: '203.0.113.7',
  },
  'session.password-change-failed.v1': {
    ...base,
    userName: 'alice',
    reason: 'incorrect-old-password',
    sourceIp: '203.0.113.7',
  },
  'session.signed-out.v1': base,
  'session.revoked.v1': { ...base, reason: 'refresh-reuse' },
};

describe('session event builder', () => {
  it.each(Object.keys(payloads) as SessionEventType[])(
    'builds a valid, secret-free %s on iam.identity.session',
    (type) => {
      const event = sessionEvent(type, meta, payloads[type]);
      expect(parseEventEnvelope(event)).toEqual({ ok: true, envelope: event });
      expect(topicOf(event)).toBe('iam.identity.session');
      expect(() => assertNoSecrets(event.payload)).not.toThrow();
      expect(event.aggregateId).toBe(
        type === 'session.sign-in-failed.v1' ? '123456789012' : SESSION,
      );
    },
  );
});
