import { execFile } from 'node:child_process';
import { copyFileSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runApp } from '../lib/app';
import { appExit } from '../lib/cli/outcomes';
import { exampleFolder, operatorContext, PROJECT_ROOT } from './support/config';
import { WITHOUT_CLOUDFORMATION_VALIDATION } from './support/synthesis';

const folder = exampleFolder('backup-account-app-');

function writeConfig(values: Record<string, unknown>, name = 'backup-account.json'): void {
  writeFileSync(join(folder.path, name), JSON.stringify(values, null, 2));
}

function run(context: Record<string, unknown> = {}): { code: number; stderr: string; template?: string } {
  const lines: string[] = [];
  const outdir = join(folder.path, 'cdk.out');
  const now = () => new Date('2026-11-27T00:00:00Z');
  const code = appExit(
    runApp({
      directory: folder.path,
      stderr: (text) => lines.push(text),
      appProps: { ...WITHOUT_CLOUDFORMATION_VALIDATION, outdir, context },
      now,
    }),
  );
  const stderr = lines.join('\n');
  if (code !== 0) return { code, stderr };
  return { code, stderr, template: readFileSync(join(outdir, 'BackupAccountStack.template.json'), 'utf8') };
}

const rules = (template?: string) => Object.keys(JSON.parse(template ?? '{}').Rules ?? {});

test('without backup-account.json the example configuration is used, and stderr says so', () => {
  const result = run();
  expect(result.code).toBe(0);
  expect(result.stderr).toMatch(
    /^No backup-account.json found: using the example configuration in backup-account.example.json/,
  );
  expect(result.template).toContain('arn:aws:iam::000011112222:root');
});

test('backup-account.json is used as it is, without a notice, and its template deploys', () => {
  writeConfig({ ...operatorContext(), source_account_ids: ['000011113333'] });
  const result = run();
  expect(result.code).toBe(0);
  expect(result.stderr).toMatch(/^BackupAccountStack: account 123456789012/);
  expect(result.template).toContain('arn:aws:iam::000011113333:root');
  expect(result.template).not.toContain('000011112222');
  expect(rules(result.template)).toEqual(['CheckBootstrapVersion']);
});

test("the example's placeholder IDs: a warning on synthesis, and a template CloudFormation refuses to deploy", () => {
  writeConfig({ ...operatorContext(), source_account_ids: ['210987654321', '000011112222'] });
  const result = run();
  expect(result.code).toBe(0);
  expect(result.stderr.split('\n')[0]).toBe(
    "backup-account.json still holds the example's placeholder IDs (source_account_ids[1]): replace them before deploying; a deployment with them is refused.",
  );
  expect(result.stderr.split('\n').slice(-3)).toEqual([
    "  WARNING: NOT DEPLOYABLE. source_account_ids[1] still holds the example's placeholder IDs.",
    '    The template carries the rule PlaceholderAccountIds, so CloudFormation refuses to deploy it;',
    '    set the real IDs in backup-account.json first (the app cannot tell `cdk deploy` from `cdk synth`).',
  ]);
  const template = JSON.parse(result.template ?? '{}');
  expect(template.Parameters.ExamplePlaceholderKeys).toEqual({
    Type: 'String',
    Default: 'source_account_ids[1]',
    AllowedValues: ['source_account_ids[1]'],
    Description:
      "The configuration keys that still hold the example's placeholder IDs; the rule PlaceholderAccountIds refuses to deploy while they do.",
  });
  expect(template.Rules.PlaceholderAccountIds).toEqual({
    Assertions: [
      {
        Assert: {
          'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'ExamplePlaceholderKeys' }, 'source_account_ids[1]'] }],
        },
        AssertDescription:
          "Synthesized from a configuration that still holds the example's placeholder IDs (source_account_ids[1]): set the real IDs in backup-account.json, then deploy again.",
      },
    ],
  });
});

/** Every `Ref` inside a rule assertion. */
function refsIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(refsIn);
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === 'Ref' && typeof value === 'string' ? [value] : refsIn(value),
  );
}

test('the example itself cannot be deployed either, and every rule assertion validates a declared parameter', () => {
  const template = JSON.parse(run().template ?? '{}');
  expect(Object.keys(template.Rules)).toEqual(['PlaceholderAccountIds', 'CheckBootstrapVersion']);
  const parameters = Object.keys(template.Parameters);
  const assertions = Object.values<{ Assertions: { Assert: unknown }[] }>(template.Rules).flatMap(
    (rule) => rule.Assertions,
  );
  expect(assertions).toHaveLength(2);
  for (const { Assert } of assertions) {
    expect(refsIn(Assert)).not.toEqual([]);
    for (const ref of refsIn(Assert)) expect(parameters).toContain(ref);
  }
});

test('no alert e-mails outside a test environment: a loud warning before the NOT DEPLOYABLE one', () => {
  const lines = run().stderr.split('\n');
  const alert = lines.findIndex((line) => line.startsWith('  WARNING: NO ALERT E-MAILS.'));
  const deploy = lines.findIndex((line) => line.startsWith('  WARNING: NOT DEPLOYABLE.'));
  expect(alert).toBeGreaterThan(lines.findIndex((line) => line.startsWith('  Alerts: ')));
  expect(deploy).toBeGreaterThan(alert);
  writeConfig({ ...operatorContext(), alert_emails: ['ops@example.com'] });
  expect(run().stderr).not.toContain('WARNING');
});

