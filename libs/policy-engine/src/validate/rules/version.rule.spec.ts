import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../rule-spec-helpers.js';
import { versionRule } from './version.rule.js';

describe(versionRule.name, () => {
  it.each([
    {
      title: 'a missing Version as a warning',
      document: { Statement: [] },
      expected: ['MISSING_VERSION warning '],
    },
    {
      title: 'an unknown Version',
      document: { Version: '2012-10-18', Statement: [] },
      expected: ['INVALID_VERSION error /Version'],
    },
    {
      title: 'a Version that is not a string',
      document: { Version: 2012, Statement: [] },
      expected: ['DATA_TYPE_MISMATCH error /Version'],
    },
    {
      title: 'an Id that is not a string',
      document: { Version: '2012-10-17', Id: 1 },
      expected: ['DATA_TYPE_MISMATCH error /Id'],
    },
    { title: 'nothing for 2012-10-17', document: { Version: '2012-10-17' }, expected: [] },
    { title: 'nothing for 2008-10-17', document: { Version: '2008-10-17' }, expected: [] },
  ])('reports $title', ({ document, expected }) => {
    expect(summarize(runRule(versionRule, document))).toEqual(expected);
  });

  it('puts the missing-Version warning on the document', () => {
    expect(runRule(versionRule, '\n  {"Statement": []}')[0]).toMatchObject({ line: 2, column: 3 });
  });
});
