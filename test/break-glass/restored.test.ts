import { CLEANUP_QUESTION } from '../../lib/break-glass/cli-flow';
import { runStatus } from '../../lib/break-glass/commands/status';
import { statusJson } from '../../lib/break-glass/json';
import { cleanupPlanText, cleanupText, closeError, closeText } from '../../lib/break-glass/text';
import { addTable, backupOf, RESTORED_ARN, restoreJob, restoredBy, table, tableArn } from './data';
import {
  ACCOUNT,
  BASELINE_TEXT,
  fakeAws,
  GENERAL_VAULT_ARN,
  OPENING,
  OPERATOR_ARN,
  openedText,
  runtime,
  serviceError,
  VAULT,
  currentAws,
} from './fixture';
import { cleanup, close, expectKind } from './commands';

const GENERAL_RESTORE = tableArn('licensee-general-restored');

describe('close', () => {
  test('puts the policies back, then says restored data remains while it still exists, naming it', async () => {
    // GIVEN an opening that restored a table
    const fake = fakeAws(openedText(OPENING));
    fake.restoreJobs = [restoreJob('r1')];
    addTable(fake, restoredBy('r1'));
    const rt = runtime();
    // WHEN
    const result = await close(rt);
    // THEN the policies are sealed as always, and the outcome says the data remains
    expect(fake).toMatchObject(BASELINE_TEXT);
    expect(result).toMatchObject({
      kind: 'restored-data-remains',
      write: { record: { outcome: 'applied' } },
      remaining: [RESTORED_ARN],
    });
    expect(closeError(result)).toContain(`data restored from the SSN vault still exists: ${RESTORED_ARN}`);
    expect(closeText(result, rt.auditLogPath).join('\n')).toContain(`${RESTORED_ARN}: still exists`);
    expect(statusJson(await runStatus(rt)).state).toBe('SEALED, RESTORED DATA REMAINS');
  });

  test('--accept-restored records the reason, the caller, the resources and each restore job with its copies, and is sealed; status is then SEALED', async () => {
    const fake = fakeAws(openedText(OPENING));
    fake.restoreJobs = [restoreJob('r1')];
    const restored = addTable(fake, restoredBy('r1'));
    const backup = backupOf(restored, 'b1');
    fake.backups = [backup];
    const rt = runtime();
    const result = await close(rt, { acceptRestored: 'INC-1234: kept for the investigation' });
    expect(result).toMatchObject({
      kind: 'sealed',
      accepted: {
        reason: 'INC-1234: kept for the investigation',
        resources: [RESTORED_ARN, backup.backupArn],
      },
    });
    expect(rt.audit()).toEqual([
      expect.objectContaining({ command: 'close', outcome: 'applied' }),
      {
        time: '2030-03-01T10:00:00Z',
        command: 'close',
        outcome: 'accepted-restored',
        caller: { account: ACCOUNT, arn: OPERATOR_ARN, userId: 'AROAEXAMPLE:jane' },
        account: ACCOUNT,
        region: 'us-west-2',
        vaultName: VAULT,
        resources: [RESTORED_ARN, backup.backupArn],
        restoreJobs: [{ restoreJobId: 'r1', resource: RESTORED_ARN, descendants: [backup.backupArn] }],
        reason: 'INC-1234: kept for the investigation',
      },
    ]);
    expect(statusJson(await runStatus(rt)).state).toBe('SEALED');
  });

  test('--accept-restored without a reason is a usage error, before anything is written', async () => {
    fakeAws(openedText(OPENING));
    await expect(close(runtime(), { acceptRestored: ' ' })).rejects.toMatchObject({
      reason: 'accept-reason-missing',
    });
    expect(currentAws().callsOf('putVaultPolicy')).toEqual([]);
  });

  test('restored data from the general vault does not count', async () => {
    const fake = fakeAws(openedText(OPENING));
    fake.restoreJobs = [
      restoreJob('g1', { backupVaultArn: GENERAL_VAULT_ARN, createdResourceArn: GENERAL_RESTORE }),
    ];
    addTable(fake, restoredBy('g1', 'licensee-general-restored'));
    expect((await close(runtime())).kind).toBe('sealed');
  });
});

