import type { RestoreJob, Table, TrackingReads } from '../aws';

/**
 * Restored SSN data can be copied onward inside the account without an opening: an on-demand
 * backup, point-in-time recovery and restores from it, an export to S3, a replica, a backup job into
 * any vault, and tables restored from any of these. This module finds every such copy that exists.
 */

export type DescendantKind =
  | 'backup'
  | 'point-in-time-recovery'
  | 'export'
  | 'replica'
  | 'table'
  | 'recovery-point';

/** A copy of restored data that exists in the account (or, for a replica, in another Region). */
export interface Descendant {
  readonly kind: DescendantKind;
  /** Its ARN; for point-in-time recovery and replicas, the table ARN with what it is. */
  readonly id: string;
  /** The table it was made from. */
  readonly of: string;
  readonly createdAt?: string;
  /** What an operator needs to find it: status, type, vault, bucket. */
  readonly detail: string;
}

/** A table whose copies are looked for, and how to tell its copies from those of a namesake. */
export interface Origin {
  readonly arn: string;
  readonly name: string;
  /** Copies made before this instant are not of this table. */
  readonly since: string | undefined;
  /** The table's own ID, when it still exists: copies that carry another ID are not its. */
  readonly tableId?: string;
  /** A later table under the same name: its ID, and from when copies are its rather than ours. */
  readonly namesake?: { readonly tableId: string | undefined; readonly createdAt: string | undefined };
  /** The table as it is now, when it exists (point-in-time recovery and replicas live on it). */
  readonly live?: Table;
}

/** Whether the job's restore created this table: RestoreSummary names the job's recovery point, and the table is not older than the job. */
export function restoreMismatch(table: Table, job: RestoreJob): string | undefined {
  const summary = table.restoreSummary;
  if (!summary) return 'it has no RestoreSummary (it was created, not restored)';
  if (!job.recoveryPointArn || summary.sourceBackupArn !== job.recoveryPointArn) {
    const source = summary.sourceBackupArn ?? summary.sourceTableArn ?? 'an unknown source';
    return `it was restored from ${source}, not from the job's recovery point ${job.recoveryPointArn ?? '(unknown)'}`;
  }
  // RestoreDateTime is the backup's point in time, not when the restore ran: the table's creation is.
  if (!table.createdAt || !job.createdAt) return "its creation time or the job's is unknown";
  if (Date.parse(table.createdAt) < Date.parse(job.createdAt))
    return `it was created at ${table.createdAt}, before the job (${job.createdAt})`;
  return undefined;
}

const atOrAfter = (time: string | undefined, bound: string | undefined) =>
  time === undefined || bound === undefined || Date.parse(time) >= Date.parse(bound);

/** Whether a copy (with the table ID it carries, if any, and its time) was made of `origin`. */
function ofOrigin(origin: Origin, tableId: string | undefined, time: string | undefined): boolean {
  if (tableId !== undefined && origin.tableId !== undefined) return tableId === origin.tableId;
  if (tableId !== undefined && origin.namesake?.tableId === tableId) return false;
  if (!atOrAfter(time, origin.since)) return false;
  const namesakeFrom = origin.namesake?.createdAt;
  return namesakeFrom === undefined || time === undefined || Date.parse(time) < Date.parse(namesakeFrom);
}

/** Every table of the Region, described once per run however many origins ask. */
export function tableIndex(aws: TrackingReads): () => Promise<Table[]> {
  let all: Promise<Table[]> | undefined;
  return () => {
    all ??= aws.listTableNames().then(async (names) => {
      const tables: Table[] = [];
      for (const name of names) {
        const table = await aws.describeTable(name);
        if (table) tables.push(table);
      }
      return tables;
    });
    return all;
  };
}

const tableKey = (t: { arn: string; tableId?: string }) => t.tableId ?? t.arn;

/**
 * The copies of `root` that exist, and the copies of those, breadth first. Tables restored from any
 * copy (or restored from a copied table's point-in-time recovery) are followed in turn.
 */
export async function descendantsOf(
  aws: TrackingReads,
  root: Origin,
  tables: () => Promise<Table[]>,
): Promise<Descendant[]> {
  const found: Descendant[] = [];
  const sources = new Set<string>();
  const seen = new Set<string>([tableKey(root.live ?? root)]);
  const queue: Origin[] = [root];
  for (let origin = queue.shift(); origin; origin = queue.shift()) {
    const of = origin.arn;
    if (origin.live) {
      const pitr = await aws.pointInTimeRecovery(origin.name);
      if (pitr?.enabled)
        found.push({
          kind: 'point-in-time-recovery',
          id: `${of} point-in-time recovery`,
          of,
          detail: `restorable from ${pitr.earliest ?? '?'} to ${pitr.latest ?? '?'}`,
        });
      for (const region of origin.live.replicaRegions)
        found.push({ kind: 'replica', id: `${of} replica in ${region}`, of, detail: `replica in ${region}` });
    }
    for (const b of await aws.listBackups(origin.name)) {
      if (b.status === 'DELETED' || !ofOrigin(origin, b.tableId, b.createdAt)) continue;
      sources.add(b.backupArn);
      found.push({
        kind: 'backup',
        id: b.backupArn,
        of,
        createdAt: b.createdAt,
        detail: `DynamoDB backup, ${b.type}, ${b.status}`,
      });
    }
    for (const e of await aws.listExports(origin.arn)) {
      if (e.status === 'FAILED' || !ofOrigin(origin, e.tableId, e.startedAt)) continue;
      found.push({
        kind: 'export',
        id: e.exportArn,
        of,
        createdAt: e.startedAt,
        detail: `export to S3 bucket ${e.s3Bucket ?? '?'}, ${e.status}`,
      });
    }
    for (const p of await aws.listRecoveryPointsByResource(origin.arn)) {
      if (p.status === 'DELETING' || !ofOrigin(origin, undefined, p.createdAt)) continue;
      sources.add(p.recoveryPointArn);
      found.push({
        kind: 'recovery-point',
        id: p.recoveryPointArn,
        of,
        createdAt: p.createdAt,
        detail: `recovery point in vault ${p.vaultName ?? '?'}, ${p.status}`,
      });
    }
    for (const t of await tables()) {
      const summary = t.restoreSummary;
      if (!summary || seen.has(tableKey(t)) || t.status === 'DELETING') continue;
      const fromCopy = summary.sourceBackupArn !== undefined && sources.has(summary.sourceBackupArn);
      const fromPointInTime =
        summary.sourceBackupArn === undefined &&
        summary.sourceTableArn === of &&
        ofOrigin(origin, undefined, summary.restoredAt);
      if (!fromCopy && !fromPointInTime) continue;
      seen.add(tableKey(t));
      found.push({
        kind: 'table',
        id: t.arn,
        of,
        createdAt: t.createdAt,
        detail: `table restored from ${summary.sourceBackupArn ?? `${of} at ${summary.restoredAt ?? '?'}`}`,
      });
      queue.push({ arn: t.arn, name: t.name, since: t.createdAt, tableId: t.tableId, live: t });
    }
  }
  return found;
}
