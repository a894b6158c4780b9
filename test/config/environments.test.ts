import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, placeholderNotice } from '../../lib/config';
import { exampleContext, PROJECT_ROOT } from '../support/config';

const ENVIRONMENTS_EXAMPLE = join(PROJECT_ROOT, 'examples', 'backup-account.environments.json');

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'environments-'));
  copyFileSync(ENVIRONMENTS_EXAMPLE, join(directory, 'backup-account.json'));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

const load = (context: Record<string, unknown> = {}) => loadConfig({ directory, context });

function write(values: unknown): void {
  writeFileSync(join(directory, 'backup-account.json'), JSON.stringify(values));
}

/** The environments example with some of its entries' keys replaced. */
function exampleWith(environments: Record<string, unknown>): Record<string, unknown> {
  const example = JSON.parse(readFileSync(ENVIRONMENTS_EXAMPLE, 'utf8'));
  return { ...example, environments: { ...example.environments, ...environments } };
}

function problems(context: Record<string, unknown>): string[] {
  try {
    load(context);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.key}: ${p.message}`);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

test('-c environment picks one environment; shared keys are its defaults', () => {
  const test = load({ environment: 'test' });
  expect(test.environment).toBe('test');
  expect(test.source).toBe('backup-account.json, with -c environment, environment "test"');
  expect(test.config).toMatchObject({
    backupAccountId: '000011114444',
    sourceAccountIds: ['000011112222'],
    organizationId: 'o-exampleorgid',
    backupRegion: 'us-west-2',
    vaultLock: { minRetentionDays: 90, changeableForDays: undefined },
  });
  const prod = load({ environment: 'prod' });
  expect(prod.config).toMatchObject({
    backupAccountId: '000022224444',
    sourceAccountIds: ['000022222222'],
    vaultLock: { minRetentionDays: 90, changeableForDays: 180 },
  });
});

test('command-line keys override the chosen environment', () => {
  expect(load({ environment: 'prod', backup_region: 'us-east-2' }).config.backupRegion).toBe('us-east-2');
});

test.each(['compliance', 'governance'])('every environment of the example works in %s mode', (mode) => {
  for (const environment of ['test', 'prod']) {
    expect(load({ environment, vault_lock_mode: mode }).config.vaultLock.changeableForDays).toBe(
      mode === 'compliance' ? 180 : undefined,
    );
  }
});

test('a missing environment name is an error that lists the known ones', () => {
  expect(problems({})).toEqual([
    'environment: is required: choose one with -c environment=NAME (known environments: test, prod)',
  ]);
});

test('an unknown environment name is an error that suggests the closest and lists the known ones', () => {
  expect(problems({ environment: 'prd' })).toEqual([
    'environment: "prd" is not a known environment; did you mean "prod"? (known environments: test, prod)',
  ]);
});

test('a problem of the chosen environment given with -c names the environment', () => {
  expect(() => load({ environment: 'test', backup_account_id: '1' })).toThrow(
    'Invalid configuration (backup-account.json, with -c environment, backup_account_id, environment "test"): 1 problem\n' +
      '  - environments.test.backup_account_id: must be 12 digits, got "1"',
  );
});

test('every environment is checked, not only the chosen one, and every problem names its environment', () => {
  write(
    exampleWith({
      prod: { backup_account_id: 222233334444, source_account_ids: ['000022222222'], colour: 'blue' },
      staging: 'later',
    }),
  );
  expect(problems({ environment: 'test' })).toEqual([
    'environments.prod.colour: is not a known key; known keys: backup_account_id, organization_id, backup_region, source_account_ids, source_regions, backup_vault_name, ssn_backup_vault_name, tags, vault_lock_mode, vault_lock_min_retention_days, vault_lock_max_retention_days, vault_lock_changeable_for_days, alert_emails, freshness_alert_hours, restore_testing_schedule, restore_testing_selection_days, restore_testing_validation_hours, restore_time_target_minutes, evidence_retention_days, audit_framework',
    'environments.prod.backup_account_id: must be a string of 12 digits, got the number 222233334444: quote it ("222233334444")',
    'environments.staging: must be an object of configuration keys, got the string "later"',
  ]);
});

test('a problem of a shared key is reported once, a problem that one environment causes under its name', () => {
  write({
    ...exampleWith({
      prod: { backup_account_id: '000022224444', source_account_ids: ['000022224444', '000022224444'] },
    }),
    backup_region: 'us-west',
  });
  expect(problems({ environment: 'test' })).toEqual([
    'backup_region: must be an AWS region name such as "us-west-2", got "us-west"; did you mean "us-west-1"?',
    'environments.prod.source_account_ids[1]: "000022224444" is listed twice',
    'environments.prod.source_account_ids: must not include the backup account "000022224444": the copies must leave the account they protect',
  ]);
});

test('the flat format of the specification still works, and says to leave out -c environment', () => {
  write(exampleContext());
  expect(load().environment).toBeUndefined();
  expect(problems({ environment: 'test' })).toEqual([
    'environment: "test" was chosen with -c environment, but backup-account.json defines no "environments" (it describes one backup account): leave out -c environment',
  ]);
});

test('an environment written in the file is named as such', () => {
  write({ ...exampleContext(), environment: 'prod' });
  expect(problems({})).toEqual([
    'environment: is written in backup-account.json; an environment is chosen on the command line only (-c environment=NAME): remove it from the file',
  ]);
});

test('-c environments is not called an unknown key', () => {
  expect(problems({ environment: 'test', environments: '{}' })).toEqual([
    'environments: cannot be given with -c: named environments are defined in backup-account.json; choose one of them with -c environment=NAME',
  ]);
});

test('environments must be an object', () => {
  write({ environments: ['test'] });
  expect(problems({ environment: 'test' })).toEqual([
    'environments: must be an object of environment names to objects of configuration keys, got a list ["test"]',
  ]);
});

test('--config style: an explicit file is read instead of backup-account.json', () => {
  writeFileSync(
    join(directory, 'other.json'),
    JSON.stringify({ ...exampleContext(), backup_region: 'eu-west-1' }),
  );
  const loaded = loadConfig({ directory, file: 'other.json' });
  expect(loaded).toMatchObject({
    source: 'other.json',
    config: { backupRegion: 'eu-west-1' },
  });
  expect(placeholderNotice(loaded)).toMatch(/^other.json still holds the example's placeholder IDs/);
});

test('two environments with the same backup account and region are refused; another region is another stack', () => {
  const example = JSON.parse(readFileSync(ENVIRONMENTS_EXAMPLE, 'utf8'));
  const prodAccount = example.environments.prod.backup_account_id;
  write(exampleWith({ test: { ...example.environments.test, backup_account_id: prodAccount } }));
  expect(problems({ environment: 'test' })).toEqual([
    `environments.prod.backup_account_id: is "${prodAccount}" with backup_region "us-west-2", as in environment "test": both would deploy the same stack there, each deployment overwriting the other's; give each environment its own backup account (or region)`,
  ]);
  write(
    exampleWith({
      test: { ...example.environments.test, backup_account_id: prodAccount, backup_region: 'us-east-2' },
    }),
  );
  expect(load({ environment: 'test' }).config.backupRegion).toBe('us-east-2');
});

test('a misspelt "environments" gets a suggestion, and so does a misspelt -c environment', () => {
  const { environments, ...shared } = JSON.parse(readFileSync(ENVIRONMENTS_EXAMPLE, 'utf8'));
  write({ ...shared, enviroments: environments });
  expect(problems({})).toContain('enviroments: is not a known key; did you mean "environments"?');
  write(JSON.parse(readFileSync(ENVIRONMENTS_EXAMPLE, 'utf8')));
  expect(problems({ enviroment: 'prod' })).toContain(
    'enviroment: is not a known key; did you mean "environment"?',
  );
});
