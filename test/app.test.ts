import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runApp } from '../lib/app';
import { exampleContext, PROJECT_ROOT } from './support/config';

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'backup-account-app-'));
  copyFileSync(join(PROJECT_ROOT, 'cdk.context.example.json'), join(directory, 'cdk.context.example.json'));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

function run(context: Record<string, unknown> = {}): { code: number; stderr: string; template?: string } {
  const lines: string[] = [];
  const outdir = join(directory, 'cdk.out');
  const now = () => new Date('2026-11-27T00:00:00Z');
  const code = runApp({ directory, stderr: (text) => lines.push(text), appProps: { outdir, context }, now });
  const stderr = lines.join('\n');
  if (code !== 0) return { code, stderr };
  return { code, stderr, template: readFileSync(join(outdir, 'BackupAccountStack.template.json'), 'utf8') };
}

test('without cdk.context.json the example configuration is used, and stderr says so', () => {
  const result = run();
  expect(result.code).toBe(0);
  expect(result.stderr).toMatch(
    /^No cdk.context.json found: using the example configuration in cdk.context.example.json/,
  );
  expect(result.template).toContain('arn:aws:iam::000011112222:root');
});

test('cdk.context.json is used as it is, without a notice', () => {
  writeFileSync(
    join(directory, 'cdk.context.json'),
    JSON.stringify({ ...exampleContext(), source_account_ids: ['000011113333'] }),
  );
  const result = run();
  expect(result.code).toBe(0);
  expect(result.stderr).toMatch(/^BackupAccountStack: account 000011114444/);
  expect(result.template).toContain('arn:aws:iam::000011113333:root');
  expect(result.template).not.toContain('000011112222');
});

test('a cdk.context.json that lacks a required key is an error, never completed from the example', () => {
  const partial = exampleContext();
  delete partial.organization_id;
  writeFileSync(join(directory, 'cdk.context.json'), JSON.stringify(partial));
  expect(run()).toEqual({
    code: 1,
    stderr:
      'Invalid configuration (cdk.context.json): 1 problem\n  - organization_id: is required (an AWS Organizations ID such as "o-a1b2c3d4e5")',
  });
});

test('command-line context overrides the file, and messages name the overridden keys', () => {
  writeFileSync(join(directory, 'cdk.context.json'), JSON.stringify(exampleContext()));
  expect(run({ backup_region: 'us-east-1' })).toEqual({
    code: 1,
    stderr:
      'Invalid configuration (cdk.context.json, with -c backup_region): 1 problem\n  - backup_region: "us-east-1" is also a source region; the backups must be kept in another region than the data they protect',
  });
});

test('a cdk.context.json that is not JSON is named in the error', () => {
  writeFileSync(join(directory, 'cdk.context.json'), '{ "backup_account_id": ');
  const result = run();
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(
    /^Invalid configuration \(cdk.context.json\): 1 problem\n {2}- cdk.context.json: is not valid JSON: /,
  );
});

describe('through the real CDK CLI', () => {
  const exec = promisify(execFile);
  const cdk = join(PROJECT_ROOT, 'node_modules', 'aws-cdk', 'bin', 'cdk');

  beforeEach(() => {
    copyFileSync(join(PROJECT_ROOT, 'cdk.json'), join(directory, 'cdk.json'));
    symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(directory, 'node_modules'));
    symlinkSync(join(PROJECT_ROOT, 'bin'), join(directory, 'bin'));
    symlinkSync(join(PROJECT_ROOT, 'lib'), join(directory, 'lib'));
    symlinkSync(join(PROJECT_ROOT, 'scripts'), join(directory, 'scripts'));
  });

  test('-c takes a JSON list string for a list key', async () => {
    const { stdout } = await exec(
      process.execPath,
      [
        cdk,
        'synth',
        '--quiet',
        '--json',
        '-c',
        'source_account_ids=["000011115555","000011116666"]',
        'BackupAccountStack',
      ],
      { cwd: directory },
    );
    expect(stdout).toBe('');
    const template = JSON.parse(
      readFileSync(join(directory, 'cdk.out', 'BackupAccountStack.template.json'), 'utf8'),
    );
    const vault = Object.values<{
      Type: string;
      Properties: { AccessPolicy?: { Statement: { Principal: unknown }[] } };
    }>(template.Resources).find((r) => r.Type === 'AWS::Backup::BackupVault');
    expect(vault?.Properties.AccessPolicy?.Statement[0].Principal).toEqual({
      AWS: ['arn:aws:iam::000011115555:root', 'arn:aws:iam::000011116666:root'],
    });
  }, 60_000);

  test('a configuration mistake exits non-zero with the message and no stack trace', async () => {
    const failure = await exec(process.execPath, [cdk, 'synth', '-c', 'backup_account_id=12345'], {
      cwd: directory,
    }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).not.toBe(0);
    expect(failure?.stderr).toContain('  - backup_account_id: must be 12 digits, got "12345"');
    expect(failure?.stderr).not.toMatch(/^\s+at /m);
  }, 60_000);
});
