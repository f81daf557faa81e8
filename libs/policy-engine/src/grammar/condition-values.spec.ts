import { describe, expect, it } from 'vitest';
import type { ConditionValueType } from './condition-operators.js';
import { conditionValueFits, isIpOrCidr } from './condition-values.js';

describe(isIpOrCidr.name, () => {
  it.each([
    ['192.0.2.1', true],
    ['192.0.2.0/24', true],
    ['0.0.0.0/0', true],
    ['255.255.255.255/32', true],
    ['256.0.0.1', false],
    ['10.0.0.0/33', false],
    ['10.0.0/8', false],
    ['01.2.3.4', false],
    ['2001:db8::/32', true],
    ['::', true],
    ['::1', true],
    ['2001:0db8:85a3:0000:0000:8a2e:0370:7334', true],
    ['::ffff:192.0.2.1', true],
    ['2001:db8::1/129', false],
    ['2001:db8:::1', false],
    ['1:2:3:4:5:6:7:8:9', false],
    ['2001:db8::g', false],
    ['10.0.0.0/', false],
    ['', false],
  ])('%s → %s', (text, expected) => {
    expect(isIpOrCidr(text)).toBe(expected);
  });
});

describe(conditionValueFits.name, () => {
  it.each<[ConditionValueType, string | number | boolean, boolean]>([
    ['numeric', '42', true],
    ['numeric', '-1.5', true],
    ['numeric', 3, true],
    ['numeric', '1e3', false],
    ['numeric', 'abc', false],
    ['numeric', true, false],
    ['date', '2020-02-29T23:59:59Z', true],
    ['date', '2020-02-29T23:59:59.123+01:00', true],
    ['date', '2020-02-29', true],
    ['date', '1700000000', true],
    ['date', 1700000000, true],
    ['date', '2020-13-01', false],
    ['date', '2020-01-01T25:00:00Z', false],
    ['date', 'yesterday', false],
    ['bool', true, true],
    ['bool', 'FALSE', true],
    ['bool', 'yes', false],
    ['bool', 0, false],
    ['null', 'true', true],
    ['null', 'null', false],
    ['binary', 'QmluYXJ5', true],
    ['binary', 'QmluYXJ5VmFsdWU=', true],
    ['binary', 'not base64', false],
    ['binary', 'abc', false],
    ['arn', 'arn:aws:s3:::bucket', true],
    ['arn', '*', true],
    ['arn', 'bucket', false],
    ['string', 'anything', true],
  ])('%s accepts %j: %s', (type, value, expected) => {
    expect(conditionValueFits(type, value)).toBe(expected);
  });
});
