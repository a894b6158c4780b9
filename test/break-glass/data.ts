/**
 * Restored data for the fake account: restore jobs from the SSN vault, the tables they create (with
 * the RestoreSummary DynamoDB records), and copies of them.
 */
import type { RecoveryPointByResource, RestoreJobsListMember } from '@aws-sdk/client-backup';
import type { BackupSummary, ExportDescription, TableDescription } from '@aws-sdk/client-dynamodb';
import { ACCOUNT, type FakeAws, KEY_ARN, RESTORER, VAULT_ARN } from './fixture';

export const tableArn = (name: string) => `arn:aws:dynamodb:us-west-2:${ACCOUNT}:table/${name}`;
export const recoveryPoint = (id: string) => `arn:aws:backup:us-west-2:${ACCOUNT}:recovery-point:${id}`;
export const RESTORED = 'licensee-ssn-restored';
export const RESTORED_ARN = tableArn(RESTORED);
export const JOB_CREATED = new Date('2030-03-01T09:30:00Z');
export const SOURCE_TABLE = 'arn:aws:dynamodb:us-west-2:000011112222:table/licensee-ssn';

/** A restore job from the SSN vault, completed, that restored `RESTORED` from recovery point `rp-<id>`. */
export function restoreJob(id: string, fields: Partial<RestoreJobsListMember> = {}): RestoreJobsListMember {
  return {
    RestoreJobId: id,
    BackupVaultArn: VAULT_ARN,
    RecoveryPointArn: recoveryPoint(`rp-${id}`),
    Status: 'COMPLETED',
    CreationDate: JOB_CREATED,
    IamRoleArn: RESTORER,
    CreatedResourceArn: RESTORED_ARN,
    ResourceType: 'DynamoDB',
    ...fields,
  };
}

/** A table as DescribeTable reports it; restored from `from` when given. */
export function table(
  name: string,
  fields: {
    readonly id?: string;
    readonly created?: Date;
    readonly from?: { backup?: string; table?: string; at?: Date };
    readonly key?: string | null;
    readonly replicas?: string[];
  } = {},
): TableDescription {
  return {
    TableName: name,
    TableArn: tableArn(name),
    TableId: fields.id ?? `id-${name}`,
    TableStatus: 'ACTIVE',
    CreationDateTime: fields.created ?? new Date('2030-03-01T09:40:00Z'),
    ...(fields.key === null
      ? {}
      : { SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: fields.key ?? KEY_ARN } }),
    ...(fields.from
      ? {
          RestoreSummary: {
            SourceBackupArn: fields.from.backup,
            SourceTableArn: fields.from.table ?? SOURCE_TABLE,
            RestoreDateTime: fields.from.at ?? new Date('2030-02-28T05:00:00Z'),
            RestoreInProgress: false,
          },
        }
      : {}),
    ...(fields.replicas
      ? { Replicas: fields.replicas.map((RegionName) => ({ RegionName, ReplicaStatus: 'ACTIVE' })) }
      : {}),
  };
}

/** The table that job `id` restored, as it exists. */
export const restoredBy = (id: string, name = RESTORED, fields: Parameters<typeof table>[1] = {}) =>
  table(name, { from: { backup: recoveryPoint(`rp-${id}`) }, ...fields });

export function addTable(fake: FakeAws, description: TableDescription): TableDescription {
  fake.tables.set(description.TableName!, description);
  return description;
}

export function backupOf(
  t: TableDescription,
  suffix: string,
  fields: Partial<BackupSummary> = {},
): BackupSummary {
  return {
    TableName: t.TableName,
    TableId: t.TableId,
    TableArn: t.TableArn,
    BackupArn: `${t.TableArn}/backup/${suffix}`,
    BackupCreationDateTime: new Date('2030-03-01T09:45:00Z'),
    BackupStatus: 'AVAILABLE',
    BackupType: 'USER',
    ...fields,
  };
}

export function exportOf(
  t: TableDescription,
  suffix: string,
  fields: Partial<ExportDescription> = {},
): ExportDescription {
  return {
    ExportArn: `${t.TableArn}/export/${suffix}`,
    ExportStatus: 'COMPLETED',
    TableArn: t.TableArn,
    TableId: t.TableId,
    StartTime: new Date('2030-03-01T09:46:00Z'),
    S3Bucket: 'exports-bucket',
    ...fields,
  };
}

export function recoveryPointOf(fake: FakeAws, arn: string, point: RecoveryPointByResource): void {
  fake.recoveryPoints.set(arn, [...(fake.recoveryPoints.get(arn) ?? []), point]);
}
