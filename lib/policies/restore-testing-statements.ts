import {
  ALERT_SID,
  type AlertPolicyContext,
  alertTopicArn,
  allowAlertKeyUse,
  allowPublishAlerts,
  allowWriteOwnLogs,
  restoreTestLogGroupArn,
} from './alert-statements';
import { policyDocument } from './documents';
import { RESTORE_KEY_ACTIONS } from './key-statements';
import { viaService, partitionOf } from './partition';
import { type PolicyJson, statement, type StatementJson } from './policy-json';
import { RESTORE_TESTING_PLAN_NAME } from '../stack-facts';

export { RESTORE_TESTING_PLAN_NAME } from '../stack-facts';

/**
 * Policies of restore testing: the role AWS Backup restores as, and the validation function's role.
 * Pure functions, one statement each, so that the stack, the tests and the IAM-engine proofs read the
 * same grants. Names are fixed, so the ARNs are literal.
 */

export const RESTORE_TESTING_SID = {
  restoreIntoTestTables: 'RestoreIntoRestoreTestTables',
  useGeneralKey: 'UseTheGeneralVaultKeyThroughDynamoDBAndBackup',
  grantsForAwsResources: 'CreateGrantsOnTheGeneralVaultKeyForAWSResources',
  describeGeneralKey: 'DescribeTheGeneralVaultKey',
  restoreJobs: 'ReadRestoreJobsAndReportValidation',
  readPlan: 'ReadTheRestoreTestingPlan',
  readTestTables: 'ReadRestoreTestTables',
  recordResults: 'RecordRestoreTestResultsAsEvidence',
  encryptRecords: 'EncryptEvidenceRecordsThroughS3',
} as const;

/** Where restore test results are recorded in the evidence bucket. */
export const RESTORE_TEST_RECORD_PREFIX = 'restore-tests';

/** The restore testing plan's one selection (names: letters, digits and underscores only). */
export const RESTORE_TESTING_SELECTION_NAME = 'general_vault_dynamodb_tables';

/**
 * The tables a restore test creates: AWS Backup names them `awsbackup-restore-test-` and a random
 * suffix (AWS Backup Developer Guide, "Restore testing inferred metadata", DynamoDB `targetTableName`).
 */
export const RESTORE_TEST_TABLE_PREFIX = 'awsbackup-restore-test-';

export function restoreTestTablesArn(region: string, accountId: string): string {
  return `arn:${partitionOf(region)}:dynamodb:${region}:${accountId}:table/${RESTORE_TEST_TABLE_PREFIX}*`;
}

/** The plan's ARN ends with a suffix AWS chooses: `restore-testing-plan:NAME-ID` (Service Authorization Reference). */
export function restoreTestingPlanArnPattern(region: string, accountId: string): string {
  return `arn:${partitionOf(region)}:backup:${region}:${accountId}:restore-testing-plan:${RESTORE_TESTING_PLAN_NAME}-*`;
}

/**
 * What a DynamoDB restore needs on the target table, from AWS's `AWSBackupServiceRolePolicyForRestores`
 * (its DynamoDB statements, v35) narrowed to the tables restore testing creates.
 */
export const DYNAMODB_RESTORE_ACTIONS = [
  'dynamodb:RestoreTableFromAwsBackup',
  'dynamodb:DescribeTable',
  'dynamodb:Scan',
  'dynamodb:Query',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
] as const;

export function allowRestoreIntoTestTables(sid: string, tablesArn: string): StatementJson {
  return statement({
    Sid: sid,
    Effect: 'Allow',
    Action: DYNAMODB_RESTORE_ACTIONS,
    Resource: tablesArn,
  });
}

/**
 * The general vault's key, only through DynamoDB or AWS Backup in the backup region: which of the two
 * calls KMS during a DynamoDB restore is not documented, so both are allowed. The SSN key is not named:
 * the SSN vault's recovery points cannot be decrypted by this role.
 */
export function allowGeneralKeyThroughServices(sid: string, keyArn: string, region: string): StatementJson {
  return statement({
    Sid: sid,
    Effect: 'Allow',
    Action: RESTORE_KEY_ACTIONS,
    Resource: keyArn,
    Condition: { StringEquals: { 'kms:ViaService': restoreViaServices(region) } },
  });
}

/** Grants on the general vault's key, only for AWS resources and only through DynamoDB or AWS Backup. */
export function allowGrantsForAwsResources(sid: string, keyArn: string, region: string): StatementJson {
  return statement({
    Sid: sid,
    Effect: 'Allow',
    Action: 'kms:CreateGrant',
    Resource: keyArn,
    Condition: {
      Bool: { 'kms:GrantIsForAWSResource': 'true' },
      StringEquals: { 'kms:ViaService': restoreViaServices(region) },
    },
  });
}

