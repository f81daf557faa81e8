import type { PageFields } from './paged-payload.js';

/** A page as the use cases return it (AWS `Marker`/`IsTruncated` paging). */
export interface ItemsPage<T> {
  readonly items: readonly T[];
  readonly isTruncated: boolean;
  readonly marker: string | null;
}

/** A use case's page → the GraphQL page answer: the items mapped to their model under `key`. */
export function pageAnswer<K extends string, T, M>(
  key: K,
  page: ItemsPage<T>,
  toModel: (item: T) => M,
): PageFields<K, M> {
  const items = { [key]: page.items.map(toModel) } as Record<K, M[]>;
  return { ...items, isTruncated: page.isTruncated, marker: page.marker };
}

/** A stored tag → the GraphQL `Tag` (key and value only). */
export function toTagModel(tag: { key: string; value: string }): { key: string; value: string } {
  return { key: tag.key, value: tag.value };
}
