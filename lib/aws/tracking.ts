import { ListRecoveryPointsByResourceCommand, ListRestoreJobsCommand } from '@aws-sdk/client-backup';
import {
  DeleteTableCommand,
  DescribeContinuousBackupsCommand,
  DescribeExportCommand,
  DescribeTableCommand,
  ListBackupsCommand,
  ListExportsCommand,
  ListTablesCommand,
} from '@aws-sdk/client-dynamodb';
import type { AwsClients } from './clients';
import { allPages, iso, unless } from './calls';

/**
 * The read calls that follow restored SSN data through the account (restore jobs, DynamoDB tables,
 * their backups, point-in-time recovery, exports and the recovery points of them in any vault), and
 * the one write, DeleteTable. `break-glass` and `doctor` both use them; the drill reads its tables
 * with `describeTable` too.
 */

/** One restore job, as ListRestoreJobs reports it. */
export interface RestoreJob {
  readonly restoreJobId: string;
  readonly backupVaultArn: string | undefined;
  readonly recoveryPointArn: string | undefined;
  readonly status: string;
  readonly statusMessage: string | undefined;
  readonly createdAt: string | undefined;
  /** The role the restore ran as. */
  readonly iamRoleArn: string | undefined;
  /** What the restore created (a DynamoDB table ARN); unknown until the job has created it. */
  readonly createdResourceArn: string | undefined;
  readonly resourceType: string | undefined;
}

/** Where a restored table came from (DescribeTable's RestoreSummary). */
export interface RestoreSummary {
  readonly sourceBackupArn: string | undefined;
  readonly sourceTableArn: string | undefined;
  readonly restoredAt: string | undefined;
  readonly inProgress: boolean;
}

/** A DynamoDB table, as DescribeTable reports it. */
export interface Table {
  readonly name: string;
  readonly arn: string;
  /** Unique to this table: a table created later under the same name has another. */
  readonly tableId: string | undefined;
  readonly status: string;
  readonly createdAt: string | undefined;
  /** The KMS key the table is encrypted with (SSEDescription); undefined for an AWS owned key. */
  readonly kmsKeyArn: string | undefined;
  /** Present only for a table that a restore created. */
  readonly restoreSummary: RestoreSummary | undefined;
  /** The Regions of its global table replicas. */
  readonly replicaRegions: readonly string[];
}

/** A DynamoDB backup (on-demand, system, or AWS Backup's), as ListBackups reports it. */
export interface TableBackup {
  readonly backupArn: string;
  readonly tableName: string | undefined;
  readonly tableId: string | undefined;
  readonly createdAt: string | undefined;
  readonly status: string;
  readonly type: string;
}

export interface PointInTimeRecovery {
  readonly enabled: boolean;
  readonly earliest: string | undefined;
  readonly latest: string | undefined;
}

/** An export of a table to S3 (ListExports, then DescribeExport). */
export interface TableExport {
  readonly exportArn: string;
  readonly tableId: string | undefined;
  readonly status: string;
  readonly startedAt: string | undefined;
  readonly s3Bucket: string | undefined;
}

/** A recovery point of a resource, in any vault of the account (ListRecoveryPointsByResource). */
export interface ResourceRecoveryPoint {
  readonly recoveryPointArn: string;
  readonly vaultName: string | undefined;
  readonly createdAt: string | undefined;
  readonly status: string;
}

export interface TrackingAws {
  /** Every restore job created after `createdAfter`, all pages. */
  listRestoreJobs(createdAfter: Date): Promise<RestoreJob[]>;
  /** The table; undefined when there is none by that name. */
  describeTable(tableName: string): Promise<Table | undefined>;
  /** The names of every table in the Region, all pages. */
  listTableNames(): Promise<string[]>;
  /** Every backup of tables of that name (any type, deleted tables included), all pages. */
  listBackups(tableName: string): Promise<TableBackup[]>;
  /** Point-in-time recovery of the table; undefined when the table does not exist. */
  pointInTimeRecovery(tableName: string): Promise<PointInTimeRecovery | undefined>;
  /** Every export of the table ARN, all pages. */
  listExports(tableArn: string): Promise<TableExport[]>;
  /** Every recovery point of the resource ARN in any vault, all pages. */
  listRecoveryPointsByResource(resourceArn: string): Promise<ResourceRecoveryPoint[]>;
  /** Deletes the table by its ARN. */
  deleteTable(tableArn: string): Promise<void>;
}

/** The tracking calls that only read (the health check makes these). */
export type TrackingReads = Omit<TrackingAws, 'deleteTable'>;

