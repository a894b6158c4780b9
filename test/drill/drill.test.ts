import { readFileSync } from 'node:fs';
import { drillItems, itemsDigest } from '../../lib/drill/data';
import { type DrillRecord, STEP_IDS, type StepId, stepsOf } from '../../lib/drill/record';
import { markdownReport, drillReport } from '../../lib/drill/report';
import type { Method } from '../support/fake-aws';
import { cleanUpDrill, drillVerdict, runDrill, startRecord } from '../../lib/drill/run';
import {
  answerFrom,
  depsFor,
  healthyWorld,
  KEY_ARN,
  recordsFolder,
  serviceError,
  settings,
  SOURCE_ACCOUNT,
  VAULT,
  type World,
  statuses,
} from './world';

const folder = recordsFolder();
afterAll(() => folder.remove());

const ID = '20300301-abc123';
const TABLE = `compactconnect-backup-drill-${ID}`;
const RESTORED = `${TABLE}-restored`;

async function drill(world: World, id = ID): Promise<DrillRecord> {
  const deps = depsFor(world, folder.path);
  return runDrill(deps, startRecord(deps, settings, id));
}

const count = (world: World, call: string) => world.calls.filter((c) => c === call).length;

test('GIVEN a healthy deployment WHEN the drill runs THEN every step passes and nothing it made is left but the locked copies', async () => {
  const world = answerFrom(healthyWorld());
  const record = await drill(world);
  expect(statuses(record)).toEqual({
    prerequisites: 'passed',
    'source-table': 'passed',
    'source-backup': 'passed',
    copy: 'passed',
    'key-evidence': 'passed',
    restore: 'passed',
    verify: 'passed',
    cleanup: 'passed',
  });
  expect(drillVerdict(record)).toBe('passed');
  // The copies went to both vaults, with the Vault Lock minimum as retention.
  expect(world.calls.filter((c) => c === 'source:startCopyJob')).toHaveLength(2);
  expect([...world.vaultPoints.values()].map((p) => p.vault).sort()).toEqual(
    [VAULT.general.name, VAULT.ssn.name].sort(),
  );
  // What the drill wrote is what it read back.
  const written = drillItems(ID, settings.itemCount);
  expect(record.steps.verify?.evidence).toEqual({
    expected: { count: written.length, digest: itemsDigest(written) },
    found: { count: written.length, digest: itemsDigest(written) },
  });
  // Tables and the source recovery point are gone; the copies are tagged as drill data.
  expect(world.tables.source.size + world.tables.backup.size).toBe(0);
  expect(world.sourcePoints.size).toBe(0);
  for (const point of world.vaultPoints.values())
    expect(point.tags).toEqual({ 'compactconnect:backup-drill': ID });
  // The key evidence names the principal that used each key.
  expect(JSON.stringify(record.steps['key-evidence']?.evidence)).toContain('AWSServiceRoleForBackup');
  expect(record.steps.restore?.summary).toBe(`restored ${RESTORED} in 20.0 minutes (target 60)`);
});

test('the copies are started with the vault ARNs from the stack outputs and the Vault Lock minimum retention', async () => {
  const world = answerFrom(healthyWorld());
  const record = await drill(world, '20300301-c0ffee');
  expect(record.steps.copy?.evidence).toMatchObject({
    general: {
      recoveryPointArn: expect.stringContaining(':recovery-point:'),
      encryptionKeyArn: KEY_ARN.general,
    },
    ssn: { encryptionKeyArn: KEY_ARN.ssn },
  });
  expect(settings.copyRetentionDays).toBe(90);
});

