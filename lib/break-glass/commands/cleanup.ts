import { describeFailure, type FailureCause } from '../../domain-error';
import type { CallerIdentity } from '../../aws';
import { recordRestoredData } from '../audit';
import { deployedBaseline } from '../deployed-baseline';
import { inspect } from '../../seal/inspect';
import { openingInTrail, recordStackEnding, stackEnding } from '../trail-opening';
import { AccountRecord, auditRecords } from '../trail';
import type { Descendant } from '../descendants';
import { restoreMismatch } from '../descendants';
import { readRestoredData, type RestoredItem, tableNameOf, unacceptedDescendants } from '../restored';
import type { Runtime } from '../runtime';
import { checkedCaller, type DeployedState, isoSeconds, readDeployed } from '../state';

export interface CleanupOptions {
  /** Only these restored resources (ARNs); each must be one that a restore job from the SSN vault created. */
  readonly resources?: readonly string[];
  readonly dryRun?: boolean;
  readonly yes?: boolean;
}

export interface CleanupPlan {
  readonly since: string;
  /** The restored tables that still exist, restored by their job (RestoreSummary), and will be deleted. */
  readonly targets: readonly RestoredItem[];
  /** Tables under a restore job's ARN that the job did not restore: never deleted. */
  readonly mismatched: readonly RestoredItem[];
  /** Copies of restored data that cleanup does not delete and nobody accepted: delete them by hand. */
  readonly remaining: readonly Descendant[];
}

/** Why cleanup deletes nothing. */
export type CleanupRefusalReason =
  | 'not-restored-here'
  | 'not-the-restored-table'
  | 'table-changed'
  | 'not-confirmed'
  | 'no-terminal';

export interface CleanupRefused {
  readonly kind: 'refused';
  readonly reason: CleanupRefusalReason;
  readonly message: string;
}

/** The plan, with what planCleanup read, kept so that apply deletes what the plan showed. */
export interface CleanupPlanned {
  readonly kind: 'planned';
  readonly plan: CleanupPlan;
  readonly basis: {
    readonly caller: CallerIdentity;
    readonly state: DeployedState;
    readonly account: AccountRecord;
  };
}

/** What cleanup did. `planned` is a dry run: nothing deleted. */
export type CleanupOutcome =
  | { readonly kind: 'planned'; readonly plan: CleanupPlan }
  | { readonly kind: 'deleted'; readonly plan: CleanupPlan; readonly deleted: readonly string[] }
  | {
      /** What the plan does not delete (mismatched tables, copies) remains. */
      readonly kind: 'restored-data-remains';
      readonly plan: CleanupPlan;
      readonly deleted: readonly string[];
    }
  | {
      readonly kind: 'delete-failed';
      readonly plan: CleanupPlan;
      /** The tables deleted before the failure. */
      readonly deleted: readonly string[];
      readonly cause: FailureCause;
      readonly message: string;
    }
  | CleanupRefused;

/** Point-in-time recovery and replicas live on the table: deleting it deletes them. */
const LIVES_ON_TABLE = new Set<Descendant['kind']>(['point-in-time-recovery']);

/** Why the table as it is now may not be deleted as `item`'s; undefined when it may. */
async function changedSince(rt: Runtime, item: RestoredItem): Promise<string | undefined> {
  const planned = item.table!;
  const now = await rt.aws.describeTable(planned.name);
  if (!now || now.status === 'DELETING') return 'it is gone';
  if (now.arn !== planned.arn || now.tableId !== planned.tableId)
    return `another table (ID ${now.tableId ?? '?'}) now has its name`;
  return restoreMismatch(now, item.job);
}

/**
 * Plans cleanup: the DynamoDB tables that restore jobs from the SSN vault created and that still
 * exist, whose RestoreSummary shows that the job restored them; the copies of the restored data it
 * does not delete. A resource named with --resource that no such restore job created is refused.
 * Writes nothing.
 */
export async function planCleanup(
  rt: Runtime,
  options: CleanupOptions = {},
): Promise<CleanupPlanned | CleanupRefused> {
  const caller = await checkedCaller(rt);
  const state = await readDeployed(rt);
  const account = await AccountRecord.read(rt);
  const restored = await readRestoredData(rt, state, auditRecords(account.entries));
  const byArn = new Map<string, RestoredItem[]>();
  for (const item of restored.items) {
    const arn = item.job.createdResourceArn;
    if (arn) byArn.set(arn, [...(byArn.get(arn) ?? []), item]);
  }
  for (const arn of options.resources ?? []) {
    const items = byArn.get(arn);
    if (!items) {
      return {
        kind: 'refused',
        reason: 'not-restored-here',
        message: `Nothing deleted: ${arn} was not created by a restore job from ${state.vaultName} since ${restored.since}; cleanup deletes only what an opening restored.`,
      };
    }
    const mismatched = items.find((item) => item.resource === 'mismatch');
    if (mismatched && !items.some((item) => item.resource === 'exists')) {
      return {
        kind: 'refused',
        reason: 'not-the-restored-table',
        message: `Nothing deleted: the table ${arn} is not the one restore job ${mismatched.job.restoreJobId} created: ${mismatched.mismatch}. cleanup deletes only what an opening restored.`,
      };
    }
  }
  const wanted = options.resources ? new Set(options.resources) : undefined;
  const chosen = restored.items.filter((item) => !wanted || wanted.has(item.job.createdResourceArn ?? ''));
  const targets = chosen.filter((item) => item.resource === 'exists');
  const mismatched = chosen.filter((item) => item.resource === 'mismatch' && !item.accepted);
  const deleting = new Set(targets.map((item) => item.job.createdResourceArn));
  const remaining = chosen
    .flatMap(unacceptedDescendants)
    .filter((d) => !(LIVES_ON_TABLE.has(d.kind) && deleting.has(d.of)));
  return {
    kind: 'planned',
    plan: { since: restored.since, targets, mismatched, remaining },
    basis: { caller, state, account },
  };
}

