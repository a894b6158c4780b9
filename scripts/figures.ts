/**
 * The figures of the README and its guides that the code can compute: mutant counts, policy budgets
 * and sizes, the largest supported configuration, the pinned AWS-managed policies, and the samples of
 * what the app prints and reads (configuration problems, synthesis summary, named environments).
 * `npm run docs` writes each into its `<!-- figures:NAME -->` block (lib/analysis/doc-blocks.ts); a test checks the
 * committed documents, and checks each figure against the policies and the budgets themselves.
 * Timings are measured, not computed: they stay in docs/development.md, "Measured figures".
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtPolicies, POLICY_NAMES } from '../lib/analysis/iam';
import { committedManagedPolicies, managedPolicyVersion } from '../lib/analysis/managed-policies';
import { MANAGED_POLICY_OF, MANAGED_POLICY_SOURCE } from '../lib/analysis/managed-policy-pins';
import { mutantsOf } from '../lib/analysis/mutants';
import { baselinePolicies } from '../lib/seal/baseline';
import { openPolicies } from '../lib/seal/opening';
import { MAX_REASON_BYTES } from '../lib/break-glass/input';
import { type BackupAccountConfig, ConfigError, validateConfig } from '../lib/config';
import { EXAMPLE_FILE, loadConfig } from '../lib/config/load';
import { describeSynthesis } from '../lib/summary';
import { namedPolicies, planDestinations } from '../lib/plan';
import {
  ASSUMED_VAULT_POLICY_LIMIT_BYTES,
  budgetOverruns,
  KEY_BREAK_GLASS_RESERVE_BYTES,
  KEY_POLICY_BUDGET,
  KMS_KEY_POLICY_LIMIT_BYTES,
  policySizeBytes,
  VAULT_BREAK_GLASS_RESERVE_BYTES,
  VAULT_POLICY_BUDGET,
} from '../lib/policies';
import { policyText } from '../lib/policies/policy-json';
import { EQUIVALENT, mutants as openingMutants } from '../test/break-glass/mutants';

export const PROJECT_ROOT = join(__dirname, '..');
/** The README and its guides, where figures blocks may be; the generated documents aside. */
export const FIGURE_DOCUMENTS = [
  'README.md',
  ...readdirSync(join(PROJECT_ROOT, 'docs'))
    .filter((name) => name.endsWith('.md') && !['access-matrix.md', 'controls.md'].includes(name))
    .map((name) => `docs/${name}`),
];

