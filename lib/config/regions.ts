import { closest, distance } from 'fastest-levenshtein';
import { regionFacts, regionNames } from '../regions';

/**
 * Region names are checked against the region table (lib/regions/table.ts, generated from the one
 * aws-cdk-lib ships), not a pattern: a region newer than the installed aws-cdk-lib is refused until
 * aws-cdk-lib is upgraded and the table regenerated.
 */
export function isKnownRegion(name: string): boolean {
  return regionFacts(name) !== undefined;
}

/** The partition (aws, aws-cn, aws-us-gov, …) of a known region. */
export function regionPartition(name: string): string | undefined {
  return regionFacts(name)?.partition;
}

/** The nearest known region name when `name` looks like a misspelling of it. */
export function nearestRegion(name: string): string | undefined {
  const candidate = closest(name, regionNames());
  return distance(name, candidate) <= 2 ? candidate : undefined;
}
