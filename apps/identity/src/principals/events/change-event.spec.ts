import { describe, expect, it } from 'vitest';
import type { AccountId, CallerContext } from '@iam/common';
import { userEvent } from '@iam/event-contracts';
import { changeEventBuilder, eventMeta } from './change-event.js';

const A = '111122223333' as AccountId;
const caller: CallerContext = {
  requestId: 't',
  principalType: 'user',
  principalArn: `arn:aws:iam::${A}:user/ops`,
  accountId: A,
  context: {},
};
const at = new Date('2026-01-02T03:04:05.000Z');

describe('eventMeta', () => {
  it('gives a fresh id, the time and the caller as actor, in that order', () => {
    const meta = eventMeta(caller, at);
    expect(Object.keys(meta)).toEqual(['id', 'occurredAt', 'actor']);
    expect(meta.occurredAt).toBe('2026-01-02T03:04:05.000Z');
    expect(meta.actor).toEqual({ type: 'user', arn: caller.principalArn });
    expect(eventMeta(caller, at).id).not.toBe(meta.id);
  });
});

describe('changeEventBuilder', () => {
  it('passes the state arguments to the payload and the last two to the meta', () => {
    const build = changeEventBuilder(userEvent, (name: string, path: string) => ({
      accountId: A,
      userId: 'AIDAEXAMPLE',
      userName: name,
      path,
      arn: `arn:aws:iam::${A}:user${path}${name}`,
      createdAt: at.toISOString(),
      tags: [],
    }));
    const event = build('user.created.v1', 'alice', '/eng/', caller, at);
    expect(event.type).toBe('user.created.v1');
    expect(event.occurredAt).toBe(at.toISOString());
    expect(event.actor).toEqual({ type: 'user', arn: caller.principalArn });
    expect(event.payload.userName).toBe('alice');
    expect(event.payload.path).toBe('/eng/');
    expect(event.aggregateId).toBe('AIDAEXAMPLE');
  });
});
