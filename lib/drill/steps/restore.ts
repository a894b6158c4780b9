import { StepError, type DrillRun, type StepOutcome } from '../context';
import { itemsDigest } from '../data';
import { seconds } from './source-backup';
import { sourceTableName } from './source-table';

export function restoredTableName(drillId: string): string {
  return `${sourceTableName(drillId)}-restored`;
}

/**
 * Restores the general vault's copy into a new table of the backup account, as a recovery would,
 * and measures the restore job against the recovery time objective.
 */
export async function restoreGeneralCopy(run: DrillRun): Promise<StepOutcome> {
  const { aws } = run.deps;
  const s = run.record.settings;
  const vault = run.destinations().general;
  const recoveryPointArn = run.record.resources.copies?.general;
  if (!recoveryPointArn) throw new StepError('the copy step has not recorded the general copy');
  const name = restoredTableName(run.id);
  run.remember({ restoredTableName: name });
  const jobId = await run.job(
    'restore',
    async (idempotencyToken) => {
      const metadata = await aws.restoreMetadata(vault.vaultName, recoveryPointArn);
      return aws.startRestoreJob({
        recoveryPointArn,
        roleArn: s.restoreRoleArn,
        metadata: { ...metadata, targetTableName: name },
        idempotencyToken,
      });
    },
    (id) => aws.restoreJob(id),
  );
  const job = await run.waitFor(
    'restore',
    `restore job ${jobId}`,
    () => aws.restoreJob(jobId),
    s.timeoutMinutes.restore,
  );
  const took = seconds(job.createdAt, job.completedAt);
  const evidence = {
    jobId,
    tableName: name,
    createdResourceArn: job.createdResourceArn,
    seconds: took,
    rtoMinutes: s.rtoMinutes,
  };
  if (took === undefined)
    return { status: 'warning', summary: `restored ${name}; AWS reported no times to measure`, evidence };
  const minutes = (took / 60).toFixed(1);
  if (took > s.rtoMinutes * 60)
    return {
      status: 'failed',
      summary: `restored ${name} in ${minutes} minutes, over the ${s.rtoMinutes}-minute target`,
      evidence,
    };
  return {
    status: 'passed',
    summary: `restored ${name} in ${minutes} minutes (target ${s.rtoMinutes})`,
    evidence,
  };
}

/** Reads the restored table back and compares its items with what the drill wrote. */
export async function verifyRestoredTable(run: DrillRun): Promise<StepOutcome> {
  const { written, restoredTableName: name } = run.record.resources;
  if (!written || !name) throw new StepError('the drill has no written items or restored table to compare');
  const items = await run.deps.aws.scanItems('backup', name);
  const found = { count: items.length, digest: itemsDigest(items) };
  const evidence = { expected: written, found };
  if (found.count !== written.count || found.digest !== written.digest)
    return {
      status: 'failed',
      summary: `the restored table differs from what was written: ${found.count} items (expected ${written.count}), digest ${found.digest.slice(0, 12)}… (expected ${written.digest.slice(0, 12)}…)`,
      evidence,
    };
  return {
    status: 'passed',
    summary: `${found.count} items, digest ${found.digest.slice(0, 12)}… as written`,
    evidence,
  };
}
