import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../rule-spec-helpers.js';
import { duplicateKeyRule } from './duplicate-key.rule.js';

describe(duplicateKeyRule.name, () => {
  it.each([
    {
      title: 'a duplicated Effect',
      text: '{"Statement": [{"Effect": "Deny", "Action": "*", "Effect": "Allow"}]}',
      expected: ['DUPLICATE_KEY error /Statement/0/Effect'],
    },
    {
      title: 'a duplicated top-level key',
      text: '{"Version": "2012-10-17", "Version": "2008-10-17"}',
      expected: ['DUPLICATE_KEY error /Version'],
    },
    { title: 'nothing for keys differing by case', text: '{"a": 1, "A": 2}', expected: [] },
  ])('reports $title', ({ text, expected }) => {
    expect(summarize(runRule(duplicateKeyRule, text))).toEqual(expected);
  });

  it('points at the later key', () => {
    const [issue] = runRule(duplicateKeyRule, '{"Id": "a",\n "Id": "b"}');
    expect(issue).toMatchObject({ line: 2, column: 2 });
  });
});
