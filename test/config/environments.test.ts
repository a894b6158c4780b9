import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../lib/config';
import { exampleContext, PROJECT_ROOT } from '../support/config';

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'environments-'));
  copyFileSync(
    join(PROJECT_ROOT, 'examples', 'cdk.context.environments.json'),
    join(directory, 'cdk.context.json'),
  );
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

const load = (context: Record<string, unknown> = {}) => loadConfig({ directory, context });

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
  expect(test.source).toBe('cdk.context.json, with -c environment, environment "test"');
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

test('a problem inside an environment names the environment in the source', () => {
  expect(() => load({ environment: 'test', backup_account_id: '1' })).toThrow(
    'Invalid configuration (cdk.context.json, with -c environment, backup_account_id, environment "test"): 1 problem',
  );
});

test('the flat format of the specification still works, and rejects an environment name', () => {
  writeFileSync(join(directory, 'cdk.context.json'), JSON.stringify(exampleContext()));
  expect(load().environment).toBeUndefined();
  expect(problems({ environment: 'test' })).toEqual([
    'environment: "test" was chosen, but the configuration defines no "environments"; remove -c environment, or add the environments',
  ]);
});

test('environments must be objects', () => {
  writeFileSync(join(directory, 'cdk.context.json'), JSON.stringify({ environments: { test: 'x' } }));
  expect(problems({ environment: 'test' })).toEqual([
    'environments: must be an object of environment names to objects of configuration keys',
  ]);
});

test('--config style: an explicit file is read instead of cdk.context.json', () => {
  writeFileSync(
    join(directory, 'other.json'),
    JSON.stringify({ ...exampleContext(), backup_region: 'eu-west-1' }),
  );
  const loaded = loadConfig({ directory, file: 'other.json' });
  expect(loaded).toMatchObject({
    source: 'other.json',
    notice: undefined,
    config: { backupRegion: 'eu-west-1' },
  });
});
