/**
 * Restored data for the fake account: restore jobs from the SSN vault, the tables they create (with
 * the RestoreSummary DynamoDB records), and copies of them.
 */
import type { ResourceRecoveryPoint, RestoreJob, Table, TableBackup, TableExport } from '../../lib/aws';
import { ACCOUNT, type FakeAws, KEY_ARN, RESTORER, VAULT_ARN } from './fixture';

export const tableArn = (name: string) => `arn:aws:dynamodb:us-west-2:${ACCOUNT}:table/${name}`;
export const recoveryPoint = (id: string) => `arn:aws:backup:us-west-2:${ACCOUNT}:recovery-point:${id}`;
export const RESTORED = 'licensee-ssn-restored';
export const RESTORED_ARN = tableArn(RESTORED);
export const JOB_CREATED = new Date('2030-03-01T09:30:00Z');
export const SOURCE_TABLE = 'arn:aws:dynamodb:us-west-2:000011112222:table/licensee-ssn';

/** A restore job from the SSN vault, completed, that restored `RESTORED` from recovery point `rp-<id>`. */
export function restoreJob(id: string, fields: Partial<RestoreJob> = {}): RestoreJob {
  return {
    restoreJobId: id,
    backupVaultArn: VAULT_ARN,
    recoveryPointArn: recoveryPoint(`rp-${id}`),
    status: 'COMPLETED',
    statusMessage: undefined,
    createdAt: JOB_CREATED.toISOString(),
    iamRoleArn: RESTORER,
    createdResourceArn: RESTORED_ARN,
    resourceType: 'DynamoDB',
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
): Table {
  return {
    name,
    arn: tableArn(name),
    tableId: fields.id ?? `id-${name}`,
    status: 'ACTIVE',
    createdAt: (fields.created ?? new Date('2030-03-01T09:40:00Z')).toISOString(),
    kmsKeyArn: fields.key === null ? undefined : (fields.key ?? KEY_ARN),
    restoreSummary: fields.from
      ? {
          sourceBackupArn: fields.from.backup,
          sourceTableArn: fields.from.table ?? SOURCE_TABLE,
          restoredAt: (fields.from.at ?? new Date('2030-02-28T05:00:00Z')).toISOString(),
          inProgress: false,
        }
      : undefined,
    replicaRegions: fields.replicas ?? [],
  };
}

/** The table that job `id` restored, as it exists. */
export const restoredBy = (id: string, name = RESTORED, fields: Parameters<typeof table>[1] = {}) =>
  table(name, { from: { backup: recoveryPoint(`rp-${id}`) }, ...fields });

export function addTable(fake: FakeAws, description: Table): Table {
  fake.tables.set(description.name, description);
  return description;
}

export function backupOf(t: Table, suffix: string, fields: Partial<TableBackup> = {}): TableBackup {
  return {
    tableName: t.name,
    tableId: t.tableId,
    backupArn: `${t.arn}/backup/${suffix}`,
    createdAt: '2030-03-01T09:45:00.000Z',
    status: 'AVAILABLE',
    type: 'USER',
    ...fields,
  };
}

export function exportOf(t: Table, suffix: string, fields: Partial<TableExport> = {}): TableExport {
  return {
    exportArn: `${t.arn}/export/${suffix}`,
    status: 'COMPLETED',
    tableId: t.tableId,
    startedAt: '2030-03-01T09:46:00.000Z',
    s3Bucket: 'exports-bucket',
    ...fields,
  };
}

export function recoveryPointOf(
  fake: FakeAws,
  arn: string,
  point: Partial<ResourceRecoveryPoint> & Pick<ResourceRecoveryPoint, 'recoveryPointArn'>,
): void {
  const full = { vaultName: undefined, createdAt: undefined, status: 'COMPLETED', ...point };
  fake.recoveryPoints.set(arn, [...(fake.recoveryPoints.get(arn) ?? []), full]);
}
