import { describe, expect, it } from 'vitest';
import { parseEventEnvelope, topicOf } from '../envelope.js';
import { assertNoSecrets } from '../no-secrets.js';
import { mfaDeviceEvent, virtualMfaDeviceEvent } from './mfa-events.js';

const meta = {
  id: '5f0c9a8e-3d1b-4c2a-9e7f-1a2b3c4d5e6f',
  occurredAt: '2026-11-28T12:00:00.000Z',
  actor: { type: 'root' as const, arn: 'arn:aws:iam::123456789012:root' },
};
const serialNumber = 'arn:aws:iam::123456789012:mfa/eng/alice-phone';

describe('MFA event builders', () => {
  it('builds virtual-mfa-device.created.v1 keyed by the serial number on iam.identity.mfa-device', () => {
    const payload = {
      accountId: '123456789012',
      serialNumber,
      virtualMfaDeviceName: 'alice-phone',
      path: '/eng/',
      createdAt: meta.occurredAt,
      tags: [{ key: 'owner', value: 'alice' }],
    };
    const event = virtualMfaDeviceEvent('virtual-mfa-device.created.v1', meta, payload);
    expect(event).toEqual({
      specVersion: 1,
      ...meta,
      type: 'virtual-mfa-device.created.v1',
      source: 'identity',
      accountId: '123456789012',
      aggregateType: 'mfa-device',
      aggregateId: serialNumber,
      payload,
    });
    expect(topicOf(event)).toBe('iam.identity.mfa-device');
    expect(parseEventEnvelope(JSON.parse(JSON.stringify(event))).ok).toBe(true);
    expect(() => assertNoSecrets(event.payload)).not.toThrow();
  });

  it.each(['virtual-mfa-device.tagged.v1', 'virtual-mfa-device.untagged.v1'] as const)(
    'builds a valid, secret-free %s carrying the whole tag set, keyed by the serial number',
    (type) => {
      const tags = [
        { key: 'owner', value: 'alice' },
        // Tag keys and values are data, not field names: a tag named like a secret passes the check.
        { key: 'token-kind', value: 'totp' },
      ];
      const event = virtualMfaDeviceEvent(type, meta, {
        accountId: '123456789012',
        serialNumber,
        virtualMfaDeviceName: 'alice-phone',
        path: '/eng/',
        createdAt: meta.occurredAt,
        tags,
      });
      expect(event).toMatchObject({
        type,
        aggregateType: 'mfa-device',
        aggregateId: serialNumber,
        payload: { tags },
      });
      expect(topicOf(event)).toBe('iam.identity.mfa-device');
      expect(parseEventEnvelope(JSON.parse(JSON.stringify(event))).ok).toBe(true);
      expect(() => assertNoSecrets(event.payload)).not.toThrow();
    },
  );

  it.each([
    'mfa-device.enabled.v1',
    'mfa-device.deactivated.v1',
    'mfa-device.resynced.v1',
  ] as const)('builds a valid, secret-free %s on the same topic and key as the device', (type) => {
    const event = mfaDeviceEvent(type, meta, {
      accountId: '123456789012',
      serialNumber,
      userId: 'AIDAAAAAAAAAAAAAAAAAA',
      userName: 'alice',
      enabledAt: meta.occurredAt,
    });
    expect(event).toMatchObject({ type, aggregateType: 'mfa-device', aggregateId: serialNumber });
    expect(topicOf(event)).toBe('iam.identity.mfa-device');
    expect(parseEventEnvelope(JSON.parse(JSON.stringify(event))).ok).toBe(true);
    expect(() => assertNoSecrets(event.payload)).not.toThrow();
  });
});
