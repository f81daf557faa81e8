import type { Tag } from './iam-rules.js';
import { encodeMarker } from './iam-rules.js';

/** A page with AWS's Marker/IsTruncated paging. */
export interface Page<T> {
  readonly items: T[];
  readonly isTruncated: boolean;
  readonly marker: string | null;
}

/** Cuts `limit + 1` rows into a page and its marker. */
export function toPage<T>(rows: T[], limit: number, sortKey: (row: T) => string): Page<T> {
  const items = rows.slice(0, limit);
  const isTruncated = rows.length > limit;
  const last = items.at(-1);
  return { items, isTruncated, marker: isTruncated && last ? encodeMarker(sortKey(last)) : null };
}

/** Pages a tag list by the lower-case key of the last tag returned. */
export function tagPage<T extends Tag>(tags: readonly T[], after: string | null, limit: number) {
  const start = after === null ? 0 : tags.findIndex((t) => t.key.toLowerCase() === after) + 1;
  return toPage(tags.slice(start, start + limit + 1), limit, (t) => t.key.toLowerCase());
}
