import { REGION_TABLE, type RegionFacts } from './table';

export type { RegionFacts } from './table';

/** The facts of a region of the table; undefined for any other name (`constructor` included). */
export function regionFacts(name: string): RegionFacts | undefined {
  return Object.hasOwn(REGION_TABLE, name) ? REGION_TABLE[name] : undefined;
}

/** Every region name of the table. */
export function regionNames(): string[] {
  return Object.keys(REGION_TABLE);
}
