// The figures of the README and its guides, computed: the mutation tests' counts (each of those tests fails unless every
// mutant that must be killed is, so "N of N" holds when N is the count), the policy sizes and the
// largest configuration.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtPolicies, POLICY_NAMES } from '../lib/analysis/iam';
import { mutantsOf } from '../lib/analysis/mutants';
import { baselinePolicies } from '../lib/break-glass/baseline';
import { openPolicies } from '../lib/break-glass/grant';
import { MAX_REASON_BYTES } from '../lib/break-glass/input';
import { ConfigError } from '../lib/config';
import { assertPoliciesWithinBudgets, namedPolicies, planDestinations } from '../lib/plan';
import { policySizeBytes } from '../lib/policies';
import { policyText } from '../lib/policies/policy-json';
import { EQUIVALENT, mutants as openingMutants } from './break-glass/mutants';
import { configWith, PROJECT_ROOT } from './support/config';

/** The README and its guides (the generated access matrix aside), whitespace collapsed. */
const DOCUMENTS = ['README.md', ...readdirSync(join(PROJECT_ROOT, 'docs')).map((name) => join('docs', name))]
  .filter((path) => path.endsWith('.md') && !path.endsWith('access-matrix.md'))
  .map((path) => readFileSync(join(PROJECT_ROOT, path), 'utf8').replace(/\s+/g, ' '))
  .join(' ');
const REGIONS = ['us-east-1', 'us-east-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];
const config = (accounts: number, regions: number) =>
  configWith({
    source_account_ids: Array.from({ length: accounts }, (_, i) => String(100000000000 + i)),
    source_regions: REGIONS.slice(0, regions),
  });
const sizes = (accounts: number, regions: number) => {
  const c = config(accounts, regions);
  return namedPolicies(planDestinations(c), c).map((p) => policySizeBytes(p.document));
};
const fits = (accounts: number, regions: number) => {
  const c = config(accounts, regions);
  try {
    assertPoliciesWithinBudgets(planDestinations(c), c);
    return true;
  } catch (error) {
    if (error instanceof ConfigError) return false;
    throw error;
  }
};
/** The figure `pattern` captures, stated once across the documents (two places could disagree). */
const figure = (pattern: RegExp): number => {
  const matches = [...DOCUMENTS.matchAll(new RegExp(pattern.source, 'g'))];
  if (matches.length !== 1) {
    throw new Error(`the documents state ${matches.length} figures matching ${pattern}, not one`);
  }
  return Number(matches[0][1].replace(/,/g, ''));
};

test('the stack mutation test: "N of N mutants killed"', () => {
  const count = POLICY_NAMES.flatMap((name) => mutantsOf(builtPolicies(configWith())[name])).length;
  expect(figure(/\((\d+) of \d+ mutants killed\)/)).toBe(count);
  expect(figure(/\(\d+ of (\d+) mutants killed\)/)).toBe(count);
});

test('the break-glass mutation test: killed, all, and declared equivalent', () => {
  const equivalent = Object.keys(EQUIVALENT).length;
  expect(figure(/(\d+) of \d+ mutants of the opening are killed/)).toBe(openingMutants.length - equivalent);
  expect(figure(/\d+ of (\d+) mutants of the opening are killed/)).toBe(openingMutants.length);
  expect(figure(/the other (\d+) are declared equivalent/)).toBe(equivalent);
});

test('what one source account and one source region add to the policies', () => {
  const [one, two] = [sizes(2, 1), sizes(3, 1)]; // from two on: one account is a string, not a list
  const perAccount = two.map((size, i) => size - one[i]);
  expect(figure(/Each source account adds (\d+) bytes to each key policy/)).toBe(perAccount[0]);
  expect(perAccount[2]).toBe(perAccount[0]);
  expect(figure(/and (\d+) bytes to each vault policy/)).toBe(perAccount[1]);
  expect(perAccount[3]).toBe(perAccount[1]);
  const perRegion = [2, 3, 4, 5].map((r) => sizes(1, r)[0] - sizes(1, r - 1)[0]);
  const stated = figure(/each source region adds about (\d+) bytes to each key policy/);
  for (const bytes of perRegion) expect(Math.abs(bytes - stated)).toBeLessThanOrEqual(20);
});

test('the largest supported configuration, in 1 to 5 source regions, and the SSN key policy then', () => {
  const largest = figure(
    /The largest supported configuration is (\d+) source accounts, in 1 to 5 source regions/,
  );
  for (const regions of [1, 5]) {
    expect(fits(largest, regions)).toBe(true);
    expect(fits(largest + 1, regions)).toBe(false);
  }
  expect(figure(/the SSN key's policy is then ([\d,]+) bytes with 5 source regions/)).toBe(
    sizes(largest, 5)[2],
  );
});

test("the worst-case opening's growth of the SSN policies", () => {
  const base = baselinePolicies(configWith());
  const opened = openPolicies(base, {
    principalArn: `arn:aws:iam::000011114444:role/${'p'.repeat(510)}/${'r'.repeat(64)}`,
    expiry: '2030-03-01T12:00:00Z',
    reason: 'x'.repeat(MAX_REASON_BYTES),
  });
  const growth = (key: 'key' | 'vault') =>
    Buffer.byteLength(policyText(opened[key])) - Buffer.byteLength(policyText(base[key]));
  expect(figure(/opening \(the longest role ARN and reason\) adds ([\d,]+) bytes to the key policy/)).toBe(
    growth('key'),
  );
  expect(figure(/bytes to the key policy and ([\d,]+) bytes to the vault policy/)).toBe(growth('vault'));
});
