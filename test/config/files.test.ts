import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig, PLACEHOLDER_IDS, placeholderNotice } from '../../lib/config';
import { exampleFolder, operatorContext, PROJECT_ROOT } from '../support/config';

const folder = exampleFolder('config-files-');

function write(name: string, text: string): void {
  writeFileSync(join(folder.path, name), text);
}

function failure(options: { file?: string } = {}): ConfigError {
  try {
    loadConfig({ directory: folder.path, ...options });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

test('backup-account.json is the configuration, without a notice', () => {
  write('backup-account.json', JSON.stringify(operatorContext()));
  expect(loadConfig({ directory: folder.path })).toMatchObject({
    file: 'backup-account.json',
    source: 'backup-account.json',
    example: false,
    notice: undefined,
    placeholders: [],
    config: { backupAccountId: '123456789012' },
  });
});

test('a cdk.context.json holding only the CDK cache is not a configuration: the example is used', () => {
  write(
    'cdk.context.json',
    JSON.stringify({ 'availability-zones:account=123456789012:region=us-west-2': ['a'] }),
  );
  const loaded = loadConfig({ directory: folder.path });
  expect(loaded).toMatchObject({ file: 'backup-account.example.json', example: true });
  expect(loaded.notice).toBe(
    'No backup-account.json found: using the example configuration in backup-account.example.json, whose account IDs are placeholders. Copy it to backup-account.json and edit it before deploying.',
  );
});

test('the original layout, configuration keys in cdk.context.json, still works, with a one-line notice', () => {
  write('cdk.context.json', JSON.stringify(operatorContext()));
  const loaded = loadConfig({ directory: folder.path, context: operatorContext() });
  expect(loaded).toMatchObject({ file: 'cdk.context.json', source: 'cdk.context.json', example: false });
  expect(loaded.config.backupAccountId).toBe('123456789012');
  expect(loaded.notice).toBe(
    "Reading the configuration from cdk.context.json, the CDK's context cache, which CDK commands such as `cdk context --clear` erase: move it to a file of its own with `mv cdk.context.json backup-account.json`.",
  );
});

test('configuration in both files is an error naming both', () => {
  write('backup-account.json', JSON.stringify(operatorContext()));
  write('cdk.context.json', JSON.stringify({ ...operatorContext(), 'acknowledged-issue-numbers': [1] }));
  expect(failure().message).toBe(
    'Invalid configuration (backup-account.json and cdk.context.json): 1 problem\n' +
      '  - cdk.context.json: holds configuration keys (backup_account_id, organization_id, backup_region, source_account_ids, source_regions, backup_vault_name, ssn_backup_vault_name, vault_lock_min_retention_days, tags) although backup-account.json exists; keep the configuration in backup-account.json only: move what is missing there, then remove those keys from cdk.context.json (or delete it: the CDK recreates it as its cache)',
  );
});

test('a byte-order mark at the start of the file is ignored', () => {
  write('backup-account.json', `\uFEFF${JSON.stringify(operatorContext(), null, 2)}`);
  expect(loadConfig({ directory: folder.path }).config.backupAccountId).toBe('123456789012');
});

test('invalid JSON is reported with its line, column and the line itself', () => {
  write(
    'backup-account.json',
    '{\n  "backup_account_id": "123456789012"\n  "backup_region": "us-west-2"\n}\n',
  );
  const { message } = failure();
  expect(message.split('\n')).toEqual([
    'Invalid configuration (backup-account.json): 1 problem',
    expect.stringMatching(/^ {2}- backup-account.json: is not valid JSON at line 3, column 3 \(.+\):$/),
    '        "backup_region": "us-west-2"',
    '        ^',
  ]);
  expect(message).not.toMatch(/position/);
});

test('JSON that ends too early points after its last character', () => {
  write('backup-account.json', '{ "backup_account_id": ');
  expect(failure().message.split('\n').slice(1)).toEqual([
    '  - backup-account.json: is not valid JSON at line 1, column 24 (the file ends too early: a value expected):',
    '      { "backup_account_id": ',
    '                             ^',
  ]);
});

test('a comma after the last entry is called a comma, at the comma', () => {
  write('backup-account.json', '{\n  "backup_account_id": "123456789012",\n  "tags": { "Team": "x", },\n}\n');
  expect(failure().message.split('\n').slice(1)).toEqual([
    '  - backup-account.json: is not valid JSON at line 3, column 24 (a comma after the last entry, which JSON does not allow: remove it):',
    '        "tags": { "Team": "x", },',
    '                             ^',
  ]);
});

test('a YAML file is said to be YAML, at its first line', () => {
  write('backup-account.json', 'backup_account_id: "123456789012"\nsource_regions:\n  - us-east-1\n');
  expect(failure().message.split('\n')[1]).toBe(
    '  - backup-account.json: is not valid JSON at line 1, column 1 (this looks like YAML; the configuration is JSON, written as backup-account.example.json is):',
  );
});

test('a YAML file that starts with a comment is said to be YAML too, at its first character', () => {
  write('backup-account.json', '# production\nbackup_account_id: "123456789012"\n');
  expect(failure().message.split('\n')[1]).toBe(
    '  - backup-account.json: is not valid JSON at line 1, column 1 (this looks like YAML; the configuration is JSON, written as backup-account.example.json is):',
  );
});

test('a comment is refused as JSON does', () => {
  write('backup-account.json', '{\n  // the production account\n  "backup_account_id": "123456789012"\n}\n');
  expect(failure().message.split('\n')[1]).toBe(
    '  - backup-account.json: is not valid JSON at line 2, column 3 (JSON allows no comments):',
  );
});

test('a key written twice is refused, naming the key and both lines, at any depth', () => {
  const text = JSON.stringify({ ...operatorContext(), tags: { Team: 'a' } }, null, 2)
    .replace(
      '"backup_region": "us-west-2",',
      '"backup_region": "us-west-2",\n  "backup_region": "eu-west-1",',
    )
    .replace('"Team": "a"', '"Team": "a",\n    "Team": "b"');
  write('backup-account.json', text);
  const lines = text.split('\n');
  const at = (needle: string, from = 0) =>
    lines.findIndex((line, i) => i >= from && line.includes(needle)) + 1;
  expect(failure().problems).toEqual([
    {
      key: 'backup-account.json',
      message: `has the key "backup_region" twice, at lines ${at('backup_region')} and ${at('backup_region', at('backup_region'))}; JSON readers keep only the last one silently: remove one of them`,
    },
    {
      key: 'backup-account.json',
      message: `has the key "tags.Team" twice, at lines ${at('"Team"')} and ${at('"Team"', at('"Team"'))}; JSON readers keep only the last one silently: remove one of them`,
    },
  ]);
});

test('a --config file that does not exist says so', () => {
  expect(failure({ file: 'missing.json' }).message).toBe(
    'Invalid configuration (missing.json): 1 problem\n  - missing.json: does not exist',
  );
});

test("an operator's file that still holds the example's placeholder IDs is named in a notice", () => {
  write(
    'backup-account.json',
    JSON.stringify({ ...operatorContext(), source_account_ids: ['210987654321', '000011112222'] }),
  );
  const loaded = loadConfig({ directory: folder.path });
  expect(loaded.placeholders).toEqual(['source_account_ids[1]']);
  expect(loaded.notice).toBeUndefined();
  expect(placeholderNotice(loaded)).toBe(
    "backup-account.json still holds the example's placeholder IDs (source_account_ids[1]): replace them before deploying; a deployment with them is refused.",
  );
});

test('the placeholder IDs are exactly the IDs the example configurations hold', () => {
  const files = [
    join(PROJECT_ROOT, 'backup-account.example.json'),
    ...readdirSync(join(PROJECT_ROOT, 'examples')).map((name) => join(PROJECT_ROOT, 'examples', name)),
  ];
  const ids = new Set(
    files.flatMap((file) => readFileSync(file, 'utf8').match(/"(\d{12}|o-[a-z0-9]{10,32})"/g) ?? []),
  );
  expect([...ids].map((id) => JSON.parse(id)).sort()).toEqual([...PLACEHOLDER_IDS].sort());
});
