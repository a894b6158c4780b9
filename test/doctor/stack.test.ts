import { checkStack } from '../../lib/doctor/checks/stack';
import { aws, context, GENERAL, healthyWorld, install, KEY_ARN, serviceError, SSN, worded } from './fixture';

/** The check's result, with the words the report prints for it. */
const run = async () => worded(await checkStack(aws(), context(), [GENERAL, SSN]));

test('PASS: the stack is deployed and its eight outputs match the configuration', async () => {
  // GIVEN
  install(healthyWorld());
  // WHEN
  const result = await run();
  // THEN
  expect(result).toMatchObject({
    id: 'stack',
    status: 'PASS',
    summary: 'UPDATE_COMPLETE; 8 outputs match the configuration',
    details: [],
  });
  expect(result.finding).toEqual({
    kind: 'deployed',
    stackStatus: 'UPDATE_COMPLETE',
    phase: 'done',
    outputs: 8,
    problems: [],
  });
  expect(result.facts?.keyArns).toEqual({ general: KEY_ARN.general, ssn: KEY_ARN.ssn });
  expect(aws().callsOf('findStack')).toEqual([['BackupAccountStack']]);
});

test('FAIL: a stack that does not exist is reported as not deployed, in which account and region', async () => {
  const world = healthyWorld();
  delete world.stack;
  install(world);
  expect(await run()).toMatchObject({
    status: 'FAIL',
    finding: { kind: 'not-deployed', account: '000011114444', region: 'us-west-2' },
    summary: 'not deployed in account 000011114444, region us-west-2',
  });
});

test('FAIL: every output that differs or is missing is named with what was expected', async () => {
  const world = healthyWorld();
  world.stack!.outputs.SSNBackupVaultName = 'OtherVault';
  delete world.stack!.outputs.BackupVaultArn;
  world.stack!.outputs.BackupEncryptionKeyArn =
    'arn:aws:kms:us-east-1:000011114444:key/11111111-2222-4333-8444-555555555555';
  world.stack!.outputs.SSNBackupEncryptionKeyId = '00000000-0000-4000-8000-000000000000';
  install(world);
  const result = await run();
  expect(result.status).toBe('FAIL');
  expect(result.finding.kind === 'deployed' && result.finding.problems.map((p) => p.kind)).toEqual([
    'output-missing',
    'key-elsewhere',
    'output-differs',
    'key-id-mismatch',
  ]);
  expect(result.summary).toBe('UPDATE_COMPLETE; 4 outputs differ from the configuration');
  expect(result.details).toEqual([
    'BackupVaultArn: missing (expected arn:aws:backup:us-west-2:000011114444:backup-vault:CompactConnectBackupVault)',
    'BackupEncryptionKeyArn: arn:aws:kms:us-east-1:000011114444:key/11111111-2222-4333-8444-555555555555, expected a key of this account and region (arn:aws:kms:us-west-2:000011114444:key/…)',
    'SSNBackupVaultName: OtherVault, expected CompactConnectBackupVault-SSN',
    `SSNBackupEncryptionKeyId: 00000000-0000-4000-8000-000000000000 is not the key of SSNBackupEncryptionKeyArn (${KEY_ARN.ssn})`,
  ]);
});

test.each([
  ['UPDATE_IN_PROGRESS', 'WARN', 'in-progress', /an operation is in progress/],
  ['UPDATE_ROLLBACK_COMPLETE', 'WARN', 'rolled-back', /the last update failed and was rolled back/],
  ['ROLLBACK_COMPLETE', 'FAIL', 'failed', /the last operation failed/],
  ['UPDATE_ROLLBACK_FAILED', 'FAIL', 'failed', /the last operation failed/],
])('%s: %s', async (stackStatus, status, phase, summary) => {
  const world = healthyWorld();
  world.stack!.status = stackStatus;
  install(world);
  const result = await run();
  expect(result.status).toBe(status);
  expect(result.finding).toMatchObject({ kind: 'deployed', phase, problems: [] });
  expect(result.summary).toMatch(summary);
});

test('FAIL: a refused read names the AWS error; it is not reported as "not deployed"', async () => {
  install(healthyWorld()).failures.findStack.push(
    serviceError('AccessDenied', 'not allowed to DescribeStacks'),
  );
  expect(await run()).toMatchObject({
    status: 'FAIL',
    finding: { kind: 'unreadable', failure: { name: 'AccessDenied' } },
    summary: 'cannot be read: AccessDenied: not allowed to DescribeStacks',
  });
});

test('missing credentials are not one check failing: they stop the run', async () => {
  install(healthyWorld()).failures.findStack.push(
    serviceError('CredentialsProviderError', 'Could not load credentials'),
  );
  await expect(run()).rejects.toMatchObject({ name: 'CredentialsProviderError' });
});

test('FAIL: a stack of another account or region is named as such', async () => {
  install(healthyWorld()).stack = {
    stackId: 'arn:aws:cloudformation:us-east-1:000099990000:stack/BackupAccountStack/x',
    status: 'CREATE_COMPLETE',
    outputs: {},
  };
  const result = await run();
  expect(result.status).toBe('FAIL');
  expect(result.finding.kind === 'deployed' && result.finding.problems.slice(0, 2)).toEqual([
    { kind: 'other-account', account: '000099990000', expected: '000011114444' },
    { kind: 'other-region', region: 'us-east-1', expected: 'us-west-2' },
  ]);
  expect(result.details.slice(0, 2)).toEqual([
    "the stack is in account 000099990000, the configuration's backup_account_id is 000011114444",
    'the stack is in region us-east-1, expected us-west-2',
  ]);
});