describe('a missing prerequisite stops the drill before it makes anything', () => {
  const cases: [string, (w: World) => void, RegExp][] = [
    [
      'backup credentials of another account',
      (w) => (w.callers.backup = '999988887777'),
      /credentials are for account 999988887777.*--profile/,
    ],
    ['source credentials of another account', (w) => (w.callers.source = '999988887777'), /--source-profile/],
    [
      'stack not deployed',
      (w) => delete w.outputs.SSNBackupVaultArn,
      /no output SSNBackupVaultArn: deploy the stack/,
    ],
    ['DynamoDB not opted in', (w) => (w.dynamoDb.optedIn = false), /does not protect DynamoDB/],
    [
      'advanced DynamoDB features off',
      (w) => (w.dynamoDb.advanced = false),
      /advanced features for DynamoDB are off/,
    ],
    ['no source vault', (w) => (w.sourceVaults = []), /no backup vault Default.*--source-vault/],
    ['no copy role', (w) => (w.roles.source = []), /--copy-role/],
    ['no restore role', (w) => (w.roles.backup = []), /--restore-role/],
  ];
  test.each(cases)('%s', async (_name, breakIt, message) => {
    const world = healthyWorld();
    breakIt(world);
    const record = await drill(answerFrom(world), '20300301-000001');
    expect(record.steps.prerequisites?.status).toBe('error');
    expect(record.steps.prerequisites?.summary).toMatch(message);
    expect(Object.keys(record.steps)).toEqual(['prerequisites']);
    expect(world.calls.some((c) => /:(create|start)/.test(c))).toBe(false);
    expect(drillVerdict(record)).toBe('incomplete');
  });
});

test('a copy that fails stops the drill; --resume after the fix starts a new copy job and finishes', async () => {
  const world = healthyWorld();
  world.script['copy-ssn'] = ['RUNNING', 'FAILED'];
  answerFrom(world);
  const first = await drill(world, '20300301-000002');
  expect(first.steps.copy?.status).toBe('error');
  expect(first.steps.copy?.summary).toMatch(
    /copy job copy-ssn-job-\d+ into CompactConnectBackupVault-SSN ended FAILED/,
  );
  expect(first.steps.restore).toBeUndefined();
  world.script['copy-ssn'] = ['COMPLETED'];
  const deps = depsFor(world, folder.path);
  const resumed = await runDrill(deps, first);
  expect(drillVerdict(resumed)).toBe('passed');
  expect(resumed.resources.jobs?.['copy-ssn']?.attempt).toBe(2);
  expect(resumed.resources.jobs?.['copy-general']?.attempt).toBe(1);
  expect(count(world, 'source:createTable')).toBe(1);
  expect(count(world, 'source:startBackupJob')).toBe(1);
});

test('a copy that never arrives times out with a message that says it may still finish', async () => {
  const world = healthyWorld();
  world.script['copy-general'] = ['RUNNING'];
  const record = await drill(answerFrom(world), '20300301-000003');
  expect(record.steps.copy?.status).toBe('error');
  expect(record.steps.copy?.summary).toBe(
    'copy job copy-general-job-2 into CompactConnectBackupVault is still RUNNING after 240 minutes; it may still finish: run drill --resume 20300301-000003 later',
  );
  // It waited the whole timeout (every 30 s for 240 minutes), on the fake clock.
  expect(world.calls.filter((c) => c === 'source:copyJob').length).toBeGreaterThanOrEqual(480);
});

test('a restore that differs from what was written fails the drill, which still cleans up', async () => {
  const world = healthyWorld();
  world.corruptRestore = true;
  const record = await drill(answerFrom(world), '20300301-000004');
  expect(record.steps.verify?.status).toBe('failed');
  expect(record.steps.verify?.summary).toMatch(
    /the restored table differs from what was written: 100 items \(expected 100\)/,
  );
  expect(record.steps.cleanup?.status).toBe('passed');
  expect(drillVerdict(record)).toBe('failed');
  expect(world.tables.backup.size).toBe(0);
});

test('a restore over the target fails the drill', async () => {
  const world = healthyWorld();
  world.minutes.restore = 75;
  const record = await drill(answerFrom(world), '20300301-000005');
  expect(record.steps.restore?.status).toBe('failed');
  expect(record.steps.restore?.summary).toBe(
    'restored compactconnect-backup-drill-20300301-000005-restored in 75.0 minutes, over the 60-minute target',
  );
  expect(drillVerdict(record)).toBe('failed');
});

/** The first AWS call each step makes that can be interrupted (a network failure mid-step). */
const INTERRUPTIONS: [StepId, 'source' | 'backup', Method][] = [
  ['prerequisites', 'source', 'dynamoDbSettings'],
  ['source-table', 'source', 'putItems'],
  ['source-backup', 'source', 'backupJob'],
  ['copy', 'backup', 'recoveryPoint'],
  ['key-evidence', 'backup', 'keyEvents'],
  ['restore', 'backup', 'restoreJob'],
  ['verify', 'backup', 'scanItems'],
  ['cleanup', 'backup', 'deleteTableIfExists'],
];

