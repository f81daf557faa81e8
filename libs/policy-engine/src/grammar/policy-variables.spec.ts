import { describe, expect, it } from 'vitest';
import { checkPolicyVariables } from './policy-variables.js';

describe(checkPolicyVariables.name, () => {
  it.each([
    ['no variables', []],
    ['home/${aws:username}/*', []],
    ["${aws:PrincipalTag/team, 'default-team'}", []],
    ["${aws:PrincipalTag/team,''}", []],
    ['${*}${?}${$}', []],
    ['${s3:prefix}${aws:userid}', []],
    ['${aws:username', ['MISSING_BRACE_IN_VARIABLE']],
    ['${}', ['EMPTY_VARIABLE']],
    ['${ }', ['EMPTY_VARIABLE']],
    ['${username}', ['INVALID_VARIABLE']],
    ['${aws:user name}', ['INVALID_VARIABLE']],
    ['${aws:username, default}', ['INVALID_VARIABLE']],
    ['${a${aws:username}}', ['MISSING_BRACE_IN_VARIABLE']],
  ])('%j → %j', (text, codes) => {
    expect(checkPolicyVariables(text).map((problem) => problem.code)).toEqual(codes);
  });
});
