import type { DrillAws, JobState } from '../aws';
import { StepError, type DrillRun, type StepOutcome } from '../context';
import type { JobKey, StepId } from '../record';
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
  const { jobId, job } = await restoreInto(run, {
    step: 'restore',
    key: 'restore',
    aws,
    vaultName: vault.vaultName,
    recoveryPointArn,
    roleArn: s.restoreRoleArn,
    metadata: { targetTableName: name },
  });
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

/**
 * Starts (or, resumed, finds again) a restore job into a new table and waits for it; the restore
 * metadata is the recovery point's, with `metadata` over it.
 */
export async function restoreInto(
  run: DrillRun,
  r: {
    readonly step: StepId;
    readonly key: JobKey;
    readonly aws: DrillAws;
    readonly vaultName: string;
    readonly recoveryPointArn: string;
    readonly roleArn: string;
    readonly metadata: Readonly<Record<string, string>>;
  },
): Promise<{ readonly jobId: string; readonly job: JobState }> {
  const jobId = await run.job(
    r.key,
    async (idempotencyToken) => {
      const metadata = await r.aws.backup.restoreMetadata(r.vaultName, r.recoveryPointArn);
      return r.aws.backup.startRestoreJob({
        recoveryPointArn: r.recoveryPointArn,
        roleArn: r.roleArn,
        metadata: { ...metadata, ...r.metadata },
        idempotencyToken,
      });
    },
    (id) => r.aws.backup.restoreJob(id),
  );
  const job = await run.waitFor(
    r.step,
    `restore job ${jobId}`,
    () => r.aws.backup.restoreJob(jobId),
    run.record.settings.timeoutMinutes.restore,
  );
  return { jobId, job };
}

/** Reads the restored table back and compares its items with what the drill wrote. */
export async function verifyRestoredTable(run: DrillRun): Promise<StepOutcome> {
  const name = run.record.resources.restoredTableName;
  if (!name) throw new StepError('the drill has no restored table to compare');
  return compareWithWritten(run, run.deps.aws, name);
}

/** Scans `name` (with `aws`'s credentials) and compares count and digest with what the drill wrote. */
export async function compareWithWritten(run: DrillRun, aws: DrillAws, name: string): Promise<StepOutcome> {
  const { written } = run.record.resources;
  if (!written) throw new StepError('the drill has no written items to compare');
  const items = await aws.backup.scanItems(name);
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
