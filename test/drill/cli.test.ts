import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DrillCliDeps, main } from '../../bin/drill';
import { EXIT } from '../../lib/cli';
import { exampleContext } from '../support/config';
import { accountsOf, answerFrom, currentWorld, EVIDENCE_BUCKET, healthyWorld, START } from './world';

/** An operator's folder with a backup-account.json of its own; removed at the end. */
const cwd = mkdtempSync(join(tmpdir(), 'drill-cli-'));
writeFileSync(join(cwd, 'backup-account.json'), JSON.stringify(exampleContext()));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

function deps(overrides: Partial<DrillCliDeps> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const made: Parameters<DrillCliDeps['aws']>[0][] = [];
  let clock = 0;
  const value: DrillCliDeps = {
    cwd,
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    now: () => new Date(START.getTime() + clock),
    sleep: async (ms) => {
      clock += ms;
    },
    aws: (options) => {
      made.push(options);
      return accountsOf(currentWorld());
    },
    profiles: async () => ['backup-staging', 'env-staging'],
    ...overrides,
  };
  return { deps: value, out, err, made };
}

test('--dry-run --offline prints every step with its calls, from the configuration alone', async () => {
  const d = deps();
  expect(await main(['--dry-run', '--offline'], d.deps)).toBe(EXIT.ok);
  expect(d.made).toEqual([]);
  const text = d.out.join('\n');
  expect(text).toMatch(/^Drill \d{8}-[0-9a-f]{6} would run these steps \(nothing has been made\):/);
  expect(text).toContain(
    'backup:StartCopyJob to arn:aws:backup:us-west-2:000011114444:backup-vault:CompactConnectBackupVault-SSN (90-day retention)',
  );
  expect(text).toContain(
    'cloudtrail:LookupEvents ResourceName=arn:aws:kms:us-west-2:000011114444:alias/compactconnect-ssn-backup-key',
  );
  expect(text.match(/^\d\. /gm)).toHaveLength(8);
});

test('--dry-run reads the vaults and keys from the deployed stack, with the profiles of both accounts', async () => {
  answerFrom(healthyWorld());
  const d = deps();
  const code = await main(
    ['--profile', 'backup-staging', '--source-profile', 'env-staging', '--dry-run', '--json'],
    d.deps,
  );
  expect(code).toBe(EXIT.ok);
  expect(d.made).toEqual([
    {
      source: { region: 'us-east-1', profile: 'env-staging' },
      backup: { region: 'us-west-2', profile: 'backup-staging' },
    },
  ]);
  const plan = JSON.parse(d.out.join('\n')) as { step: string; calls: string[] }[];
  expect(plan.map((p) => p.step)).toEqual([
    'prerequisites',
    'source-table',
    'source-backup',
    'copy',
    'key-evidence',
    'restore',
    'verify',
    'cleanup',
  ]);
  expect(plan[4].calls[1]).toBe(
    'cloudtrail:LookupEvents ResourceName=arn:aws:kms:us-west-2:000011114444:key/66666666-7777-4888-8999-aaaaaaaaaaaa',
  );
});

test('a drill runs only when confirmed: without a terminal it asks for --yes, and makes nothing', async () => {
  const world = answerFrom(healthyWorld());
  const d = deps();
  expect(await main([], d.deps)).toBe(EXIT.usage);
  const run = deps();
  expect(await main(['--items', '10'], run.deps)).toBe(EXIT.refused);
  expect(run.err.at(-1)).toBe('drill: no terminal to confirm on: pass --yes to run the drill');
  const declined = deps({ confirm: async () => false });
  expect(await main(['--items', '10'], declined.deps)).toBe(EXIT.refused);
  expect(world.calls).toEqual([]);
});

test('--yes runs the whole drill, prints progress on stderr, and writes both reports', async () => {
  const world = answerFrom(healthyWorld());
  const d = deps();
  const code = await main(['--yes', '--items', '30', '--records', 'records'], d.deps);
  expect(code).toBe(EXIT.ok);
  expect(d.err).toContain('[copy] Copy the recovery point into both vaults…');
  const verdict = d.err.find((line) => /^Drill \S+: /.test(line)) ?? '';
  expect(verdict).toMatch(/^Drill \d{8}-[0-9a-f]{6}: PASSED$/);
  const id = verdict.split(' ')[1].replace(':', '');
  // Filed in the stack's evidence bucket, under Object Lock, beside the local copy.
  expect(d.err.at(-1)).toBe(
    `Filed as evidence: s3://${EVIDENCE_BUCKET}/drills/${id}/report.md and s3://${EVIDENCE_BUCKET}/drills/${id}/report.json`,
  );
  expect(JSON.parse(world.evidence.get(`drills/${id}/report.json`)?.[0] ?? '{}')).toMatchObject({
    verdict: 'passed',
  });
  expect(world.evidence.get(`drills/${id}/report.md`)?.[0]).toContain(`# Backup drill ${id}: PASSED`);
  const report = JSON.parse(readFileSync(join(cwd, 'records', `${id}.report.json`), 'utf8'));
  expect(report).toMatchObject({ verdict: 'passed', record: { id, settings: { itemCount: 30 } } });
  expect(readFileSync(join(cwd, 'records', `${id}.md`), 'utf8')).toContain(`# Backup drill ${id}: PASSED`);
});

