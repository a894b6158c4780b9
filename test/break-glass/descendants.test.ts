import { runStatus } from '../../lib/break-glass/commands/status';
import { statusJson } from '../../lib/break-glass/json';
import { statusText } from '../../lib/break-glass/text';
import { EXIT } from '../../lib/cli';
import {
  addTable,
  backupOf,
  exportOf,
  JOB_CREATED,
  recoveryPoint,
  recoveryPointOf,
  RESTORED,
  RESTORED_ARN,
  restoreJob,
  restoredBy,
  table,
  tableArn,
} from './data';
import { ACCOUNT, currentAws, fakeAws, GENERAL_VAULT_ARN, runtime, seedTrail, VAULT } from './fixture';
import { cleanup, close, expectKind } from './commands';

const kindsAndIds = (items: readonly { descendants: readonly { kind: string; id: string }[] }[]) =>
  items.flatMap((item) => item.descendants.map((d) => `${d.kind} ${d.id}`));

describe('status follows restored data to every copy in the account', () => {
  test('backups, point-in-time recovery, an export, a replica, a recovery point in the general vault, and the tables restored from them, each listed: exit 14', async () => {
    // GIVEN a restored table and a copy of every kind
    const fake = fakeAws();
    fake.restoreJobs = [restoreJob('r1')];
    const restored = addTable(fake, restoredBy('r1', RESTORED, { replicas: ['us-east-1'] }));
    fake.pitr.set(RESTORED, {
      enabled: true,
      earliest: '2030-03-01T09:40:00.000Z',
      latest: '2030-03-01T09:55:00.000Z',
    });
    const onDemand = backupOf(restored, 'b1');
    fake.backups = [onDemand, backupOf(restored, 'gone', { status: 'DELETED' })];
    const exported = exportOf(restored, 'e1');
    fake.exports = [exported, exportOf(restored, 'e-failed', { status: 'FAILED' })];
    const generalPoint = `${GENERAL_VAULT_ARN.replace('backup-vault', 'recovery-point')}-1`;
    recoveryPointOf(fake, RESTORED_ARN, {
      recoveryPointArn: generalPoint,
      vaultName: 'CompactConnectBackupVault',
      createdAt: new Date('2030-03-01T09:47:00Z').toISOString(),
      status: 'COMPLETED',
    });
    // tables restored from the on-demand backup, from point-in-time recovery and from the recovery point
    const fromBackup = addTable(fake, table('copy-from-backup', { from: { backup: onDemand.backupArn } }));
    addTable(
      fake,
      table('copy-from-pitr', { from: { table: RESTORED_ARN, at: new Date('2030-03-01T09:50:00Z') } }),
    );
    addTable(fake, table('copy-from-vault', { from: { backup: generalPoint } }));
    // and a backup of a copy: copies of copies are followed too
    const second = backupOf(fromBackup, 'b2');
    fake.backups.push(second);
    addTable(fake, table('unrelated'));
    // WHEN
    const resultRaw = await runStatus(runtime());
    const result = statusJson(resultRaw);
    // THEN
    expect(result).toMatchObject({
      state: 'SEALED, RESTORED DATA REMAINS',
      exitCode: EXIT.restoredDataRemains,
    });
    expect(kindsAndIds(result.restored.items)).toEqual([
      `point-in-time-recovery ${RESTORED_ARN} point-in-time recovery`,
      `replica ${RESTORED_ARN} replica in us-east-1`,
      `backup ${onDemand.backupArn}`,
      `export ${exported.exportArn}`,
      `recovery-point ${generalPoint}`,
      `table ${tableArn('copy-from-backup')}`,
      `table ${tableArn('copy-from-pitr')}`,
      `table ${tableArn('copy-from-vault')}`,
      `backup ${second.backupArn}`,
    ]);
    const text = statusText(resultRaw).join('\n');
    expect(text).toContain(
      `    copy: export ${exported.exportArn} (2030-03-01T09:46:00.000Z): export to S3 bucket exports-bucket, COMPLETED`,
    );
    expect(text).toContain(
      `    copy: recovery point ${generalPoint} (2030-03-01T09:47:00.000Z): recovery point in vault CompactConnectBackupVault, COMPLETED`,
    );
  });

  test('every table, backup, export and recovery point is followed (the SDK mapping reads every page: test/aws)', async () => {
    const fake = fakeAws();
    fake.restoreJobs = [restoreJob('r1')];
    const restored = addTable(fake, restoredBy('r1'));
    fake.backups = ['b1', 'b2', 'b3'].map((id) => backupOf(restored, id));
    fake.exports = ['e1', 'e2', 'e3'].map((id) => exportOf(restored, id));
    for (const n of [1, 2, 3])
      recoveryPointOf(fake, RESTORED_ARN, {
        recoveryPointArn: recoveryPoint(`copy-${n}`),
        createdAt: new Date('2030-03-01T09:50:00Z').toISOString(),
        status: 'COMPLETED',
      });
    for (const name of ['a-table', 'b-table', 'c-table']) addTable(fake, table(name));
    addTable(fake, table('z-copy', { from: { backup: fake.backups[2].backupArn } }));
    const resultRaw = await runStatus(runtime());
    const result = statusJson(resultRaw);
    expect(kindsAndIds(result.restored.items).filter((l) => l.startsWith('backup'))).toHaveLength(3);
    expect(kindsAndIds(result.restored.items).filter((l) => l.startsWith('recovery-point'))).toHaveLength(3);
    expect(kindsAndIds(result.restored.items)).toContain(`table ${tableArn('z-copy')}`);
    expect(kindsAndIds(result.restored.items).filter((l) => l.startsWith('export'))).toHaveLength(3);
  });

  test('a deleted restored table whose backup remains: the backup keeps it at exit 14', async () => {
    const fake = fakeAws();
    fake.restoreJobs = [restoreJob('r1')];
    fake.backups = [backupOf(restoredBy('r1'), 'system', { type: 'SYSTEM' })];
    const resultRaw = await runStatus(runtime());
    const result = statusJson(resultRaw);
    expect(result.restored.items[0].resource).toBe('deleted');
    expect(result).toMatchObject({
      state: 'SEALED, RESTORED DATA REMAINS',
      exitCode: EXIT.restoredDataRemains,
    });
    expect(kindsAndIds(result.restored.items)).toEqual([`backup ${RESTORED_ARN}/backup/system`]);
  });

  test('copies made before the restore job are not its copies', async () => {
    const fake = fakeAws();
    fake.restoreJobs = [restoreJob('r1')];
    fake.backups = [
      backupOf(table(RESTORED, { id: 'older' }), 'old', {
        createdAt: new Date('2030-02-01T00:00:00Z').toISOString(),
      }),
    ];
    expect(statusJson(await runStatus(runtime())).state).toBe('SEALED');
  });
});

