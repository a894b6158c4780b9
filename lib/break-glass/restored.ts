import type { RestoreJob, Table, TrackingReads } from '../aws';
import { readAudit } from './audit';
import { type Descendant, descendantsOf, type Origin, restoreMismatch, tableIndex } from './descendants';
import type { Runtime } from './runtime';
import { type DeployedState, isoSeconds } from './state';

/**
 * Restored SSN data is part of the state: a restore made during an opening creates a DynamoDB
 * table in this account, and anyone with DynamoDB or AWS Backup rights can copy it onward. Only an
 * opening can restore from the SSN vault, so every restore job from it is one of an opening's; the
 * restored table and every copy of it (descendants.ts) count as open data until they are gone.
 */

/** How far back restore jobs are listed at least; further when the audit log names an earlier opening. */
export const RESTORE_LOOKBACK_DAYS = 30;

/** What became of what a restore job created. */
export type ResourceState =
  /** The restored table exists, and its RestoreSummary shows this job restored it. */
  | 'exists'
  /** It was deleted (or is being deleted). */
  | 'deleted'
  /**
   * A table exists under that ARN that this job did not restore, by its RestoreSummary (a name reused
   * after the restored table was deleted, or an answer the tool does not understand). The tool cannot
   * tell, so it counts as remaining; cleanup never deletes it.
   */
  | 'mismatch'
  /** The job is still running: a table may appear. */
  | 'pending'
  /** The job created nothing (failed or aborted without a resource). */
  | 'none'
  /** Not a DynamoDB table: the tool cannot tell, so it counts as remaining. */
  | 'unknown';

/** Someone took responsibility for a restore job's data staying (close --accept-restored). */
export interface Acceptance {
  readonly time: string;
  readonly by: string;
  readonly reason: string;
  /** The copies of the restored data that existed then, which the acceptance covers; later ones it does not. */
  readonly descendants: readonly string[];
}

export interface RestoredItem {
  readonly job: RestoreJob;
  readonly resource: ResourceState;
  /** The table found under the job's resource ARN ('exists' or 'mismatch'). */
  readonly table?: Table;
  /** Why the table found is not the one the job restored ('mismatch'). */
  readonly mismatch?: string;
  /** Copies of the restored data that exist in the account. */
  readonly descendants: readonly Descendant[];
  readonly accepted?: Acceptance;
}

export interface RestoredData {
  /** Restore jobs created after this instant were listed. */
  readonly since: string;
  /** The SSN key: a restored table under any other key stays readable after close. */
  readonly keyArn: string;
  /** Restore jobs from the SSN vault (jobs from other vaults are left out). */
  readonly items: readonly RestoredItem[];
}

const DYNAMODB_TABLE = /^arn:[^:]+:dynamodb:[^:]*:\d{12}:table\/([A-Za-z0-9_.-]{3,255})$/;

/** The table name of a DynamoDB table ARN; undefined for anything else. */
export function tableNameOf(arn: string): string | undefined {
  return DYNAMODB_TABLE.exec(arn)?.[1];
}

/** Whether the restored data itself still needs someone's attention (exists, may appear, or cannot be told). */
export function remains(item: RestoredItem): boolean {
  return (
    item.resource === 'exists' ||
    item.resource === 'pending' ||
    item.resource === 'unknown' ||
    item.resource === 'mismatch'
  );
}

/** The copies of an item's data that no acceptance covers. */
export function unacceptedDescendants(item: RestoredItem): Descendant[] {
  const covered = new Set(item.accepted?.descendants ?? []);
  return item.descendants.filter((d) => !covered.has(d.id));
}

/** Whether an item keeps emergency access from being over: data or copies remaining that nobody accepted. */
export function isOutstanding(item: RestoredItem): boolean {
  return (remains(item) && item.accepted === undefined) || unacceptedDescendants(item).length > 0;
}

/** What of an item nobody accepted: its resource (or the job, while it has none) and its copies. */
export function outstandingIds(item: RestoredItem): string[] {
  const own =
    remains(item) && !item.accepted
      ? [item.job.createdResourceArn ?? `(restore job ${item.job.restoreJobId})`]
      : [];
  return [...own, ...unacceptedDescendants(item).map((d) => d.id)];
}

/** The items that keep emergency access from being over. */
export function outstanding(data: RestoredData): RestoredItem[] {
  return data.items.filter(isOutstanding);
}

const IN_PROGRESS = new Set(['CREATED', 'PENDING', 'RUNNING']);

