import { describe, expect, it } from 'vitest';
import { accountRootArn, formatArn, parseArn } from './arn.js';

describe('parseArn', () => {
  it('keeps colons of the resource part', () => {
    expect(parseArn('arn:aws:sqs:us-east-1:123456789012:queue:name')).toEqual({
      partition: 'aws',
      service: 'sqs',
      region: 'us-east-1',
      accountId: '123456789012',
      resource: 'queue:name',
    });
  });

  it.each([
    { title: 'no arn prefix', value: 'aws:iam::1:user/x' },
    { title: 'too few parts', value: 'arn:aws:iam::123456789012' },
    { title: 'empty service', value: 'arn:aws:::123456789012:x' },
  ])('rejects $title', ({ value }) => {
    expect(parseArn(value)).toBeNull();
  });

  it('round-trips through formatArn', () => {
    const arn = 'arn:aws:iam::123456789012:user/division/alice';
    const parsed = parseArn(arn);
    expect(parsed && formatArn(parsed)).toBe(arn);
    expect(accountRootArn('123456789012')).toBe('arn:aws:iam::123456789012:root');
  });
});
