import { describeError, EXIT, type ExitCode, RefusedError } from '../../cli';
import { appendAudit } from '../audit';
import { readRestoredData, type RestoredItem, tableNameOf } from '../restored';
import type { Confirm, Runtime } from '../runtime';
import { checkedCaller, isoSeconds, readDeployed } from '../state';

export interface CleanupOptions {
  /** Only these restored resources (ARNs); each must be one that a restore job from the SSN vault created. */
  readonly resources?: readonly string[];
  readonly dryRun?: boolean;
  readonly yes?: boolean;
}

export interface CleanupPlan {
  readonly since: string;
  /** The restored tables that still exist and will be deleted. */
  readonly targets: readonly RestoredItem[];
}

export interface CleanupResult {
  readonly exitCode: ExitCode;
  readonly dryRun: boolean;
  readonly plan: CleanupPlan;
  readonly deleted: readonly string[];
  readonly error?: string;
}

/**
 * Deletes the DynamoDB tables that restore jobs from the SSN vault created and that still exist,
 * after showing them and asking (or with --yes). It deletes nothing else: a resource named with
 * --resource that no such restore job created is refused. Each deletion is recorded in the audit log.
 */
export async function runCleanup(
  rt: Runtime,
  options: CleanupOptions = {},
  confirm?: Confirm<CleanupPlan>,
): Promise<CleanupResult> {
  const caller = await checkedCaller(rt);
  const state = await readDeployed(rt);
  const restored = await readRestoredData(rt, state);
  const existing = restored.items.filter((item) => item.resource === 'exists');
  const restoredArns = new Set(restored.items.map((item) => item.job.createdResourceArn));
  for (const arn of options.resources ?? []) {
    if (!restoredArns.has(arn)) {
      throw new RefusedError(
        `Nothing deleted: ${arn} was not created by a restore job from ${state.vaultName} since ${restored.since}; cleanup deletes only what an opening restored.`,
      );
    }
  }
  const wanted = options.resources ? new Set(options.resources) : undefined;
  const targets = existing.filter((item) => !wanted || wanted.has(item.job.createdResourceArn ?? ''));
  const plan: CleanupPlan = { since: restored.since, targets };
  const dryRun = options.dryRun === true;
  if (dryRun || targets.length === 0) return { exitCode: EXIT.ok, dryRun, plan, deleted: [] };
  if (!options.yes) {
    if (!confirm)
      throw new RefusedError('Nothing deleted: pass --yes to delete (there is no terminal to confirm on).');
    if (!(await confirm(plan))) throw new RefusedError('Nothing deleted: not confirmed.');
  }

  const deleted: string[] = [];
  for (const item of targets) {
    const arn = item.job.createdResourceArn as string;
    const record = {
      time: isoSeconds(rt.now()),
      command: 'cleanup' as const,
      caller,
      account: rt.config.backupAccountId,
      region: rt.region,
      vaultName: state.vaultName,
      resources: [arn],
    };
    try {
      await rt.aws.deleteTable(tableNameOf(arn) as string);
    } catch (error) {
      const { message, exitCode } = describeError(error);
      appendAudit(rt.auditLogPath, { ...record, outcome: 'delete-failed', error: message });
      return { exitCode, dryRun, plan, deleted, error: `Deleting ${arn} failed: ${message}` };
    }
    appendAudit(rt.auditLogPath, { ...record, outcome: 'deleted' });
    deleted.push(arn);
  }
  return { exitCode: EXIT.ok, dryRun, plan, deleted };
}