/** What became of the job's table, and where to look for copies of it. */
async function resourceOf(
  aws: TrackingReads,
  job: RestoreJob,
): Promise<Pick<RestoredItem, 'resource' | 'table' | 'mismatch'> & { origin?: Origin }> {
  const arn = job.createdResourceArn;
  if (arn === undefined) return { resource: IN_PROGRESS.has(job.status) ? 'pending' : 'none' };
  const name = tableNameOf(arn);
  if (name === undefined) return { resource: 'unknown' };
  const table = await aws.describeTable(name);
  const origin = { arn, name, since: job.createdAt };
  if (!table || table.status === 'DELETING') return { resource: 'deleted', origin };
  const mismatch = restoreMismatch(table, job);
  if (mismatch)
    return {
      resource: 'mismatch',
      table,
      mismatch,
      origin: { ...origin, namesake: { tableId: table.tableId, createdAt: table.createdAt } },
    };
  return { resource: 'exists', table, origin: { ...origin, tableId: table.tableId, live: table } };
}

interface AuditFacts {
  readonly earliestOpen: string | undefined;
  acceptanceOf(job: RestoreJob): Acceptance | undefined;
}

/**
 * The start of the earliest opening that the audit log records, if any, and the acceptances.
 * Acceptances name restore jobs (`restoreJobs`). Records written before that named only resource
 * ARNs (`resources`): such a record accepts a job whose resource it names only when the job was
 * created before the record, so a later restore to the same table name is never covered, and it
 * covers no copies (it listed none).
 */
function fromAuditLog(
  rt: Runtime,
  vaultName: string,
  records: readonly Record<string, unknown>[],
): AuditFacts {
  let earliestOpen: string | undefined;
  const byJob = new Map<string, Acceptance>();
  const byArn: { arn: string; acceptance: Acceptance }[] = [];
  for (const record of records) {
    if (record.account !== rt.config.backupAccountId || record.vaultName !== vaultName) continue;
    const time = String(record.time);
    if (record.command === 'open' && record.outcome === 'applied' && (!earliestOpen || time < earliestOpen))
      earliestOpen = time;
    if (record.outcome !== 'accepted-restored') continue;
    const caller = record.caller as { arn?: string } | undefined;
    const base = { time, by: caller?.arn ?? 'unknown', reason: String(record.reason ?? '') };
    if (Array.isArray(record.restoreJobs)) {
      for (const accepted of record.restoreJobs as AcceptedJob[])
        byJob.set(String(accepted.restoreJobId), {
          ...base,
          descendants: Array.isArray(accepted.descendants) ? accepted.descendants.map(String) : [],
        });
    } else if (Array.isArray(record.resources)) {
      for (const arn of record.resources)
        byArn.push({ arn: String(arn), acceptance: { ...base, descendants: [] } });
    }
  }
  return {
    earliestOpen,
    acceptanceOf: (job) =>
      byJob.get(job.restoreJobId) ??
      byArn.find(
        (a) =>
          a.arn === job.createdResourceArn &&
          job.createdAt !== undefined &&
          Date.parse(job.createdAt) <= Date.parse(a.acceptance.time),
      )?.acceptance,
  };
}

/** One accepted job in an audit record (close --accept-restored). */
export interface AcceptedJob {
  readonly restoreJobId: string;
  readonly resource: string | null;
  readonly descendants: readonly string[];
}

/**
 * The restore jobs from the SSN vault since `since`, each with what became of what it created and
 * every copy of it that exists in the account. Reads only; takes no audit log (doctor uses it too).
 */
export async function trackRestores(
  aws: TrackingReads,
  vaultArn: string,
  since: Date,
): Promise<
  { job: RestoreJob; resource: ResourceState; table?: Table; mismatch?: string; descendants: Descendant[] }[]
> {
  const jobs = (await aws.listRestoreJobs(since)).filter((job) => job.backupVaultArn === vaultArn);
  const tables = tableIndex(aws);
  const items = [];
  for (const job of jobs) {
    const { origin, ...resource } = await resourceOf(aws, job);
    const descendants = origin ? await descendantsOf(aws, origin, tables) : [];
    items.push({ job, ...resource, descendants });
  }
  return items;
}

/**
 * The restore jobs from the SSN vault since the openings the audit log records began (and at least
 * the last RESTORE_LOOKBACK_DAYS days), each with what became of what it created, its copies, and
 * whether someone accepted it.
 */
export async function readRestoredData(
  rt: Runtime,
  state: DeployedState,
  records: readonly Record<string, unknown>[] = readAudit(rt.auditLogPath),
): Promise<RestoredData> {
  const now = rt.now();
  const audit = fromAuditLog(rt, state.vaultName, records);
  const lookback = new Date(now.getTime() - RESTORE_LOOKBACK_DAYS * 86_400_000);
  const since =
    audit.earliestOpen && Date.parse(audit.earliestOpen) < lookback.getTime()
      ? new Date(audit.earliestOpen)
      : lookback;
  const items = (await trackRestores(rt.aws, state.vaultArn, since)).map((item): RestoredItem => {
    const acceptance = audit.acceptanceOf(item.job);
    return { ...item, ...(acceptance ? { accepted: acceptance } : {}) };
  });
  return { since: isoSeconds(since), keyArn: state.key.arn, items };
}
