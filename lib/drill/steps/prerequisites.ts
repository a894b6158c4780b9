import { STACK_NAME, STACK_OUTPUTS } from '../../stack-facts';
import { type DrillRun, StepError, type StepOutcome } from '../context';
import { destinationsFromOutputs } from '../destinations';
import type { OperatorAws } from '../../aws';

/** Whether the role of `roleArn` exists; a refused iam:GetRole stops the step, as any refused read. */
async function roleExists(aws: OperatorAws, roleArn: string): Promise<boolean> {
  const exists = await aws.roleExists(roleArn.split('/').pop() ?? '');
  if (exists === undefined)
    throw new StepError(`cannot tell whether ${roleArn} exists: AWS refused iam:GetRole (AccessDenied)`);
  return exists;
}

/**
 * Checks what the drill can read before it makes anything, and stops at the first that fails, with
 * what to do. Cross-account backup is enabled in the organization's management account, which the
 * drill cannot read: a copy refused for that reason fails the copy step, which says so.
 */
export async function checkPrerequisites(run: DrillRun): Promise<StepOutcome> {
  const { aws } = run.deps;
  const s = run.record.settings;
  const backupCaller = (await aws.backup.callerIdentity()).account;
  if (backupCaller !== s.backupAccountId)
    throw new StepError(
      `the backup account's credentials are for account ${backupCaller}, the configuration's backup account is ${s.backupAccountId}: pass --profile for the backup account`,
    );
  const sourceCaller = (await aws.source.callerIdentity()).account;
  if (sourceCaller !== s.sourceAccountId)
    throw new StepError(
      `the source account's credentials are for account ${sourceCaller}, the drill's source account is ${s.sourceAccountId}: pass --source-profile for it`,
    );
  const { outputs } = await aws.backup.describeStack(STACK_NAME);
  const destinations = destinationsFromOutputs(outputs, (key) => {
    throw new StepError(`stack ${STACK_NAME} has no output ${key}: deploy the stack from this app first`);
  });
  const evidenceBucket = outputs[STACK_OUTPUTS.evidenceBucketName];
  run.update((r) => ({ ...r, destinations, evidenceBucket }));

  const dynamo = await aws.source.dynamoDbSettings();
  if (!dynamo.optedIn)
    throw new StepError(
      `AWS Backup does not protect DynamoDB in ${s.sourceRegion} of account ${s.sourceAccountId}: turn DynamoDB on in AWS Backup's settings (service opt-in) there`,
    );
  if (!dynamo.advanced)
    throw new StepError(
      `AWS Backup's advanced features for DynamoDB are off in ${s.sourceRegion} of account ${s.sourceAccountId}: without them a DynamoDB backup cannot be copied to another account (AWS Backup settings, "Advanced features for Amazon DynamoDB backups")`,
    );
  if (!(await aws.source.vaultExists(s.sourceVaultName)))
    throw new StepError(
      `the source account has no backup vault ${s.sourceVaultName} in ${s.sourceRegion}: pass --source-vault with the vault its backup plans use`,
    );
  if (!(await roleExists(aws.source, s.copyRoleArn)))
    throw new StepError(
      `the source account has no role ${s.copyRoleArn}: pass --copy-role with the role its backup plans run as`,
    );
  if (!(await roleExists(aws.backup, s.restoreRoleArn)))
    throw new StepError(
      `the backup account has no role ${s.restoreRoleArn}: pass --restore-role with a role AWS Backup may pass for restores (AWSBackupServiceRolePolicyForRestores)`,
    );
  return {
    status: 'passed',
    summary: `both accounts reachable; stack ${STACK_NAME} deployed; DynamoDB with advanced features in the source region; vault, copy role and restore role found`,
    evidence: { destinations, evidenceBucket, dynamoDb: dynamo },
  };
}
