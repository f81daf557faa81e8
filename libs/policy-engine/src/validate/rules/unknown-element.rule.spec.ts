import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../rule-spec-helpers.js';
import { unknownElementRule } from './unknown-element.rule.js';

describe(unknownElementRule.name, () => {
  it.each([
    {
      title: 'an unknown top-level element',
      document: { Version: '2012-10-17', Statment: [], Statement: [] },
      expected: ['INVALID_POLICY_ELEMENT error /Statment'],
    },
    {
      title: 'an unknown statement element',
      document: { Statement: [{ Effect: 'Allow', Actions: 's3:*', Resource: '*' }] },
      expected: ['INVALID_POLICY_ELEMENT error /Statement/0/Actions'],
    },
    {
      title: 'a wrongly capitalised element',
      document: { Statement: { effect: 'Allow' } },
      expected: ['INVALID_POLICY_ELEMENT error /Statement/effect'],
    },
    {
      title: 'a pointer-escaped key',
      document: { 'a/b~c': 1, Statement: [] },
      expected: ['INVALID_POLICY_ELEMENT error /a~1b~0c'],
    },
    {
      title: 'only known elements',
      document: { Version: '2012-10-17', Id: 'x', Statement: [] },
      expected: [],
    },
  ])('reports $title', ({ document, expected }) => {
    expect(summarize(runRule(unknownElementRule, document))).toEqual(expected);
  });

  it('points at the key, with a hint for a case mistake', () => {
    const text = '{\n  "Statement": {\n    "effect": "Allow"\n  }\n}';
    const [issue] = runRule(unknownElementRule, text);
    expect(issue).toMatchObject({
      line: 3,
      column: 5,
      message: 'unknown statement element `effect`; did you mean `Effect`',
    });
  });
});
