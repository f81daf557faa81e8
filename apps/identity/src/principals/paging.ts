import type { Page } from '@iam/common';
import { VERSIONED_MARKER, toPage as toCommonPage } from '@iam/common';
import type { Tag } from './iam-rules.js';

export type { Page } from '@iam/common';

/** Cuts `limit + 1` rows into a page and its marker (`@iam/common`'s paginator, identity's versioned marker). */
export function toPage<T>(rows: T[], limit: number, sortKey: (row: T) => string): Page<T> {
  return toCommonPage(rows, limit, sortKey, VERSIONED_MARKER);
}

/** Pages a tag list by the lower-case key of the last tag returned. */
export function tagPage<T extends Tag>(tags: readonly T[], after: string | null, limit: number) {
  const start = after === null ? 0 : tags.findIndex((t) => t.key.toLowerCase() === after) + 1;
  return toPage(tags.slice(start, start + limit + 1), limit, (t) => t.key.toLowerCase());
}
