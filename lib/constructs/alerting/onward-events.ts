import * as events from 'aws-cdk-lib/aws-events';
import { RESTORE_TESTING_PLAN_NAME } from '../../policies/restore-testing-statements';
import { CLOUDTRAIL_API_CALL, callerLines } from './audit-events';

/**
 * EventBridge patterns and messages for the paths by which data restored from the SSN vault could be
 * copied onward in the backup account without an opening: AWS Backup backups into a vault, DynamoDB's
 * own backups, point-in-time recovery, exports, restores and replicas, and restore testing plans (one
 * that selects the SSN vault restores SSN data on its own schedule). All are CloudTrail write
 * management events, which reach the default event bus of the Region of the call as "AWS API Call via
 * CloudTrail" and match an ENABLED rule (Amazon EventBridge User Guide, "AWS service events delivered
 * via AWS CloudTrail": read-only management events need another rule state; DynamoDB's item-level
 * calls are data events, delivered only where a trail logs them, and not watched here). They are
 * matched account-wide: a table's name does not say whether it holds restored SSN data.
 */

/**
 * AWS Backup calls that put data into a vault of this account: a backup job, and the backup plans and
 * selections that start jobs on their own. The vaults take only copies, so every one is unexpected.
 */
export const BACKUP_INTO_VAULT_EVENTS = [
  'StartBackupJob',
  'CreateBackupPlan',
  'UpdateBackupPlan',
  'CreateBackupSelection',
] as const;

/** Restore testing plans and selections created, updated or deleted (AWS Backup API names). */
export const RESTORE_TESTING_CHANGE_EVENTS = [
  'CreateRestoreTestingPlan',
  'UpdateRestoreTestingPlan',
  'DeleteRestoreTestingPlan',
  'CreateRestoreTestingSelection',
  'UpdateRestoreTestingSelection',
  'DeleteRestoreTestingSelection',
] as const;

/**
 * DynamoDB calls that copy a table's data onward or share it (Amazon DynamoDB API reference):
 * an on-demand backup (kept after the table is deleted), point-in-time recovery turned on or off,
 * an export to S3, a restore from a backup or a point in time, a replica of a global table of
 * version 2017.11.29 (CreateGlobalTable, UpdateGlobalTable), and a resource-based policy that
 * lets other principals read it.
 */
export const TABLE_ONWARD_EVENTS = [
  'CreateBackup',
  'UpdateContinuousBackups',
  'ExportTableToPointInTime',
  'RestoreTableFromBackup',
  'RestoreTableToPointInTime',
  'CreateGlobalTable',
  'UpdateGlobalTable',
  'PutResourcePolicy',
] as const;

/**
 * A replica of a global table of the current version (2019.11.21) is added by `UpdateTable` with a
 * `ReplicaUpdates` entry `Create` (CloudTrail: `requestParameters.replicaUpdates[].create.regionName`).
 * `dynamodb:CreateTableReplica` is only the permission that call needs in the replica's Region, not
 * an API call of its own. Other `UpdateTable` calls (capacity, indexes, streams) are not matched.
 */
export const REPLICA_UPDATE_EVENT = 'UpdateTable';

export function backupIntoVaultPattern(): events.EventPattern {
  return {
    source: ['aws.backup'],
    detailType: [CLOUDTRAIL_API_CALL],
    detail: { eventSource: ['backup.amazonaws.com'], eventName: [...BACKUP_INTO_VAULT_EVENTS] },
  };
}

export function restoreTestingChangePattern(): events.EventPattern {
  return {
    source: ['aws.backup'],
    detailType: [CLOUDTRAIL_API_CALL],
    detail: { eventSource: ['backup.amazonaws.com'], eventName: [...RESTORE_TESTING_CHANGE_EVENTS] },
  };
}

export function tableOnwardPattern(): events.EventPattern {
  return {
    source: ['aws.dynamodb'],
    detailType: [CLOUDTRAIL_API_CALL],
    detail: {
      eventSource: ['dynamodb.amazonaws.com'],
      $or: [
        { eventName: [...TABLE_ONWARD_EVENTS] },
        {
          eventName: [REPLICA_UPDATE_EVENT],
          requestParameters: { replicaUpdates: { create: { regionName: [{ exists: true }] } } },
        },
      ],
    },
  };
}

const field = (path: string) => events.EventField.fromPath(path);
const request = (...names: string[]) => names.map((n) => field(`$.detail.requestParameters.${n}`)).join('');

export function backupIntoVaultMessage(): string {
  return [
    `${field('$.detail.eventName')} was called in the backup account: vault ${request('backupVaultName')}, resource ${request('resourceArn')}, plan ${request('backupPlanId', 'backupPlan.backupPlanName')}.`,
    ...callerLines(),
    'The vaults take only copies from the environment account: nothing in this account is meant to be backed up. A backup of a table restored from the SSN vault would keep SSN data outside the seal: unless this was planned and approved, treat it as an incident.',
  ].join('\n');
}

export function restoreTestingChangeMessage(): string {
  return [
    `${field('$.detail.eventName')} was called in the backup account: restore testing plan ${request('restoreTestingPlanName', 'restoreTestingPlan.restoreTestingPlanName')}, selection ${request('restoreTestingSelectionName', 'restoreTestingSelection.restoreTestingSelectionName')}.`,
    ...callerLines(),
    `A restore testing plan restores recovery points on its own schedule, without an opening: one whose vaults include the SSN vault would restore SSN data. Changes to ${RESTORE_TESTING_PLAN_NAME} are expected when the stack is deployed (invoked by CloudFormation); any other change, unless planned and approved, is an incident: check the plan's vaults (aws backup get-restore-testing-plan).`,
  ].join('\n');
}

export function tableOnwardMessage(): string {
  return [
    `${field('$.detail.eventName')} was called on DynamoDB in the backup account: table ${request('tableName', 'tableArn', 'sourceTableName', 'sourceTableArn', 'globalTableName', 'resourceArn')}, backup ${request('backupArn')}, new table ${request('targetTableName')}, export bucket ${request('s3Bucket')}.`,
    ...callerLines(),
    "This copies or shares a table's data onward (a backup, point-in-time recovery, an export, a restore, a replica, a resource policy). If the table holds data restored from the SSN vault, that data leaves the seal: unless this was planned and approved, treat it as an incident. Calls that AWS Backup makes itself (invoked by backup.amazonaws.com) on a restore test's table (awsbackup-restore-test-…) are routine.",
  ].join('\n');
}
