import { StepError, type DrillRun, type StepOutcome } from '../context';

/** An on-demand backup of the drill's table into the source account's vault. */
export async function backUpSourceTable(run: DrillRun): Promise<StepOutcome> {
  const { aws } = run.deps;
  const s = run.record.settings;
  const tableArn = run.record.resources.sourceTableArn;
  if (!tableArn) throw new StepError('the source table step has not recorded the table ARN');
  const jobId = await run.job(
    'backup',
    (idempotencyToken) =>
      aws.source.startBackupJob({
        tableArn,
        vaultName: s.sourceVaultName,
        roleArn: s.copyRoleArn,
        idempotencyToken,
      }),
    (id) => aws.source.backupJob(id),
  );
  const job = await run.waitFor(
    'source-backup',
    `backup job ${jobId}`,
    () => aws.source.backupJob(jobId),
    s.timeoutMinutes.backup,
  );
  if (!job.recoveryPointArn) throw new StepError(`backup job ${jobId} completed without a recovery point`);
  run.remember({ sourceRecoveryPointArn: job.recoveryPointArn });
  return {
    status: 'passed',
    summary: `backed up into ${s.sourceVaultName}`,
    evidence: {
      jobId,
      recoveryPointArn: job.recoveryPointArn,
      seconds: seconds(job.createdAt, job.completedAt),
    },
  };
}

/** Seconds between two moments AWS reported, when it reported both. */
export function seconds(from?: Date, to?: Date): number | undefined {
  return from && to ? Math.round((to.getTime() - from.getTime()) / 1000) : undefined;
}