/** DynamoDB and AWS Backup in the backup region: which of the two calls KMS in a restore is not documented. */
function restoreViaServices(region: string): string[] {
  return ['dynamodb', 'backup'].map((service) => viaService(service, region));
}

export function allowDescribeKey(sid: string, keyArn: string): StatementJson {
  return statement({
    Sid: sid,
    Effect: 'Allow',
    Action: 'kms:DescribeKey',
    Resource: keyArn,
  });
}

/**
 * Restore jobs: read them and report a validation result. These actions take no resource
 * (Service Authorization Reference for AWS Backup: no resource type), hence `*`.
 */
export function allowRestoreJobValidation(sid: string): StatementJson {
  return statement({
    Sid: sid,
    Effect: 'Allow',
    Action: [
      'backup:DescribeRestoreJob',
      'backup:GetRestoreJobMetadata',
      'backup:ListRestoreJobs',
      'backup:PutRestoreValidationResult',
    ],
    Resource: '*',
  });
}

export function allowReadPlan(sid: string, planArnPattern: string): StatementJson {
  return statement({
    Sid: sid,
    Effect: 'Allow',
    Action: 'backup:GetRestoreTestingPlan',
    Resource: planArnPattern,
  });
}

/** Read the restored table: its description and one bounded scan. */
export function allowReadTestTables(sid: string, tablesArn: string): StatementJson {
  return statement({
    Sid: sid,
    Effect: 'Allow',
    Action: ['dynamodb:DescribeTable', 'dynamodb:Scan'],
    Resource: tablesArn,
  });
}

/** Add result records under the restore tests' prefix of the evidence bucket: write only, no read, no delete. */
export function allowRecordResults(sid: string, bucketArn: string): StatementJson {
  return statement({
    Sid: sid,
    Effect: 'Allow',
    Action: 's3:PutObject',
    Resource: `${bucketArn}/${RESTORE_TEST_RECORD_PREFIX}/*`,
  });
}

/** Encrypt those records with the evidence key, through S3 only (the bucket's default encryption). */
export function allowEvidenceKeyThroughS3(sid: string, keyArn: string, region: string): StatementJson {
  return statement({
    Sid: sid,
    Effect: 'Allow',
    Action: 'kms:GenerateDataKey',
    Resource: keyArn,
    Condition: { StringEquals: { 'kms:ViaService': viaService('s3', region) } },
  });
}

/** The role AWS Backup restores a test as: create the test table from the general vault, nothing else. */
export function restoreRolePolicy(
  { region, accountId }: AlertPolicyContext,
  generalKeyArn: string,
): PolicyJson {
  return policyDocument([
    allowRestoreIntoTestTables(
      RESTORE_TESTING_SID.restoreIntoTestTables,
      restoreTestTablesArn(region, accountId),
    ),
    allowGeneralKeyThroughServices(RESTORE_TESTING_SID.useGeneralKey, generalKeyArn, region),
    allowGrantsForAwsResources(RESTORE_TESTING_SID.grantsForAwsResources, generalKeyArn, region),
    allowDescribeKey(RESTORE_TESTING_SID.describeGeneralKey, generalKeyArn),
  ]);
}

/** The validation function: read restore jobs and test tables, report, alert, write its logs. */
export function restoreValidationPolicy(
  { region, accountId }: AlertPolicyContext,
  alertKeyArn: string,
  evidence: { readonly bucketArn: string; readonly keyArn: string },
): PolicyJson {
  return policyDocument([
    allowRestoreJobValidation(RESTORE_TESTING_SID.restoreJobs),
    allowReadPlan(RESTORE_TESTING_SID.readPlan, restoreTestingPlanArnPattern(region, accountId)),
    allowReadTestTables(RESTORE_TESTING_SID.readTestTables, restoreTestTablesArn(region, accountId)),
    allowPublishAlerts(ALERT_SID.publishAlerts, alertTopicArn(region, accountId)),
    allowAlertKeyUse(ALERT_SID.encryptAlerts, alertKeyArn, region),
    allowWriteOwnLogs(ALERT_SID.writeLogs, restoreTestLogGroupArn(region, accountId)),
    allowRecordResults(RESTORE_TESTING_SID.recordResults, evidence.bucketArn),
    allowEvidenceKeyThroughS3(RESTORE_TESTING_SID.encryptRecords, evidence.keyArn, region),
  ]);
}
