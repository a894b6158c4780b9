import { createHash } from 'node:crypto';
import stringify from 'safe-stable-stringify';

/** One synthetic item: generated from the drill's ID and its index, never from real data. */
export type DrillItem = {
  readonly pk: string;
  readonly sequence: number;
  readonly payload: string;
};

/** The table's key: one string partition key, as small as DynamoDB allows. */
export const PARTITION_KEY = 'pk';

/**
 * `count` items derived from the drill ID alone, so that a resumed drill writes the same items and
 * the digest can be recomputed. The payload is a hash: it looks like data and holds none.
 */
export function drillItems(drillId: string, count: number): DrillItem[] {
  return Array.from({ length: count }, (_, sequence) => ({
    pk: `drill-${drillId}-${String(sequence).padStart(6, '0')}`,
    sequence,
    payload: createHash('sha256').update(`${drillId}:${sequence}`).digest('hex'),
  }));
}

/**
 * A digest of a set of items that does not depend on their order or on the order of their
 * attributes: each item is serialised with sorted keys, the lines are sorted, then hashed.
 */
export function itemsDigest(items: readonly Readonly<Record<string, unknown>>[]): string {
  const lines = items.map((item) => stringify(item)).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}
