import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupAccountConfig } from '../lib/config';
import { REGENERATE_COMMAND, reportMain } from '../scripts/report';
import { exampleFolder, operatorContext, PROJECT_ROOT } from './support/config';

const folder = exampleFolder('report-');

/** Runs the report with a stand-in renderer that records what it was given. */
async function report(...argv: string[]) {
  return reportWith({}, ...argv);
}

async function reportWith(env: Record<string, string>, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const render = async (config: BackupAccountConfig, source: string) =>
    `matrix of ${config.backupAccountId} from ${source}\n`;
  const code = await reportMain(argv, {
    cwd: folder.path,
    env,
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    render,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const written = (path: string) =>
  existsSync(join(folder.path, path)) ? readFileSync(join(folder.path, path), 'utf8') : undefined;

test('--help describes the options and the exit codes, and exits 0', async () => {
  const { code, out } = await report('--help');
  expect(code).toBe(0);
  expect(out).toMatch(/^Usage: npm run report -- \[options\]/);
  for (const option of ['--config <path>', '-c, --context <key=value>', '--out <path>']) {
    expect(out).toContain(option);
  }
  expect(out).toContain(
    'Exit codes:\n  0  the report was written\n  1  unexpected error\n  2  invalid arguments or configuration',
  );
});

test.each([
  [['--bogus'], "error: unknown option '--bogus'"],
  [['--ot', 'x.md'], "error: unknown option '--ot'\n(Did you mean --out?)"],
  [['-c'], "error: option '-c, --context <key=value>' argument missing"],
  [['stray'], 'error: too many arguments. Expected 0 arguments but got 1.'],
  [['-c', 'no-equals-sign'], '-c expects key=value, got "no-equals-sign"'],
])('%j is a usage error (exit 2) with a message and no stack trace', async (argv, message) => {
  const { code, err } = await report(...argv);
  expect(code).toBe(2);
  expect(err.startsWith(message)).toBe(true);
  expect(err).not.toMatch(/^\s+at /m);
  expect(written('docs/access-matrix.md')).toBeUndefined();
});

test('--version prints the version', async () => {
  const { code, out } = await report('--version');
  expect(code).toBe(0);
  expect(out).toBe(JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')).version);
});

test('the options as documented: one --, and a second -- between them is ignored', async () => {
  writeFileSync(join(folder.path, 'prod.json'), JSON.stringify(operatorContext()));
  const { code } = await report(
    '--config',
    'prod.json',
    '--',
    '-c',
    'backup_vault_name=Other',
    '--',
    '--out',
    'm.md',
  );
  expect(code).toBe(0);
  expect(written('m.md')).toBe('matrix of 123456789012 from prod.json, with -c backup_vault_name\n');
});

test('npm run report --config FILE, without --: npm took --config, and the error says how to write it', async () => {
  const { code, err } = await reportWith({ npm_config_config: 'true' }, 'prod.json');
  expect(code).toBe(2);
  expect(err.split('\n').at(-1)).toBe(
    'npm keeps --config for itself unless it follows --: run npm run report -- --config FILE [-c key=value ...] [--out FILE]',
  );
});

test('a configuration mistake exits 2, as in the app and the operator tool', async () => {
  const missing = await report('--config', 'nope.json');
  expect(missing).toMatchObject({
    code: 2,
    err: 'Invalid configuration (nope.json): 1 problem\n  - nope.json: does not exist',
  });
  const bad = await report('-c', 'backup_region=mars');
  expect(bad.code).toBe(2);
  expect(bad.err).toContain('backup_region: must be an AWS region name');
});

test.each(['backup-account.json', 'cdk.context.json'])(
  'a %s identical to the example writes the committed docs/access-matrix.md',
  async (file) => {
    copyFileSync(join(PROJECT_ROOT, 'backup-account.example.json'), join(folder.path, file));
    const { code } = await report();
    expect(code).toBe(0);
    expect(written('docs/access-matrix.md')).toBe(
      'matrix of 000011114444 from backup-account.example.json\n',
    );
    expect(written('access-matrix.local.md')).toBeUndefined();
  },
);

test('any other configuration goes to the git-ignored access-matrix.local.md, or to --out', async () => {
  writeFileSync(join(folder.path, 'backup-account.json'), JSON.stringify(operatorContext()));
  expect((await report()).err).toBe('wrote access-matrix.local.md for backup-account.json');
  expect(written('access-matrix.local.md')).toBe('matrix of 123456789012 from backup-account.json\n');
  expect(written('docs/access-matrix.md')).toBeUndefined();
  await report('--out', 'reports/mine.md', '-c', 'backup_account_id=123456789013');
  expect(written('reports/mine.md')).toBe(
    'matrix of 123456789013 from backup-account.json, with -c backup_account_id\n',
  );
});

test("the stale-matrix test's command regenerates docs/access-matrix.md whatever configuration is in place", async () => {
  writeFileSync(join(folder.path, 'backup-account.json'), JSON.stringify(operatorContext()));
  const [npm, run, name, dashes, ...argv] = REGENERATE_COMMAND.split(' ');
  expect([npm, run, name, dashes]).toEqual(['npm', 'run', 'report', '--']);
  expect((await report(...argv)).code).toBe(0);
  expect(written('docs/access-matrix.md')).toBe('matrix of 000011114444 from backup-account.example.json\n');
  const stale = readFileSync(join(PROJECT_ROOT, 'test', 'proofs', 'access-matrix.test.ts'), 'utf8');
  expect(stale).toContain(`run \`${REGENERATE_COMMAND}\``);
});
