import { checkRestored } from '../../lib/doctor/checks/restored';
import { ACCOUNT, clients, context, healthyWorld, install, KEY_ARN, SSN } from './fixture';

const RESTORED_ARN = `arn:aws:dynamodb:us-west-2:${ACCOUNT}:table/licensee-ssn-restored`;
const RECOVERY_POINT = `arn:aws:backup:us-west-2:${ACCOUNT}:recovery-point:rp-1`;

test('PASS: no restore from the SSN vault left data', async () => {
  install(healthyWorld());
  expect(await checkRestored(clients(), context(), SSN, KEY_ARN.ssn)).toMatchObject({
    id: 'restored:ssn',
    status: 'PASS',
    summary: `none remains (0 restore jobs from ${SSN.vaultName} in the last 30 days)`,
  });
});

test('WARN: a restored SSN table and its backup are listed, each on its line', async () => {
  const world = healthyWorld();
  world.restoreJobs = [
    {
      RestoreJobId: 'r1',
      BackupVaultArn: SSN.vaultArn,
      RecoveryPointArn: RECOVERY_POINT,
      Status: 'COMPLETED',
      CreationDate: new Date('2030-03-01T09:00:00Z'),
      CreatedResourceArn: RESTORED_ARN,
    },
  ];
  world.tables = [
    {
      TableName: 'licensee-ssn-restored',
      TableArn: RESTORED_ARN,
      TableId: 'id-1',
      TableStatus: 'ACTIVE',
      CreationDateTime: new Date('2030-03-01T09:10:00Z'),
      SSEDescription: { KMSMasterKeyArn: KEY_ARN.ssn },
      RestoreSummary: {
        SourceBackupArn: RECOVERY_POINT,
        RestoreDateTime: new Date('2030-02-28T00:00:00Z'),
        RestoreInProgress: false,
      },
    },
  ];
  world.backups = [
    {
      TableName: 'licensee-ssn-restored',
      TableId: 'id-1',
      BackupArn: `${RESTORED_ARN}/backup/b1`,
      BackupCreationDateTime: new Date('2030-03-01T09:20:00Z'),
      BackupStatus: 'AVAILABLE',
      BackupType: 'USER',
    },
  ];
  install(world);
  const result = await checkRestored(clients(), context(), SSN, KEY_ARN.ssn);
  expect(result).toMatchObject({
    status: 'WARN',
    facts: {
      restoreJobs: 1,
      remaining: [{ restoreJobId: 'r1', ids: [RESTORED_ARN, `${RESTORED_ARN}/backup/b1`] }],
    },
  });
  expect(result.details).toEqual([
    `restore job r1 (COMPLETED, 2030-03-01T09:00:00.000Z, as unknown role): ${RESTORED_ARN}: still exists (encrypted with the SSN key)`,
    `  copy: backup ${RESTORED_ARN}/backup/b1 (2030-03-01T09:20:00.000Z): DynamoDB backup, USER, AVAILABLE`,
  ]);
});
