import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../rule-spec-helpers.js';
import { invalidCharacterRule } from './invalid-character.rule.js';

describe(invalidCharacterRule.name, () => {
  it.each([
    {
      title: 'a character above U+00FF',
      text: '{"Id": "caf\u0113"}',
      expected: ['INVALID_CHARACTER error /Id'],
    },
    {
      title: 'an emoji (one issue per character)',
      text: '{"Id": "😀"}',
      expected: ['INVALID_CHARACTER error /Id'],
    },
    {
      title: 'a control character outside strings',
      text: '{\u000b"Id": "a"}',
      expected: ['INVALID_CHARACTER error ', 'JSON_SYNTAX_ERROR error '],
    },
    {
      title: 'a byte-order mark',
      text: '\ufeff{"Id": "a"}',
      expected: ['INVALID_CHARACTER error '],
    },
    {
      title: 'nothing for Latin-1, tab, CR and LF',
      text: '{\t"Id":\r\n "caf\u00e9 \u00ff"}',
      expected: [],
    },
  ])('reports $title', ({ text, expected }) => {
    expect(summarize(runRule(invalidCharacterRule, text))).toEqual(expected);
  });

  it('gives the position of each character in code points', () => {
    const issues = runRule(invalidCharacterRule, '{\n  "Id": "😀\u0100"\n}');
    expect(issues.map(({ line, column }) => [line, column])).toEqual([
      [2, 10],
      [2, 11],
    ]);
  });

  it('caps the report at 50 issues and a summary', () => {
    const issues = runRule(invalidCharacterRule, `{"Id": "${'\u0100'.repeat(1000)}"}`);
    expect(issues).toHaveLength(51);
    expect(issues[50]?.message).toMatch(/^950 more characters/);
  });
});