describe('a table name reused after the restored table was deleted', () => {
  function reusedName() {
    const fake = fakeAws();
    fake.restoreJobs = [restoreJob('r1')];
    // the restored table was backed up, then deleted; a new table now has its name
    const ours = backupOf(restoredBy('r1', RESTORED, { id: 'id-restored' }), 'ours');
    const namesake = addTable(
      fake,
      table(RESTORED, { id: 'id-namesake', created: new Date('2030-03-01T09:52:00Z') }),
    );
    fake.backups = [
      ours,
      backupOf(namesake, 'theirs', { createdAt: new Date('2030-03-01T09:58:00Z').toISOString() }),
    ];
    recoveryPointOf(fake, RESTORED_ARN, {
      recoveryPointArn: recoveryPoint('of-namesake'),
      createdAt: new Date('2030-03-01T09:59:00Z').toISOString(),
      status: 'COMPLETED',
    });
    return { fake, ours };
  }

  test("status says the table under that ARN is not the restored one, keeps it remaining, and lists only the restored table's copies", async () => {
    const { ours } = reusedName();
    const resultRaw = await runStatus(runtime());
    const result = statusJson(resultRaw);
    expect(result.restored.items[0]).toMatchObject({
      resource: 'mismatch',
      mismatch: 'it has no RestoreSummary (it was created, not restored)',
    });
    expect(kindsAndIds(result.restored.items)).toEqual([`backup ${ours.backupArn}`]);
    expect(result.exitCode).toBe(EXIT.restoredDataRemains);
    expect(statusText(resultRaw).join('\n')).toContain(
      `${RESTORED_ARN}: a table exists under this ARN that this job did not restore (it has no RestoreSummary (it was created, not restored); cleanup does not delete it)`,
    );
  });

  test('cleanup never deletes it: named with --resource it refuses, deleting nothing; otherwise it lists it as not deleted (restored data remains)', async () => {
    const { fake } = reusedName();
    expect(await cleanup(runtime(), { resources: [RESTORED_ARN], yes: true })).toMatchObject({
      kind: 'refused',
      reason: 'not-the-restored-table',
      message: `Nothing deleted: the table ${RESTORED_ARN} is not the one restore job r1 created: it has no RestoreSummary (it was created, not restored). cleanup deletes only what an opening restored.`,
    });
    const result = expectKind(await cleanup(runtime(), { yes: true }), 'restored-data-remains');
    expect(result.deleted).toEqual([]);
    expect(result.plan.mismatched.map((item) => item.job.restoreJobId)).toEqual(['r1']);
    expect(currentAws().callsOf('deleteTable')).toEqual([]);
    expect(fake.tables.has(RESTORED)).toBe(true);
  });

  test("a table restored under the name from another recovery point, or created before the job, is not the job's", async () => {
    const fake = fakeAws();
    fake.restoreJobs = [restoreJob('r1'), restoreJob('r2', { createdResourceArn: tableArn('older') })];
    addTable(fake, table(RESTORED, { from: { backup: recoveryPoint('rp-someone-else') } }));
    addTable(fake, restoredBy('r2', 'older', { created: new Date(JOB_CREATED.getTime() - 60_000) }));
    const resultRaw = await runStatus(runtime());
    const result = statusJson(resultRaw);
    expect(result.restored.items.map((i) => [i.resource, i.mismatch])).toEqual([
      [
        'mismatch',
        `it was restored from ${recoveryPoint('rp-someone-else')}, not from the job's recovery point ${recoveryPoint('rp-r1')}`,
      ],
      ['mismatch', 'it was created at 2030-03-01T09:29:00.000Z, before the job (2030-03-01T09:30:00.000Z)'],
    ]);
    for (const arn of [RESTORED_ARN, tableArn('older')])
      expect(await cleanup(runtime(), { resources: [arn], yes: true })).toMatchObject({
        kind: 'refused',
        reason: 'not-the-restored-table',
      });
    expect(currentAws().callsOf('deleteTable')).toEqual([]);
  });

  test('a table replaced between the confirmation and the deletion: cleanup deletes nothing, not even the other target', async () => {
    const fake = fakeAws();
    fake.restoreJobs = [restoreJob('r1'), restoreJob('r2', { createdResourceArn: tableArn('second') })];
    addTable(fake, restoredBy('r1'));
    addTable(fake, restoredBy('r2', 'second'));
    const confirm = async () => {
      // someone deletes the restored table and creates another under its name while the operator reads
      fake.tables.delete(RESTORED);
      addTable(fake, table(RESTORED, { id: 'id-new' }));
      return true;
    };
    expect(await cleanup(runtime(), {}, confirm)).toMatchObject({
      kind: 'refused',
      reason: 'table-changed',
      message: `Nothing deleted: ${RESTORED_ARN} is no longer the table restore job r1 created (another table (ID id-new) now has its name); run cleanup --dry-run to see the tables again.`,
    });
    expect(currentAws().callsOf('deleteTable')).toEqual([]);
    expect([...fake.tables.keys()].sort()).toEqual([RESTORED, 'second']);
  });
});

