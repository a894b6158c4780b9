import 'aws-sdk-client-mock-jest';
import { ListRestoreJobsCommand, PutBackupVaultAccessPolicyCommand } from '@aws-sdk/client-backup';
import {
  DeleteTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { runCleanup } from '../../lib/break-glass/commands/cleanup';
import { runClose } from '../../lib/break-glass/commands/close';
import { runStatus } from '../../lib/break-glass/commands/status';
import { cleanupText, closeText } from '../../lib/break-glass/text';
import { EXIT } from '../../lib/cli';
import {
  ACCOUNT,
  backupMock,
  BASELINE_TEXT,
  dynamodbMock,
  fakeAws,
  GENERAL_VAULT_ARN,
  GRANT,
  OPERATOR_ARN,
  openedText,
  RESTORER,
  runtime,
  serviceError,
  VAULT,
  VAULT_ARN,
} from './fixture';

const table = (name: string) => `arn:aws:dynamodb:us-west-2:${ACCOUNT}:table/${name}`;
const RESTORED = table('licensee-ssn-restored');
const GENERAL_RESTORE = table('licensee-general-restored');

function job(id: string, fields: Record<string, unknown> = {}) {
  return {
    RestoreJobId: id,
    BackupVaultArn: VAULT_ARN,
    Status: 'COMPLETED' as const,
    CreationDate: new Date('2030-03-01T09:30:00Z'),
    IamRoleArn: RESTORER,
    CreatedResourceArn: RESTORED,
    ResourceType: 'DynamoDB',
    ...fields,
  };
}

/** Tables that exist, as DynamoDB answers DescribeTable; DeleteTable removes them. */
function tables(...names: string[]) {
  const existing = new Set(names);
  dynamodbMock.on(DescribeTableCommand).callsFake(async (input: { TableName: string }) => {
    if (!existing.has(input.TableName))
      throw new ResourceNotFoundException({ message: 'Requested resource not found', $metadata: {} });
    return { Table: { TableName: input.TableName, TableStatus: 'ACTIVE' } };
  });
  dynamodbMock.on(DeleteTableCommand).callsFake(async (input: { TableName: string }) => {
    existing.delete(input.TableName);
    return {};
  });
  return existing;
}

describe('close', () => {
  test('puts the policies back, then exits 14 while restored data still exists, naming it', async () => {
    // GIVEN an opening that restored a table
    const fake = fakeAws(openedText(GRANT));
    backupMock.on(ListRestoreJobsCommand).resolves({ RestoreJobs: [job('r1')] });
    tables('licensee-ssn-restored');
    const rt = runtime();
    // WHEN
    const result = await runClose(rt);
    // THEN the policies are sealed as always, and the exit code says the data remains
    expect(fake).toMatchObject(BASELINE_TEXT);
    expect(result).toMatchObject({
      exitCode: EXIT.restoredDataRemains,
      write: { record: { outcome: 'applied' } },
      error: expect.stringContaining(`data restored from the SSN vault still exists: ${RESTORED}`),
    });
    expect(closeText(result, rt.auditLogPath).join('\n')).toContain(`${RESTORED}: still exists`);
    expect((await runStatus(rt)).state).toBe('SEALED, RESTORED DATA REMAINS');
  });

  test('--accept-restored records the reason, the caller and the resources, and exits 0; status is then SEALED', async () => {
    fakeAws(openedText(GRANT));
    backupMock.on(ListRestoreJobsCommand).resolves({ RestoreJobs: [job('r1')] });
    tables('licensee-ssn-restored');
    const rt = runtime();
    const result = await runClose(rt, { acceptRestored: 'INC-1234: kept for the investigation' });
    expect(result).toMatchObject({
      exitCode: EXIT.ok,
      accepted: { reason: 'INC-1234: kept for the investigation', resources: [RESTORED] },
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
        resources: [RESTORED],
        reason: 'INC-1234: kept for the investigation',
      },
    ]);
    expect((await runStatus(rt)).state).toBe('SEALED');
  });

  test('--accept-restored without a reason is a usage error, before anything is written', async () => {
    fakeAws(openedText(GRANT));
    await expect(runClose(runtime(), { acceptRestored: ' ' })).rejects.toMatchObject({
      exitCode: EXIT.usage,
    });
    expect(backupMock).not.toHaveReceivedCommand(PutBackupVaultAccessPolicyCommand);
  });

  test('restored data from the general vault does not count', async () => {
    fakeAws(openedText(GRANT));
    backupMock.on(ListRestoreJobsCommand).resolves({
      RestoreJobs: [job('g1', { BackupVaultArn: GENERAL_VAULT_ARN, CreatedResourceArn: GENERAL_RESTORE })],
    });
    tables('licensee-general-restored');
    expect((await runClose(runtime())).exitCode).toBe(EXIT.ok);
  });
});

