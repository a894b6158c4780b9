// The region table (lib/regions/table.ts) is generated from the one aws-cdk-lib ships, so that the
// tools and the app do not load aws-cdk-lib's region facts; this keeps it current.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { region } from '../../lib/config/rules';
import { regionTableOfCdk, regionTableSource } from '../../lib/regions/from-cdk';
import { dnsSuffixOf, partitionOf } from '../../lib/policies/partition';
import { PROJECT_ROOT } from '../support/config';

test("the committed table is aws-cdk-lib's (after an upgrade: `npm run regions`)", () => {
  const committed = readFileSync(join(PROJECT_ROOT, 'lib', 'regions', 'table.ts'), 'utf8');
  expect(committed).toBe(regionTableSource(regionTableOfCdk()));
});

test("a region name is checked against aws-cdk-lib's region table", () => {
  const names = RegionInfo.regions.map((info) => info.name);
  expect(names.length).toBeGreaterThan(30);
  for (const name of names) expect(region.safeParse(name).success).toBe(true);
  for (const name of ['us-west-9', 'eu-north-2x', 'US-EAST-1', ' us-east-1', 'constructor', 'toString']) {
    expect(region.safeParse(name).success).toBe(false);
  }
});

test.each(RegionInfo.regions.map((r) => [r.name, r.partition, r.domainSuffix]))(
  "%s: the policies take the partition and DNS suffix of aws-cdk-lib's region table",
  (name, partition, suffix) => {
    expect([partitionOf(name), dnsSuffixOf(name)]).toEqual([partition, suffix]);
  },
);

test('an ISO and a China region take their own partition and suffix', () => {
  expect([partitionOf('us-iso-east-1'), dnsSuffixOf('us-iso-east-1')]).toEqual(['aws-iso', 'c2s.ic.gov']);
  expect([partitionOf('cn-north-1'), dnsSuffixOf('cn-north-1')]).toEqual(['aws-cn', 'amazonaws.com.cn']);
});
