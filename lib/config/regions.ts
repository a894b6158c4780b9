import { closest, distance } from 'fastest-levenshtein';
import { RegionInfo } from 'aws-cdk-lib/region-info';

/**
 * Region facts from the region table aws-cdk-lib ships (`aws-cdk-lib/region-info`), so that a region
 * name is checked against the regions that exist, not a pattern: a region newer than the installed
 * aws-cdk-lib is refused until aws-cdk-lib is upgraded.
 */
let regions: ReadonlyMap<string, string | undefined> | undefined;

/** The table, read on first use: reading it takes longer than starting a tool that needs no region. */
function knownRegions(): ReadonlyMap<string, string | undefined> {
  regions ??= new Map(RegionInfo.regions.map((region) => [region.name, region.partition]));
  return regions;
}

export function isKnownRegion(name: string): boolean {
  return knownRegions().has(name);
}

/** The partition (aws, aws-cn, aws-us-gov, …) of a known region. */
export function regionPartition(name: string): string | undefined {
  return knownRegions().get(name);
}

/** The nearest known region name when `name` looks like a misspelling of it. */
export function nearestRegion(name: string): string | undefined {
  const candidate = closest(name, [...knownRegions().keys()]);
  return distance(name, candidate) <= 2 ? candidate : undefined;
}