describe('acceptances are recorded per restore job', () => {
  test('accepting one job does not accept a later restore to the same table name', async () => {
    // GIVEN job r1's table, accepted at close
    const fake = fakeAws();
    fake.restoreJobs = [restoreJob('r1')];
    addTable(fake, restoredBy('r1'));
    const rt = runtime();
    expect((await close(rt, { acceptRestored: 'INC-1: kept' })).kind).toBe('sealed');
    expect(statusJson(await runStatus(rt)).state).toBe('SEALED');
    // WHEN it is deleted and a new restore (r2) creates a table under the same name
    fake.tables.delete(RESTORED);
    fake.restoreJobs.push(restoreJob('r2', { createdAt: new Date('2030-03-01T09:58:00Z').toISOString() }));
    addTable(fake, restoredBy('r2', RESTORED, { id: 'id-r2', created: new Date('2030-03-01T09:59:00Z') }));
    // THEN r2 is not accepted: exit 14 again
    const resultRaw = await runStatus(rt);
    const result = statusJson(resultRaw);
    expect(result.state).toBe('SEALED, RESTORED DATA REMAINS');
    expect(result.restored.items.map((i) => [i.job.restoreJobId, i.resource, i.accepted?.reason])).toEqual([
      ['r1', 'mismatch', 'INC-1: kept'],
      ['r2', 'exists', undefined],
    ]);
  });

  test('a copy made after the acceptance is not covered by it', async () => {
    const fake = fakeAws();
    fake.restoreJobs = [restoreJob('r1')];
    const restored = addTable(fake, restoredBy('r1'));
    const rt = runtime();
    await close(rt, { acceptRestored: 'INC-1: kept' });
    fake.backups = [backupOf(restored, 'later')];
    const resultRaw = await runStatus(rt);
    const result = statusJson(resultRaw);
    expect(result.state).toBe('SEALED, RESTORED DATA REMAINS');
    expect(statusText(resultRaw).join('\n')).toContain(`copy: backup ${RESTORED_ARN}/backup/later`);
  });

  test('an older audit record that names only resource ARNs accepts the jobs created before it, and no later one', async () => {
    const fake = fakeAws();
    fake.restoreJobs = [restoreJob('r1')];
    addTable(fake, restoredBy('r1'));
    const rt = runtime();
    seedTrail(fake, [
      {
        event: 'accept-restored',
        record: {
          time: '2030-03-01T09:50:00Z',
          command: 'close',
          outcome: 'accepted-restored',
          caller: { arn: 'arn:aws:sts::000011114444:assumed-role/Administrator/jane' },
          account: ACCOUNT,
          vaultName: VAULT,
          resources: [RESTORED_ARN],
          reason: 'kept for INC-1234',
        },
      },
    ]);
    const beforeRaw = await runStatus(rt);
    const before = statusJson(beforeRaw);
    expect(before.state).toBe('SEALED');
    expect(before.restored.items[0].accepted).toEqual({
      time: '2030-03-01T09:50:00Z',
      by: 'arn:aws:sts::000011114444:assumed-role/Administrator/jane',
      reason: 'kept for INC-1234',
      descendants: [],
    });
    // a restore created after that record, to the same ARN, is not covered by it
    fake.tables.delete(RESTORED);
    fake.restoreJobs.push(restoreJob('r2', { createdAt: new Date('2030-03-01T09:55:00Z').toISOString() }));
    addTable(fake, restoredBy('r2', RESTORED, { created: new Date('2030-03-01T09:56:00Z') }));
    const afterRaw = await runStatus(rt);
    const after = statusJson(afterRaw);
    expect(after.state).toBe('SEALED, RESTORED DATA REMAINS');
    expect(after.restored.items.find((i) => i.job.restoreJobId === 'r2')?.accepted).toBeUndefined();
  });
});
