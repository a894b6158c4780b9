import { StepError, type DrillRun, type StepOutcome } from '../context';
import { seconds } from './source-backup';

const KINDS = ['general', 'ssn'] as const;
type Kind = (typeof KINDS)[number];

/**
 * Copies the source recovery point into both vaults, as the environment account's backup plans do,
 * then waits in the backup account for each copy and checks that it is kept under its vault's key.
 */
export async function copyIntoVaults(run: DrillRun): Promise<StepOutcome> {
  const { aws } = run.deps;
  const s = run.record.settings;
  const destinations = run.destinations();
  const recoveryPointArn = run.record.resources.sourceRecoveryPointArn;
  if (!recoveryPointArn) throw new StepError('the backup step has not recorded a recovery point');
  const jobIds = {} as Record<Kind, string>;
  for (const kind of KINDS)
    jobIds[kind] = await run.job(
      `copy-${kind}`,
      (idempotencyToken) =>
        aws.source.startCopyJob({
          recoveryPointArn,
          sourceVaultName: s.sourceVaultName,
          destinationVaultArn: destinations[kind].vaultArn,
          roleArn: s.copyRoleArn,
          retentionDays: s.copyRetentionDays,
          idempotencyToken,
        }),
      (id) => aws.source.copyJob(id),
    );
  const evidence: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const kind of KINDS) {
    const jobId = jobIds[kind];
    const job = await run.waitFor(
      'copy',
      `copy job ${jobId} into ${destinations[kind].vaultName}`,
      () => aws.source.copyJob(jobId),
      s.timeoutMinutes.copy,
    );
    if (!job.recoveryPointArn) throw new StepError(`copy job ${jobId} completed without a recovery point`);
    run.remember({ copies: { ...run.record.resources.copies, [kind]: job.recoveryPointArn } });
    await run.waitFor(
      'copy',
      `recovery point in ${destinations[kind].vaultName}`,
      async () => {
        const point = await aws.backup.recoveryPoint(
          destinations[kind].vaultName,
          job.recoveryPointArn ?? '',
        );
        return { state: point?.status ?? 'NOT YET LISTED' };
      },
      s.timeoutMinutes.copy,
    );
    const point = await aws.backup.recoveryPoint(destinations[kind].vaultName, job.recoveryPointArn);
    if (point?.encryptionKeyArn !== destinations[kind].keyArn)
      problems.push(
        `the ${kind} copy is encrypted with ${point?.encryptionKeyArn ?? 'no key'}, not the vault's key ${destinations[kind].keyArn}`,
      );
    evidence[kind] = {
      jobId,
      recoveryPointArn: job.recoveryPointArn,
      seconds: seconds(job.createdAt, job.completedAt),
      encryptionKeyArn: point?.encryptionKeyArn,
      deleteAt: point?.deleteAt?.toISOString(),
    };
  }
  if (problems.length > 0) return { status: 'failed', summary: problems.join('; '), evidence };
  return {
    status: 'passed',
    summary: `copied into ${destinations.general.vaultName} and ${destinations.ssn.vaultName}, each under its own key`,
    evidence,
  };
}
