import { closest, distance } from 'fastest-levenshtein';
import { RegionInfo } from 'aws-cdk-lib/region-info';

/**
 * Region facts from the region table aws-cdk-lib ships (`aws-cdk-lib/region-info`), so that a region
 * name is checked against the regions that exist, not a pattern: a region newer than the installed
 * aws-cdk-lib is refused until aws-cdk-lib is upgraded.
 */
const REGIONS: ReadonlyMap<string, string | undefined> = new Map(
  RegionInfo.regions.map((region) => [region.name, region.partition]),
);

export function isKnownRegion(name: string): boolean {
  return REGIONS.has(name);
}

/** The partition (aws, aws-cn, aws-us-gov, …) of a known region. */
export function regionPartition(name: string): string | undefined {
  return REGIONS.get(name);
}

/** The nearest known region name when `name` looks like a misspelling of it. */
export function nearestRegion(name: string): string | undefined {
  const candidate = closest(name, [...REGIONS.keys()]);
  return distance(name, candidate) <= 2 ? candidate : undefined;
}