test('a backup-account.json that lacks a required key is an error, never completed from the example', () => {
  const partial = operatorContext();
  delete partial.organization_id;
  writeConfig(partial);
  expect(run()).toEqual({
    code: 2,
    stderr:
      'Invalid configuration (backup-account.json): 1 problem\n  - organization_id: is required (an AWS Organizations ID such as "o-a1b2c3d4e5")',
  });
});

test('command-line context overrides the file, and messages name the overridden keys', () => {
  writeConfig(operatorContext());
  expect(run({ backup_region: 'us-east-1' })).toEqual({
    code: 2,
    stderr:
      'Invalid configuration (backup-account.json, with -c backup_region): 1 problem\n  - backup_region: "us-east-1" is also a source region; the backups must be kept in another region than the data they protect',
  });
});

test('a backup-account.json that is not JSON is named in the error', () => {
  writeFileSync(join(folder.path, 'backup-account.json'), '{ "backup_account_id": ');
  const result = run();
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(
    /^Invalid configuration \(backup-account.json\): 1 problem\n {2}- backup-account.json: is not valid JSON at line 1, column 24 /,
  );
});

test('the original layout (cdk.context.json) still synthesizes, with a notice saying how to move', () => {
  writeConfig(operatorContext(), 'cdk.context.json');
  const result = run(operatorContext());
  expect(result.code).toBe(0);
  expect(result.stderr.split('\n')[0]).toMatch(
    /^Reading the configuration from cdk.context.json, .* `mv cdk.context.json backup-account.json`\.$/,
  );
  expect(result.template).toContain('arn:aws:iam::210987654321:root');
});

// Without CDK's CloudFormation validation (`--no-validation`, about 4 s of each synthesis):
// test/validation.test.ts runs it with the context these runs get from cdk.json.
describe('through the real CDK CLI', () => {
  const exec = promisify(execFile);
  const cdk = join(PROJECT_ROOT, 'node_modules', 'aws-cdk', 'bin', 'cdk');

  beforeEach(() => {
    copyFileSync(join(PROJECT_ROOT, 'cdk.json'), join(folder.path, 'cdk.json'));
    symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(folder.path, 'node_modules'));
    symlinkSync(join(PROJECT_ROOT, 'bin'), join(folder.path, 'bin'));
    symlinkSync(join(PROJECT_ROOT, 'lib'), join(folder.path, 'lib'));
    symlinkSync(join(PROJECT_ROOT, 'scripts'), join(folder.path, 'scripts'));
  });

  // One synthesis for three things, since each real CLI run costs seconds: cdk.json's `quiet` (no
  // template on stdout, the summary and its warnings last on stderr), `cdk context --clear`, and -c.
  test('after `cdk context --clear`, `cdk synth` uses backup-account.json, -c takes a JSON list string for a list key, and the summary ends the output', async () => {
    writeConfig({ ...operatorContext(), source_account_ids: ['210987654321', '210987654322'] });
    const cache = { 'availability-zones:account=123456789012:region=us-west-2': ['us-west-2a'] };
    writeConfig(cache, 'cdk.context.json');
    await exec(process.execPath, [cdk, 'context', '--clear'], { cwd: folder.path });
    expect(JSON.parse(readFileSync(join(folder.path, 'cdk.context.json'), 'utf8'))).toEqual({});
    const { stdout, stderr } = await exec(
      process.execPath,
      [
        cdk,
        'synth',
        '--no-validation',
        '-c',
        'source_account_ids=["000011115555","000011116666"]',
        'BackupAccountStack',
      ],
      { cwd: folder.path },
    );
    expect(stdout).toBe('');
    // No alert_emails in an environment not named like a test one: the summary's last line warns.
    const lines = stderr.trimEnd().split('\n');
    const warning = lines.findIndex((line) => line.startsWith('  WARNING: NO ALERT E-MAILS. '));
    expect(warning).toBeGreaterThan(lines.findIndex((line) => line.startsWith('  Alerts: ')));
    expect(lines.slice(warning + 1).every((line) => line.startsWith('    '))).toBe(true);
    // The account and region come from backup-account.json; the source accounts from -c.
    expect(stderr).toMatch(/^BackupAccountStack: account 123456789012, region us-west-2$/m);
    expect(stderr).toContain('Copy-in allowed to: 000011115555, 000011116666');
    const template = JSON.parse(
      readFileSync(join(folder.path, 'cdk.out', 'BackupAccountStack.template.json'), 'utf8'),
    );
    const vault = Object.values<{
      Type: string;
      Properties: { AccessPolicy?: { Statement: { Principal: unknown }[] } };
    }>(template.Resources).find((r) => r.Type === 'AWS::Backup::BackupVault');
    expect(vault?.Properties.AccessPolicy?.Statement[0].Principal).toEqual({
      AWS: ['arn:aws:iam::000011115555:root', 'arn:aws:iam::000011116666:root'],
    });
    expect(Object.keys(template.Rules)).toEqual(['CheckBootstrapVersion']);
  }, 90_000);

  test('a configuration mistake exits non-zero with the message and no stack trace', async () => {
    const failure = await exec(process.execPath, [cdk, 'synth', '-c', 'backup_account_id=12345'], {
      cwd: folder.path,
    }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).not.toBe(0);
    expect(failure?.stderr).toContain('  - backup_account_id: must be 12 digits, got "12345"');
    expect(failure?.stderr).not.toMatch(/^\s+at /m);
  }, 60_000);
});