/** The source regions the limits are computed for, from 1 to 5. */
const REGIONS = ['us-east-1', 'us-east-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];
/** The most source accounts searched for; the budgets stop far below. */
const SEARCH_LIMIT = 10_000;

function exampleConfig(overrides: Record<string, unknown> = {}): BackupAccountConfig {
  const example = JSON.parse(readFileSync(join(PROJECT_ROOT, EXAMPLE_FILE), 'utf8'));
  return validateConfig({ ...example, ...overrides }, EXAMPLE_FILE);
}

/** The example with `accounts` source accounts in the first `regions` source regions. */
function sized(accounts: number, regions: number): BackupAccountConfig {
  return exampleConfig({
    source_account_ids: Array.from({ length: accounts }, (_, i) => String(100000000000 + i)),
    source_regions: REGIONS.slice(0, regions),
  });
}

/** The planned policies' sizes: general key, general vault, SSN key, SSN vault. */
function policySizes(accounts: number, regions: number): number[] {
  const config = sized(accounts, regions);
  return namedPolicies(planDestinations(config), config).map((p) => policySizeBytes(p.document));
}

/** The planned policies over their budgets (indices as in `policySizes`); empty when all fit. */
function overBudget(accounts: number, regions: number): number[] {
  const config = sized(accounts, regions);
  const planned = namedPolicies(planDestinations(config), config);
  const over = new Set(budgetOverruns(planned).map((o) => o.policy));
  return planned.flatMap((p, i) => (over.has(p.name) ? [i] : []));
}

/** The most source accounts that fit every budget in `regions` source regions (binary search). */
function largestFitting(regions: number): number {
  let [fits, fails] = [1, SEARCH_LIMIT];
  if (overBudget(fits, regions).length > 0 || overBudget(fails, regions).length === 0) {
    throw new Error(`the largest configuration in ${regions} regions is not between 1 and ${SEARCH_LIMIT}`);
  }
  while (fails - fits > 1) {
    const middle = Math.floor((fits + fails) / 2);
    if (overBudget(middle, regions).length === 0) fits = middle;
    else fails = middle;
  }
  return fits;
}

/** The figures, as numbers and names. */
export interface Figures {
  readonly stackMutants: number;
  readonly openingMutants: number;
  readonly openingEquivalent: number;
  /** Bytes one more source account adds to each key policy and to each vault policy. */
  readonly perAccount: { readonly key: number; readonly vault: number };
  /** Bytes one more source region adds to each key policy, rounded to tens. */
  readonly perRegion: number;
  /** Source accounts of the largest configuration that fits in 1 to 5 source regions. */
  readonly largest: number;
  /** The policy (index as in `policySizes`) that one more account takes over its budget. */
  readonly firstOverBudget: number;
  readonly ssnKeyAtLargest: number;
  /** Bytes a worst-case break-glass opening adds to the SSN key and vault policies. */
  readonly opening: { readonly key: number; readonly vault: number };
}

export function computeFigures(): Figures {
  const example = exampleConfig();
  const [two, three] = [policySizes(2, 1), policySizes(3, 1)]; // from two on, the accounts are a list
  const perRegion = [2, 3, 4, 5].map((r) => policySizes(1, r)[0] - policySizes(1, r - 1)[0]);
  const largests = [1, 5].map(largestFitting);
  if (largests[0] !== largests[1])
    throw new Error(`the largest configuration depends on the regions: ${largests}`);
  const largest = largests[0];
  const over = [...new Set([1, 5].flatMap((r) => overBudget(largest + 1, r)))];
  if (over.length !== 1) throw new Error(`not one policy reaches its budget first: ${over.join(', ')}`);
  const base = baselinePolicies(example);
  const opened = openPolicies(base, {
    principalArn: `arn:aws:iam::000011114444:role/${'p'.repeat(510)}/${'r'.repeat(64)}`,
    expiry: '2030-03-01T12:00:00Z',
    reason: 'x'.repeat(MAX_REASON_BYTES),
  });
  const growth = (policy: 'key' | 'vault') =>
    Buffer.byteLength(policyText(opened[policy])) - Buffer.byteLength(policyText(base[policy]));
  const equivalent = Object.keys(EQUIVALENT).length;
  return {
    stackMutants: POLICY_NAMES.flatMap((name) => mutantsOf(builtPolicies(example)[name])).length,
    openingMutants: openingMutants.length,
    openingEquivalent: equivalent,
    perAccount: { key: three[0] - two[0], vault: three[1] - two[1] },
    perRegion: Math.round(perRegion.reduce((a, b) => a + b, 0) / perRegion.length / 10) * 10,
    largest,
    firstOverBudget: over[0],
    ssnKeyAtLargest: policySizes(largest, 5)[2],
    opening: { key: growth('key'), vault: growth('vault') },
  };
}

const bytes = (n: number) => n.toLocaleString('en-US');
const code = (text: string) => `\`${text}\``;

/** A Markdown table laid out as the formatter (oxfmt) lays it out: columns padded to their widths. */
function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, i) => Math.max(3, ...rows.map((row) => row[i].length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(rows[0]), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)].join('\n');
}

/** The planned policies as the prose names them, in the order of `policySizes`. */
const POLICY_NOUNS = [
  "the general key's policy",
  "the general vault's policy",
  "the SSN key's policy",
  "the SSN vault's policy",
];