test('a drill that fails exits 16; --resume and --cleanup take its ID', async () => {
  const world = healthyWorld();
  world.script['copy-general'] = ['FAILED'];
  answerFrom(world);
  const d = deps();
  expect(await main(['--yes', '--records', 'records'], d.deps)).toBe(EXIT.drillFailed);
  const id = d.err.map((line) => /^Drill (\S+): INCOMPLETE$/.exec(line)?.[1]).find(Boolean) ?? '';
  expect(id).toMatch(/^\d{8}-[0-9a-f]{6}$/);
  expect(d.err.at(-1)).toBe(
    `It stopped before the end: drill --resume ${id} finishes it, drill --cleanup ${id} removes what it made.`,
  );
  world.script['copy-general'] = ['COMPLETED'];
  const resumed = deps();
  expect(await main(['--resume', id, '--records', 'records'], resumed.deps)).toBe(EXIT.ok);
  const cleaned = deps();
  expect(await main(['--cleanup', id, '--records', 'records'], cleaned.deps)).toBe(EXIT.ok);
  expect(existsSync(join(cwd, 'records', `${id}.json`))).toBe(true);
});

test('a report that cannot be filed in the evidence bucket is said so, and the verdict stands', async () => {
  const world = healthyWorld();
  world.outputs.EvidenceBucketName = 'a-bucket-that-is-not-there';
  answerFrom(world);
  const d = deps();
  expect(await main(['--yes', '--items', '5', '--records', 'records'], d.deps)).toBe(EXIT.ok);
  expect(d.err.at(-1)).toMatch(
    /^Warning: the report could not be filed in the evidence bucket a-bucket-that-is-not-there \(.*NoSuchBucket.*\); file the local copy\.$/,
  );
});

test('without an evidence bucket in the stack (an older deployment), the report stays local', async () => {
  const world = healthyWorld();
  delete world.outputs.EvidenceBucketName;
  answerFrom(world);
  const d = deps();
  expect(await main(['--yes', '--items', '5', '--records', 'records'], d.deps)).toBe(EXIT.ok);
  expect(d.err.some((line) => /^(Filed as evidence|Warning)/.test(line))).toBe(false);
  expect(world.evidence.size).toBe(0);
});

test('--break-glass adds the emergency path to the plan, for the role it names', async () => {
  const d = deps();
  const role = 'arn:aws:iam::000011114444:role/BackupDrill';
  expect(await main(['--dry-run', '--offline', '--break-glass', role, '--cache-wait', '10'], d.deps)).toBe(
    EXIT.ok,
  );
  const text = d.out.join('\n');
  expect(text.match(/^\d+\. /gm)).toHaveLength(14);
  expect(text).toMatch(
    new RegExp(`break-glass open --principal ${role} --reason "backup drill \\S+" --duration 1h --yes`),
  );
  expect(text).toContain('wait 10 minutes, then dynamodb:Scan');
});

test('mistakes are usage errors with one clear line', async () => {
  const cases: [string[], string][] = [
    [['--offline'], 'drill: --offline goes with --dry-run'],
    [['--dry-run', '--resume', '20300301-abc123'], 'drill: choose one of --dry-run, --resume and --cleanup'],
    [['--resume', 'yesterday'], 'drill: "yesterday" is not a drill ID (such as 20261206-a1b2c3)'],
    [['--resume', '20300301-abc123'], `drill: no record of drill 20300301-abc123 in ${join(cwd, '.drill')}`],
    [
      ['--dry-run', '--offline', '--source-account', '999988887777'],
      'drill: --source-account 999988887777 is not one of source_account_ids (000011112222): only those may copy into the vaults',
    ],
    [
      ['--dry-run', '--offline', '--rto', '0'],
      'drill: --rto must be a whole number from 1 to 10080, got "0"',
    ],
    [
      ['--dry-run', '--offline', '--copy-role', 'arn:aws:iam::999988887777:role/x'],
      'drill: --copy-role must be a role of account 000011112222, got one of 999988887777',
    ],
  ];
  for (const [argv, message] of cases) {
    const d = deps();
    expect({ argv, code: await main(argv, d.deps), err: d.err }).toEqual({
      argv,
      code: EXIT.usage,
      err: [message],
    });
  }
});
