import type { RestoreJob } from './aws';
import { readAudit } from './audit';
import type { Runtime } from './runtime';
import { type DeployedState, isoSeconds } from './state';

/**
 * Restored SSN data is part of the state: a restore made during an opening creates a DynamoDB
 * table in this account, which the SSN key's DENY does not guard (reads through DynamoDB carry
 * kms:ViaService). Only an opening can restore from the SSN vault, so every restore job from it
 * is one of an opening's.
 */

/** How far back restore jobs are listed at least; further when the audit log names an earlier opening. */
export const RESTORE_LOOKBACK_DAYS = 30;

/** What became of what a restore job created. */
export type ResourceState =
  /** The restored table exists. */
  | 'exists'
  /** It was deleted (or is being deleted). */
  | 'deleted'
  /** The job is still running: a table may appear. */
  | 'pending'
  /** The job created nothing (failed or aborted without a resource). */
  | 'none'
  /** Not a DynamoDB table: the tool cannot tell, so it counts as remaining. */
  | 'unknown';

/** Someone took responsibility for the restored data staying (close --accept-restored). */
export interface Acceptance {
  readonly time: string;
  readonly by: string;
  readonly reason: string;
}

export interface RestoredItem {
  readonly job: RestoreJob;
  readonly resource: ResourceState;
  readonly accepted?: Acceptance;
}

export interface RestoredData {
  /** Restore jobs created after this instant were listed. */
  readonly since: string;
  /** Restore jobs from the SSN vault (jobs from other vaults are left out). */
  readonly items: readonly RestoredItem[];
}

const DYNAMODB_TABLE = /^arn:[^:]+:dynamodb:[^:]*:\d{12}:table\/([A-Za-z0-9_.-]{3,255})$/;

/** The table name of a DynamoDB table ARN; undefined for anything else. */
export function tableNameOf(arn: string): string | undefined {
  return DYNAMODB_TABLE.exec(arn)?.[1];
}

/** Whether the restored data still needs someone's attention (exists, may appear, or cannot be told). */
export function remains(item: RestoredItem): boolean {
  return item.resource === 'exists' || item.resource === 'pending' || item.resource === 'unknown';
}

/** The items that keep emergency access from being over: remaining, and not accepted. */
export function outstanding(data: RestoredData): RestoredItem[] {
  return data.items.filter((item) => remains(item) && item.accepted === undefined);
}

const IN_PROGRESS = new Set(['CREATED', 'PENDING', 'RUNNING']);

async function resourceState(rt: Runtime, job: RestoreJob): Promise<ResourceState> {
  if (job.createdResourceArn === undefined) return IN_PROGRESS.has(job.status) ? 'pending' : 'none';
  const table = tableNameOf(job.createdResourceArn);
  if (table === undefined) return 'unknown';
  return (await rt.aws.tableExists(table)) ? 'exists' : 'deleted';
}

/** The start of the earliest opening that the audit log records, if any, and the acceptances. */
function fromAuditLog(rt: Runtime, vaultName: string) {
  let earliestOpen: string | undefined;
  const accepted = new Map<string, Acceptance>();
  for (const record of readAudit(rt.auditLogPath)) {
    if (record.account !== rt.config.backupAccountId || record.vaultName !== vaultName) continue;
    const time = String(record.time);
    if (record.command === 'open' && record.outcome === 'applied' && (!earliestOpen || time < earliestOpen))
      earliestOpen = time;
    if (record.outcome === 'accepted-restored' && Array.isArray(record.resources)) {
      const caller = record.caller as { arn?: string } | undefined;
      for (const arn of record.resources)
        accepted.set(String(arn), {
          time,
          by: caller?.arn ?? 'unknown',
          reason: String(record.reason ?? ''),
        });
    }
  }
  return { earliestOpen, accepted };
}

/**
 * The restore jobs from the SSN vault since the openings the audit log records began (and at least
 * the last RESTORE_LOOKBACK_DAYS days), each with what became of what it created.
 */
export async function readRestoredData(rt: Runtime, state: DeployedState): Promise<RestoredData> {
  const now = rt.now();
  const { earliestOpen, accepted } = fromAuditLog(rt, state.vaultName);
  const lookback = new Date(now.getTime() - RESTORE_LOOKBACK_DAYS * 86_400_000);
  const since =
    earliestOpen && Date.parse(earliestOpen) < lookback.getTime() ? new Date(earliestOpen) : lookback;
  const jobs = (await rt.aws.listRestoreJobs(since)).filter((job) => job.backupVaultArn === state.vaultArn);
  const items = await Promise.all(
    jobs.map(async (job): Promise<RestoredItem> => {
      const acceptance = job.createdResourceArn ? accepted.get(job.createdResourceArn) : undefined;
      return { job, resource: await resourceState(rt, job), ...(acceptance ? { accepted: acceptance } : {}) };
    }),
  );
  return { since: isoSeconds(since), items };
}