describe('cleanup', () => {
  test('deletes the restored tables that still exist, after confirmation, and records each deletion', async () => {
    fakeAws();
    backupMock.on(ListRestoreJobsCommand).resolves({
      RestoreJobs: [
        job('r1'),
        job('r2', { CreatedResourceArn: table('already-gone') }),
        job('g1', { BackupVaultArn: GENERAL_VAULT_ARN, CreatedResourceArn: GENERAL_RESTORE }),
      ],
    });
    const existing = tables('licensee-ssn-restored', 'licensee-general-restored');
    const rt = runtime();
    const shown: unknown[] = [];
    const result = await runCleanup(rt, {}, async (plan) => (shown.push(plan), true));
    expect(result).toMatchObject({ exitCode: EXIT.ok, deleted: [RESTORED] });
    expect(shown).toEqual([result.plan]);
    expect(result.plan.targets.map((t) => t.job.createdResourceArn)).toEqual([RESTORED]);
    expect(dynamodbMock).toHaveReceivedCommandTimes(DeleteTableCommand, 1);
    expect(dynamodbMock).toHaveReceivedCommandWith(DeleteTableCommand, {
      TableName: 'licensee-ssn-restored',
    });
    expect([...existing]).toEqual(['licensee-general-restored']); // the general vault's restore is not touched
    expect(rt.audit()).toEqual([
      {
        time: '2030-03-01T10:00:00Z',
        command: 'cleanup',
        outcome: 'deleted',
        caller: { account: ACCOUNT, arn: OPERATOR_ARN, userId: 'AROAEXAMPLE:jane' },
        account: ACCOUNT,
        region: 'us-west-2',
        vaultName: VAULT,
        resources: [RESTORED],
      },
    ]);
    expect(cleanupText(result, true)).toEqual([`Deleted ${RESTORED} (recorded in the audit log).`]);
    expect((await runStatus(rt)).state).toBe('SEALED');
  });

  test('--dry-run shows what it would delete and deletes nothing', async () => {
    fakeAws();
    backupMock.on(ListRestoreJobsCommand).resolves({ RestoreJobs: [job('r1')] });
    tables('licensee-ssn-restored');
    const result = await runCleanup(runtime(), { dryRun: true });
    expect(result.plan.targets).toHaveLength(1);
    expect(cleanupText(result).join('\n')).toContain(`${RESTORED}: still exists`);
    expect(cleanupText(result)).toContain('Dry run: nothing deleted.');
    expect(dynamodbMock).not.toHaveReceivedCommand(DeleteTableCommand);
  });

  test('refuses a resource that no restore from the SSN vault created, and deletes nothing', async () => {
    fakeAws();
    backupMock.on(ListRestoreJobsCommand).resolves({
      RestoreJobs: [
        job('r1'),
        job('g1', { BackupVaultArn: GENERAL_VAULT_ARN, CreatedResourceArn: GENERAL_RESTORE }),
      ],
    });
    tables('licensee-ssn-restored', 'licensee-general-restored', 'production-table');
    for (const arn of [table('production-table'), GENERAL_RESTORE]) {
      await expect(runCleanup(runtime(), { resources: [arn], yes: true })).rejects.toMatchObject({
        exitCode: EXIT.refused,
        message: expect.stringContaining(`${arn} was not created by a restore job from ${VAULT}`),
      });
    }
    expect(dynamodbMock).not.toHaveReceivedCommand(DeleteTableCommand);
  });

  test('without --yes and without a terminal, nothing is deleted', async () => {
    fakeAws();
    backupMock.on(ListRestoreJobsCommand).resolves({ RestoreJobs: [job('r1')] });
    tables('licensee-ssn-restored');
    await expect(runCleanup(runtime())).rejects.toMatchObject({ exitCode: EXIT.refused });
    expect(dynamodbMock).not.toHaveReceivedCommand(DeleteTableCommand);
  });

  test('a failed deletion stops, is recorded, and its cause decides the exit code', async () => {
    fakeAws();
    backupMock.on(ListRestoreJobsCommand).resolves({ RestoreJobs: [job('r1')] });
    tables('licensee-ssn-restored');
    dynamodbMock
      .on(DeleteTableCommand)
      .rejects(serviceError('AccessDeniedException', 'not authorized to perform: dynamodb:DeleteTable'));
    const rt = runtime();
    const result = await runCleanup(rt, { yes: true });
    expect(result).toMatchObject({
      exitCode: EXIT.accessDenied,
      deleted: [],
      error: expect.stringContaining(`Deleting ${RESTORED} failed`),
    });
    expect(rt.audit()).toMatchObject([
      { command: 'cleanup', outcome: 'delete-failed', resources: [RESTORED] },
    ]);
  });
});
