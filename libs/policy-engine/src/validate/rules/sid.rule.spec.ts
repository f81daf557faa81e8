import { describe, expect, it } from 'vitest';
import type { PolicyKind } from '../../grammar/policy-elements.js';
import { runRule, summarize } from '../rule-spec-helpers.js';
import { sidRule } from './sid.rule.js';

const doc = (...sids: unknown[]) => ({ Statement: sids.map((Sid) => ({ Sid, Effect: 'Allow' })) });

describe(sidRule.name, () => {
  it.each<{ title: string; document: unknown; kind?: PolicyKind; expected: string[] }>([
    {
      title: 'a duplicate Sid',
      document: doc('A', 'B', 'A'),
      expected: ['UNIQUE_SIDS_REQUIRED error /Statement/2/Sid'],
    },
    {
      title: 'a Sid with a space',
      document: doc('Read all'),
      expected: ['INVALID_SID error /Statement/0/Sid'],
    },
    {
      title: 'no character check for resource policies',
      document: doc('Read all'),
      kind: 'resource',
      expected: [],
    },
    {
      title: 'an empty Sid as a suggestion',
      document: doc(''),
      expected: ['EMPTY_SID_VALUE suggestion /Statement/0/Sid'],
    },
    {
      title: 'a numeric Sid',
      document: doc(1),
      expected: ['DATA_TYPE_MISMATCH error /Statement/0/Sid'],
    },
    {
      title: 'nothing for distinct alphanumeric Sids',
      document: doc('ReadAll1', 'WriteSome'),
      expected: [],
    },
  ])('reports $title', ({ document, kind, expected }) => {
    expect(summarize(runRule(sidRule, document, kind))).toEqual(expected);
  });
});
