import { checkRestored } from '../../lib/doctor/checks/restored';
import { ACCOUNT, aws, context, healthyWorld, install, KEY_ARN, SSN, worded } from './fixture';

/** The check's result, with the words the report prints for it. */
const run = async () => worded(await checkRestored(aws(), context(), SSN, KEY_ARN.ssn));

const RESTORED_ARN = `arn:aws:dynamodb:us-west-2:${ACCOUNT}:table/licensee-ssn-restored`;
const RECOVERY_POINT = `arn:aws:backup:us-west-2:${ACCOUNT}:recovery-point:rp-1`;

test('PASS: no restore from the SSN vault left data', async () => {
  install(healthyWorld());
  expect(await run()).toMatchObject({
    id: 'restored:ssn',
    status: 'PASS',
    finding: { kind: 'restores', restoreJobs: 0, left: [] },
    summary: `none remains (0 restore jobs from ${SSN.vaultName} in the last 30 days)`,
  });
});

test('WARN: a restored SSN table and its backup are listed, each on its line', async () => {
  const world = healthyWorld();
  world.restoreJobs = [
    {
      restoreJobId: 'r1',
      backupVaultArn: SSN.vaultArn,
      recoveryPointArn: RECOVERY_POINT,
      status: 'COMPLETED',
      statusMessage: undefined,
      createdAt: '2030-03-01T09:00:00.000Z',
      iamRoleArn: undefined,
      createdResourceArn: RESTORED_ARN,
      resourceType: undefined,
    },
  ];
  world.tables.set('licensee-ssn-restored', {
    name: 'licensee-ssn-restored',
    arn: RESTORED_ARN,
    tableId: 'id-1',
    status: 'ACTIVE',
    createdAt: '2030-03-01T09:10:00.000Z',
    kmsKeyArn: KEY_ARN.ssn,
    restoreSummary: {
      sourceBackupArn: RECOVERY_POINT,
      sourceTableArn: undefined,
      restoredAt: '2030-02-28T00:00:00.000Z',
      inProgress: false,
    },
    replicaRegions: [],
  });
  world.backups = [
    {
      tableName: 'licensee-ssn-restored',
      tableId: 'id-1',
      backupArn: `${RESTORED_ARN}/backup/b1`,
      createdAt: '2030-03-01T09:20:00.000Z',
      status: 'AVAILABLE',
      type: 'USER',
    },
  ];
  install(world);
  const result = await run();
  expect(result).toMatchObject({
    status: 'WARN',
    finding: { kind: 'restores', restoreJobs: 1, ssnKeyArn: KEY_ARN.ssn },
    facts: {
      restoreJobs: 1,
      remaining: [{ restoreJobId: 'r1', ids: [RESTORED_ARN, `${RESTORED_ARN}/backup/b1`] }],
    },
  });
  expect(result.finding.kind === 'restores' && result.finding.left.map((i) => i.job.restoreJobId)).toEqual([
    'r1',
  ]);
  expect(result.details).toEqual([
    `restore job r1 (COMPLETED, 2030-03-01T09:00:00.000Z, as unknown role): ${RESTORED_ARN}: still exists (encrypted with the SSN key)`,
    `  copy: backup ${RESTORED_ARN}/backup/b1 (2030-03-01T09:20:00.000Z): DynamoDB backup, USER, AVAILABLE`,
  ]);
});
