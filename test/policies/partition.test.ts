import { RegionInfo } from 'aws-cdk-lib/region-info';
import { dnsSuffixOf, partitionOf } from '../../lib/policies/partition';

// The configuration's region names are checked against aws-cdk-lib's region table; the policies
// take partitions and endpoint suffixes from the AWS SDK's. Both must say the same of every region.
test.each(RegionInfo.regions.map((r) => [r.name, r.partition, r.domainSuffix]))(
  "%s: the SDK gives the partition and DNS suffix of aws-cdk-lib's region table",
  (name, partition, suffix) => {
    expect([partitionOf(name), dnsSuffixOf(name)]).toEqual([partition, suffix]);
  },
);

test('an ISO and a China region take their own partition and suffix', () => {
  expect([partitionOf('us-iso-east-1'), dnsSuffixOf('us-iso-east-1')]).toEqual(['aws-iso', 'c2s.ic.gov']);
  expect([partitionOf('cn-north-1'), dnsSuffixOf('cn-north-1')]).toEqual(['aws-cn', 'amazonaws.com.cn']);
});