describe('cleanup', () => {
  test('deletes the restored tables that still exist, by the ARN observed, after confirmation, and records each deletion', async () => {
    const fake = fakeAws();
    fake.restoreJobs = [
      restoreJob('r1'),
      restoreJob('r2', { createdResourceArn: tableArn('already-gone') }),
      restoreJob('g1', { backupVaultArn: GENERAL_VAULT_ARN, createdResourceArn: GENERAL_RESTORE }),
    ];
    addTable(fake, restoredBy('r1'));
    addTable(fake, restoredBy('g1', 'licensee-general-restored'));
    const rt = runtime();
    const shown: string[] = [];
    const result = expectKind(
      await cleanup(
        rt,
        {},
        async (question) => (shown.push(question), true),
        (line) => shown.push(line),
      ),
      'deleted',
    );
    expect(result.deleted).toEqual([RESTORED_ARN]);
    expect(shown).toEqual([...cleanupPlanText(result.plan), CLEANUP_QUESTION]); // the plan, then the question
    expect(result.plan.targets.map((t) => t.job.createdResourceArn)).toEqual([RESTORED_ARN]);
    expect(currentAws().callsOf('deleteTable')).toHaveLength(1);
    expect(currentAws().callsOf('deleteTable')).toEqual([[RESTORED_ARN]]);
    expect([...fake.tables.keys()]).toEqual(['licensee-general-restored']); // the general vault's restore is not touched
    expect(rt.audit()).toEqual([
      {
        time: '2030-03-01T10:00:00Z',
        command: 'cleanup',
        outcome: 'deleted',
        caller: { account: ACCOUNT, arn: OPERATOR_ARN, userId: 'AROAEXAMPLE:jane' },
        account: ACCOUNT,
        region: 'us-west-2',
        vaultName: VAULT,
        resources: [RESTORED_ARN],
        restoreJobId: 'r1',
      },
    ]);
    expect(cleanupText(result, true)).toEqual([`Deleted ${RESTORED_ARN} (recorded in the audit log).`]);
    expect(statusJson(await runStatus(rt)).state).toBe('SEALED');
  });

  test('--dry-run shows what it would delete and deletes nothing', async () => {
    const fake = fakeAws();
    fake.restoreJobs = [restoreJob('r1')];
    addTable(fake, restoredBy('r1'));
    const result = expectKind(await cleanup(runtime(), { dryRun: true }), 'planned');
    expect(result.plan.targets).toHaveLength(1);
    expect(cleanupText(result).join('\n')).toContain(`${RESTORED_ARN}: still exists`);
    expect(cleanupText(result)).toContain('Dry run: nothing deleted.');
    expect(currentAws().callsOf('deleteTable')).toEqual([]);
  });

  test('refuses a resource that no restore from the SSN vault created, and deletes nothing', async () => {
    const fake = fakeAws();
    fake.restoreJobs = [
      restoreJob('r1'),
      restoreJob('g1', { backupVaultArn: GENERAL_VAULT_ARN, createdResourceArn: GENERAL_RESTORE }),
    ];
    addTable(fake, restoredBy('r1'));
    addTable(fake, restoredBy('g1', 'licensee-general-restored'));
    addTable(fake, table('production-table'));
    for (const arn of [tableArn('production-table'), GENERAL_RESTORE]) {
      expect(await cleanup(runtime(), { resources: [arn], yes: true })).toMatchObject({
        kind: 'refused',
        reason: 'not-restored-here',
        message: expect.stringContaining(`${arn} was not created by a restore job from ${VAULT}`),
      });
    }
    expect(currentAws().callsOf('deleteTable')).toEqual([]);
  });

  test('without --yes and without a terminal, nothing is deleted', async () => {
    const fake = fakeAws();
    fake.restoreJobs = [restoreJob('r1')];
    addTable(fake, restoredBy('r1'));
    expect(await cleanup(runtime())).toMatchObject({ kind: 'refused', reason: 'no-terminal' });
    expect(currentAws().callsOf('deleteTable')).toEqual([]);
  });

  test('a failed deletion stops, is recorded, and names its cause', async () => {
    const fake = fakeAws();
    fake.restoreJobs = [restoreJob('r1')];
    addTable(fake, restoredBy('r1'));
    fake.failures.deleteTable.push(
      serviceError('AccessDeniedException', 'not authorized to perform: dynamodb:DeleteTable'),
    );
    const rt = runtime();
    const result = await cleanup(rt, { yes: true });
    expect(result).toMatchObject({
      kind: 'delete-failed',
      cause: { aws: 'access-denied' },
      deleted: [],
      message: expect.stringContaining(`Deleting ${RESTORED_ARN} failed`),
    });
    expect(rt.audit()).toMatchObject([
      { command: 'cleanup', outcome: 'delete-failed', resources: [RESTORED_ARN] },
    ]);
  });

  test('the plan names what cleanup does not delete: a copy and a namesake table', async () => {
    const fake = fakeAws();
    fake.restoreJobs = [restoreJob('r1'), restoreJob('r2', { createdResourceArn: tableArn('reused') })];
    const restored = addTable(fake, restoredBy('r1'));
    fake.backups = [backupOf(restored, 'b1')];
    addTable(fake, table('reused'));
    const result = expectKind(await cleanup(runtime(), { dryRun: true }), 'planned');
    expect(cleanupPlanText(result.plan)).toEqual([
      'Restored tables that cleanup deletes (created by restore jobs from the SSN vault, as their RestoreSummary shows):',
      expect.stringContaining(`restore job r1 `),
      'Not deleted by cleanup (delete by hand, or close --accept-restored "<reason>"):',
      `  ${tableArn('reused')}: it has no RestoreSummary (it was created, not restored) (restore job r2)`,
      `  backup ${RESTORED_ARN}/backup/b1: DynamoDB backup, USER, AVAILABLE`,
    ]);
  });
});