/** A deployment that ended the trail's opening is recorded by the next command that writes. */
async function recordEnding(rt: Runtime, planned: CleanupPlanned): Promise<void> {
  const { state, account } = planned.basis;
  const opening = openingInTrail(account.entries);
  if (!opening) return;
  const { baseline } = await deployedBaseline(rt);
  const sealed = inspect({ vault: state.vault, key: state.keyPolicy }, baseline, rt.now()).kind === 'sealed';
  await recordStackEnding(account, stackEnding(opening, account.stack, sealed), {
    account: rt.config.backupAccountId,
    region: rt.region,
    vaultName: state.vaultName,
  });
}

const DECLINED: Record<'not-confirmed' | 'no-terminal', string> = {
  'not-confirmed': 'Nothing deleted: not confirmed.',
  'no-terminal': 'Nothing deleted: pass --yes to delete (there is no terminal to confirm on).',
};

/** The operator did not confirm the plan: nothing is deleted (a stack's ending is still recorded). */
export async function declineCleanup(
  rt: Runtime,
  planned: CleanupPlanned,
  declined: 'not-confirmed' | 'no-terminal',
): Promise<CleanupRefused> {
  await recordEnding(rt, planned);
  return { kind: 'refused', reason: declined, message: DECLINED[declined] };
}

/**
 * Deletes the planned tables, each read again right before (DescribeTable) and deleted by the ARN
 * observed; on any difference it deletes nothing. Each deletion is recorded in the audit log.
 * Copies of the restored data that remain (backups, exports, recovery points, tables restored from
 * them) keep the outcome at restored-data-remains until they are gone or accepted.
 */
export async function applyCleanup(rt: Runtime, planned: CleanupPlanned): Promise<CleanupOutcome> {
  const { plan } = planned;
  const { caller, state, account } = planned.basis;
  const { targets, mismatched, remaining } = plan;
  const done = (deleted: readonly string[]): CleanupOutcome => ({
    kind: remaining.length === 0 && mismatched.length === 0 ? 'deleted' : 'restored-data-remains',
    plan,
    deleted,
  });
  await recordEnding(rt, planned);
  if (targets.length === 0) return done([]);

  // Read every target again after the confirmation: delete none unless all are still the job's table.
  for (const item of targets) {
    const why = await changedSince(rt, item);
    if (why)
      return {
        kind: 'refused',
        reason: 'table-changed',
        message: `Nothing deleted: ${item.job.createdResourceArn} is no longer the table restore job ${item.job.restoreJobId} created (${why}); run cleanup --dry-run to see the tables again.`,
      };
  }
  const deleted: string[] = [];
  for (const item of targets) {
    const arn = item.table!.arn;
    const record = {
      time: isoSeconds(rt.now()),
      command: 'cleanup' as const,
      caller,
      account: rt.config.backupAccountId,
      region: rt.region,
      vaultName: state.vaultName,
      resources: [arn],
      restoreJobId: item.job.restoreJobId,
    };
    // The deletion is recorded in the bucket before it is made; if that fails, this table stays.
    try {
      await recordRestoredData(rt, account, { ...record, outcome: 'deleting' }, 'before');
    } catch (error) {
      const { message, cause } = describeFailure(error);
      return { kind: 'delete-failed', plan, deleted, cause, message };
    }
    try {
      if (tableNameOf(arn) === undefined) throw new Error(`${arn} is not a DynamoDB table ARN`);
      await rt.aws.deleteTable(arn);
    } catch (error) {
      const { message, cause } = describeFailure(error);
      await recordRestoredData(rt, account, { ...record, outcome: 'delete-failed', error: message }, 'after');
      return { kind: 'delete-failed', plan, deleted, cause, message: `Deleting ${arn} failed: ${message}` };
    }
    await recordRestoredData(rt, account, { ...record, outcome: 'deleted' }, 'after');
    deleted.push(arn);
  }
  return done(deleted);
}
