import { InvalidInputError } from '../errors/common-errors.js';
import { isSafeText } from '../text/safe-text.js';

// AWS: the IAM List* operations page with MaxItems (1..1000, 100 when omitted), Marker and IsTruncated, e.g.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListUsers.html

/** AWS: MaxItems is at most 1000. */
export const MAX_PAGE_SIZE = 1000;
/** AWS: MaxItems is 100 when omitted. */
export const DEFAULT_PAGE_SIZE = 100;

/** A page with AWS's Marker/IsTruncated paging. */
export interface Page<T> {
  readonly items: T[];
  readonly isTruncated: boolean;
  /** Where the next page starts; `null` on the last page. */
  readonly marker: string | null;
}

/**
 * How markers carry the sort key of the last item returned. A marker is opaque to clients, but its format is
 * part of the wire contract: a marker handed out before a release must still work after it.
 */
export interface MarkerFormat {
  encode(sortKey: string): string;
  /** The sort key a marker carries, or `null` when it is not a marker of this format. */
  decode(marker: string): string | null;
  /** Whether an empty marker means the first page, as an absent one does (else it is refused). */
  readonly emptyIsFirstPage: boolean;
}

/**
 * base64url of `["v1", sortKey]`: identity's users, groups, roles, MFA devices and tags. A forged marker may decode to
 * any JSON string: one PostgreSQL cannot compare (NUL) is refused too.
 */
export const VERSIONED_MARKER: MarkerFormat = {
  encode: (sortKey) => Buffer.from(JSON.stringify(['v1', sortKey])).toString('base64url'),
  decode: (marker) => {
    try {
      const value: unknown = JSON.parse(Buffer.from(marker, 'base64url').toString('utf8'));
      if (
        Array.isArray(value) &&
        value.length === 2 &&
        value[0] === 'v1' &&
        typeof value[1] === 'string' &&
        isSafeText(value[1])
      )
        return value[1];
    } catch {
      // Not JSON: not ours.
    }
    return null;
  },
  emptyIsFirstPage: false,
};

/** base64url of the sort key itself, accepted back only when `accepts` holds (accounts, the audit trail). */
export function plainMarker(accepts: (sortKey: string) => boolean): MarkerFormat {
  return {
    encode: (sortKey) => Buffer.from(sortKey).toString('base64url'),
    decode: (marker) => {
      const sortKey = Buffer.from(marker, 'base64url').toString('utf8');
      return accepts(sortKey) ? sortKey : null;
    },
    emptyIsFirstPage: true,
  };
}

/** Checks MaxItems (`InvalidInput` outside 1..1000) and returns the page size (100 when omitted). */
export function pageSize(maxItems: number | null | undefined): number {
  const size = maxItems ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new InvalidInputError(`maxItems must be an integer from 1 to ${MAX_PAGE_SIZE}`, {
      maxItems: size,
    });
  }
  return size;
}

/**
 * The sort key a request's marker carries (list the items after it), `null` for the first page; a marker this
 * format did not write is `InvalidInput`.
 */
export function readMarker(marker: string | null | undefined, format: MarkerFormat): string | null {
  if (marker === null || marker === undefined) return null;
  if (marker === '' && format.emptyIsFirstPage) return null;
  const sortKey = format.decode(marker);
  if (sortKey === null) throw new InvalidInputError('marker is not one this service returned');
  return sortKey;
}

/**
 * Cuts the `limit + 1` rows a query returned into a page: the first `limit` rows, and a marker after the last one
 * when the extra row shows there is more.
 */
export function toPage<T>(
  rows: T[],
  limit: number,
  sortKey: (row: T) => string,
  format: MarkerFormat,
): Page<T> {
  const items = rows.slice(0, limit);
  const isTruncated = rows.length > limit;
  const last = items.at(-1);
  return { items, isTruncated, marker: isTruncated && last ? format.encode(sortKey(last)) : null };
}