/** Each figures block's text, by name. */
export function figureTexts(figures: Figures = computeFigures()): Record<string, string> {
  const pinned = (name: keyof typeof MANAGED_POLICY_OF) =>
    `${code(MANAGED_POLICY_OF[name])} (${managedPolicyVersion(MANAGED_POLICY_OF[name])})`;
  const packageVersion = committedManagedPolicies().source.slice(MANAGED_POLICY_SOURCE.length + 1);
  const killed = figures.openingMutants - figures.openingEquivalent;
  return {
    ...sampleTexts(),
    'service-linked-role-policy': pinned('backupServiceLinkedRole'),
    'restore-role-policy': pinned('restoreRole'),
    'managed-policies-package': `${code(MANAGED_POLICY_SOURCE)} (${packageVersion})`,
    'stack-mutants': `${figures.stackMutants} of ${figures.stackMutants} mutants killed`,
    'opening-mutants': `${killed} of ${figures.openingMutants} mutants of the opening are killed; the other ${figures.openingEquivalent} are declared equivalent`,
    'policy-limits': [
      table([
        ['Policy', 'Budget', 'Where it comes from'],
        [
          'Key policies',
          `${bytes(KEY_POLICY_BUDGET.limitBytes)} bytes`,
          `AWS KMS's quota of ${bytes(KMS_KEY_POLICY_LIMIT_BYTES)} bytes per key policy, less ${bytes(KEY_BREAK_GLASS_RESERVE_BYTES)} bytes kept free for the break-glass statements`,
        ],
        [
          'Vault access policies',
          `${bytes(VAULT_POLICY_BUDGET.limitBytes)} bytes`,
          `AWS Backup documents no limit; we assume ${bytes(ASSUMED_VAULT_POLICY_LIMIT_BYTES)} bytes (below the 20 KB that AWS documents for S3 bucket and S3 Glacier vault policies), less ${bytes(VAULT_BREAK_GLASS_RESERVE_BYTES)} bytes for break-glass`,
        ],
      ]),
      '',
      `Each source account adds ${figures.perAccount.key} bytes to each key policy and ${figures.perAccount.vault} bytes to each vault policy; each source`,
      `region adds about ${figures.perRegion} bytes to each key policy (two \`kms:ViaService\` lists name it). **The largest`,
      `supported configuration is ${figures.largest} source accounts, in 1 to ${REGIONS.length} source regions**; ${POLICY_NOUNS[figures.firstOverBudget]} is`,
      `the first to reach its budget (the SSN key's policy is then ${bytes(figures.ssnKeyAtLargest)} bytes with ${REGIONS.length} source regions). A`,
      `worst-case break-glass opening (the longest role ARN and reason) adds ${bytes(figures.opening.key)} bytes to the key policy and`,
      `${bytes(figures.opening.vault)} bytes to the vault policy, within the reserve.`,
    ].join('\n'),
  };
}

const ENVIRONMENTS_EXAMPLE = 'examples/backup-account.environments.json';
/** The day the documented summary is printed on (its Vault Lock dates follow from it). */
const SUMMARY_DAY = new Date('2026-11-27T12:00:00Z');

/** A fenced block of `text`, as the Markdown formatter keeps it. */
const fenced = (text: string, language = '') => `\`\`\`${language}\n${text.trimEnd()}\n\`\`\``;

/** The app's report of a sample of configuration mistakes, made in a fresh folder. */
function configurationProblems(): string {
  const directory = mkdtempSync(join(tmpdir(), 'figures-'));
  try {
    const example = JSON.parse(readFileSync(join(PROJECT_ROOT, EXAMPLE_FILE), 'utf8'));
    writeFileSync(
      join(directory, 'backup-account.json'),
      JSON.stringify({ ...example, backup_account_id: 123456789012 }),
    );
    loadConfig({ directory, context: { backup_region: 'us-east-1' } });
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  throw new Error('the sample of configuration mistakes raised no configuration error');
}

/** The samples of docs/configuration.md: the app's own output and the example file, as fenced blocks. */
export function sampleTexts(): Record<string, string> {
  const prod = loadConfig({
    directory: PROJECT_ROOT,
    file: ENVIRONMENTS_EXAMPLE,
    context: { environment: 'prod' },
  });
  return {
    'configuration-problems': fenced(configurationProblems()),
    'environments-example': fenced(readFileSync(join(PROJECT_ROOT, ENVIRONMENTS_EXAMPLE), 'utf8'), 'json'),
    'synthesis-summary': fenced(
      describeSynthesis({ config: prod.config, environment: prod.environment, today: SUMMARY_DAY }),
    ),
  };
}