describe.each(INTERRUPTIONS)('interrupted in %s', (step, side, method) => {
  function interrupted(id: string) {
    const world = healthyWorld();
    world.failures.push({ side, method, error: serviceError('TimeoutError', 'socket hang up') });
    answerFrom(world);
    return { world, run: drill(world, id) };
  }

  test('the record shows where it stopped, and --resume finishes with each resource made once', async () => {
    const { world, run } = interrupted(`20300301-1${String(STEP_IDS.indexOf(step)).padStart(5, '0')}`);
    const first = await run;
    expect(first.steps[step]?.status).toBe('error');
    expect(first.steps[step]?.summary).toMatch(/Cannot reach AWS|socket hang up/);
    expect(drillVerdict(first)).toBe('incomplete');
    const resumed = await runDrill(depsFor(world, folder.path), first);
    expect(drillVerdict(resumed)).toBe('passed');
    expect(world.made).toEqual([
      'source table',
      'backup job',
      'copy-general job',
      'copy-ssn job',
      'restore job',
      'restored table',
    ]);
    expect(world.tables.source.size + world.tables.backup.size).toBe(0);
  });

  test('--cleanup removes whatever it had made', async () => {
    const { world, run } = interrupted(`20300301-2${String(STEP_IDS.indexOf(step)).padStart(5, '0')}`);
    const first = await run;
    const cleaned = await cleanUpDrill(depsFor(world, folder.path), first);
    expect(cleaned.steps.cleanup?.status).toBe('passed');
    expect(world.tables.source.size + world.tables.backup.size).toBe(0);
    expect(world.sourcePoints.size).toBe(0);
    for (const point of world.vaultPoints.values())
      expect(Object.keys(point.tags)).toEqual(['compactconnect:backup-drill']);
  });
});

test('a failed cleanup is reported per resource and --cleanup retries only what failed', async () => {
  const world = healthyWorld();
  world.failures.push({
    side: 'backup',
    method: 'deleteTableIfExists',
    error: serviceError('AccessDeniedException', 'not allowed'),
  });
  const record = await drill(answerFrom(world), '20300301-000006');
  expect(record.steps.cleanup?.status).toBe('error');
  expect(record.steps.cleanup?.summary).toMatch(
    /^1 of 5 cleanup actions failed \(restored table compactconnect-backup-drill-20300301-000006-restored: failed: Access denied by AWS: not allowed.*\); run drill --cleanup 20300301-000006 to retry them$/,
  );
  expect(world.tables.backup.size).toBe(1);
  const before = count(world, 'source:deleteTableIfExists');
  const retried = await cleanUpDrill(depsFor(world, folder.path), record);
  expect(retried.steps.cleanup?.status).toBe('passed');
  expect(world.tables.backup.size).toBe(0);
  expect(count(world, 'source:deleteTableIfExists')).toBe(before);
  expect(drillVerdict(retried)).toBe('passed');
});

test('the record on disk is the record returned, after every step', async () => {
  const world = answerFrom(healthyWorld());
  const deps = depsFor(world, folder.path);
  const record = await runDrill(deps, startRecord(deps, settings, '20300301-000007'));
  expect(JSON.parse(readFileSync(deps.store.path(record.id), 'utf8'))).toEqual(record);
  expect(deps.events.filter((e) => e.type === 'step-ended').map((e) => e.step)).toEqual(stepsOf(settings));
});

test('the report names the verdict, each step, what to do, and when the locked copies expire', async () => {
  const world = healthyWorld();
  world.minutes.restore = 75;
  const record = await drill(answerFrom(world), '20300301-000008');
  const text = markdownReport(drillReport(record, new Date('2030-03-01T12:00:00.000Z')));
  expect(text).toContain('# Backup drill 20300301-000008: FAILED');
  expect(text).toContain('| Restore the general copy and time it | failed |');
  expect(text).toContain('## What to do');
  expect(text).toMatch(/:recovery-point:copy-general-job-\d+: expires 2030-05-30T10:00:00.000Z/);
  expect(text).toContain(`source account ${SOURCE_ACCOUNT}`);
});
