import { describe, expect, it } from 'vitest';
import { actionPatternCovers, checkAction, globMatchesIgnoreCase } from './action-grammar.js';

describe(globMatchesIgnoreCase.name, () => {
  it.each([
    ['iam:PassRole', 'iam:passrole', true],
    ['iam:Pass*', 'iam:PassRole', true],
    ['iam:*', 'iam:PassRole', true],
    ['*', 'anything', true],
    ['iam:Pass?ole', 'iam:PassRole', true],
    ['iam:Pass?', 'iam:PassRole', false],
    ['s3:*Object*', 's3:GetObjectAcl', true],
    ['s3:Get', 's3:GetObject', false],
    ['', '', true],
    ['*a*a*a*a*a*a*a*a*b', 'a'.repeat(2_000), false],
  ])('%j matches %j: %s', (pattern, text, expected) => {
    expect(globMatchesIgnoreCase(pattern, text)).toBe(expected);
  });
});

describe(actionPatternCovers.name, () => {
  it.each([
    ['*', 's3:Get*', true],
    ['s3:*', 's3:GetObject', true],
    ['s3:Get*', 's3:GetObject*', true],
    ['s3:Get*', 's3:*', false],
    ['s3:GetObject', 's3:Get*', false],
    ['s3:Get?bject', 's3:GetObject', true],
  ])('%j covers %j: %s', (outer, inner, expected) => {
    expect(actionPatternCovers(outer, inner)).toBe(expected);
  });
});

describe(checkAction.name, () => {
  it.each([
    ['*', []],
    ['s3:GetObject', []],
    ['ec2-instance-connect:SendSSHPublicKey', []],
    ['s3', ['INVALID_ACTION']],
    ['s3:', ['INVALID_ACTION']],
    [':GetObject', ['INVALID_ACTION']],
    ['s3:Get Object', ['INVALID_ACTION']],
    ['*3:GetObject', ['WILDCARD_IN_SERVICE_NAME']],
    ['EC2:Describe*', ['ACTION_SERVICE_CASE']],
  ])('%j → %j', (action, codes) => {
    expect(checkAction(action).map((problem) => problem.code)).toEqual(codes);
  });
});