export function trackingAws(clients: Pick<AwsClients, 'backup' | 'dynamodb'>): TrackingAws {
  return {
    listRestoreJobs: (createdAfter) =>
      allPages(async (NextToken) => {
        const out = await clients.backup.send(
          new ListRestoreJobsCommand({ ByCreatedAfter: createdAfter, NextToken }),
        );
        return {
          next: out.NextToken,
          items: (out.RestoreJobs ?? []).map((job) => {
            if (!job.RestoreJobId) throw new Error('AWS returned no restore job ID');
            return {
              restoreJobId: job.RestoreJobId,
              backupVaultArn: job.BackupVaultArn,
              recoveryPointArn: job.RecoveryPointArn,
              status: job.Status ?? 'UNKNOWN',
              statusMessage: job.StatusMessage,
              createdAt: iso(job.CreationDate),
              iamRoleArn: job.IamRoleArn,
              createdResourceArn: job.CreatedResourceArn,
              resourceType: job.ResourceType,
            };
          }),
        };
      }),
    async describeTable(tableName) {
      const out = await unless(['ResourceNotFoundException'], () =>
        clients.dynamodb.send(new DescribeTableCommand({ TableName: tableName })),
      );
      if (out === undefined) return undefined;
      const table = out.Table;
      if (!table?.TableArn) throw new Error(`AWS returned no ARN for table ${tableName}`);
      const restore = table.RestoreSummary;
      return {
        name: table.TableName ?? tableName,
        arn: table.TableArn,
        tableId: table.TableId,
        status: table.TableStatus ?? 'UNKNOWN',
        createdAt: iso(table.CreationDateTime),
        kmsKeyArn: table.SSEDescription?.KMSMasterKeyArn,
        restoreSummary: restore && {
          sourceBackupArn: restore.SourceBackupArn,
          sourceTableArn: restore.SourceTableArn,
          restoredAt: iso(restore.RestoreDateTime),
          inProgress: restore.RestoreInProgress === true,
        },
        replicaRegions: (table.Replicas ?? []).flatMap((r) => (r.RegionName ? [r.RegionName] : [])),
      };
    },
    listTableNames: () =>
      allPages(async (ExclusiveStartTableName) => {
        const out = await clients.dynamodb.send(new ListTablesCommand({ ExclusiveStartTableName }));
        return { items: out.TableNames ?? [], next: out.LastEvaluatedTableName };
      }),
    listBackups: (tableName) =>
      allPages(async (ExclusiveStartBackupArn) => {
        const out = await clients.dynamodb.send(
          new ListBackupsCommand({ TableName: tableName, BackupType: 'ALL', ExclusiveStartBackupArn }),
        );
        return {
          next: out.LastEvaluatedBackupArn,
          items: (out.BackupSummaries ?? []).flatMap((b) =>
            b.BackupArn
              ? [
                  {
                    backupArn: b.BackupArn,
                    tableName: b.TableName,
                    tableId: b.TableId,
                    createdAt: iso(b.BackupCreationDateTime),
                    status: b.BackupStatus ?? 'UNKNOWN',
                    type: b.BackupType ?? 'UNKNOWN',
                  },
                ]
              : [],
          ),
        };
      }),
    async pointInTimeRecovery(tableName) {
      const out = await unless(['TableNotFoundException'], () =>
        clients.dynamodb.send(new DescribeContinuousBackupsCommand({ TableName: tableName })),
      );
      if (out === undefined) return undefined;
      const pitr = out.ContinuousBackupsDescription?.PointInTimeRecoveryDescription;
      return {
        enabled: pitr?.PointInTimeRecoveryStatus === 'ENABLED',
        earliest: iso(pitr?.EarliestRestorableDateTime),
        latest: iso(pitr?.LatestRestorableDateTime),
      };
    },
    async listExports(tableArn) {
      const arns = await allPages(async (NextToken) => {
        const out = await clients.dynamodb.send(new ListExportsCommand({ TableArn: tableArn, NextToken }));
        return {
          next: out.NextToken,
          items: (out.ExportSummaries ?? []).flatMap((e) => (e.ExportArn ? [e.ExportArn] : [])),
        };
      });
      const exports: TableExport[] = [];
      for (const exportArn of arns) {
        const d = (await clients.dynamodb.send(new DescribeExportCommand({ ExportArn: exportArn })))
          .ExportDescription;
        exports.push({
          exportArn,
          tableId: d?.TableId,
          status: d?.ExportStatus ?? 'UNKNOWN',
          startedAt: iso(d?.StartTime),
          s3Bucket: d?.S3Bucket,
        });
      }
      return exports;
    },
    listRecoveryPointsByResource: (resourceArn) =>
      allPages(async (NextToken) => {
        const out = await clients.backup.send(
          new ListRecoveryPointsByResourceCommand({ ResourceArn: resourceArn, NextToken }),
        );
        return {
          next: out.NextToken,
          items: (out.RecoveryPoints ?? []).flatMap((p) =>
            p.RecoveryPointArn
              ? [
                  {
                    recoveryPointArn: p.RecoveryPointArn,
                    vaultName: p.BackupVaultName,
                    createdAt: iso(p.CreationDate),
                    status: p.Status ?? 'UNKNOWN',
                  },
                ]
              : [],
          ),
        };
      }),
    async deleteTable(tableArn) {
      // DeleteTable takes a table ARN as its TableName.
      await clients.dynamodb.send(new DeleteTableCommand({ TableName: tableArn }));
    },
  };
}
