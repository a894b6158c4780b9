import { allowAccountAdministration, denyGrantsNotForAwsServices } from './key-statements';
import { backupVaultArn, viaService, partitionOf } from './partition';
import { policyDocument } from './documents';
import { ANY_PRINCIPAL, type PolicyJson, statement, type StatementJson } from './policy-json';
import { SID } from './sids';
import { alertTopicArn } from '../stack-facts';

export { ALERT_TOPIC_NAME, alertTopicArn } from '../stack-facts';

/**
 * Policies of the alerting side: the alert key, the alert topic, and the freshness check's role.
 * Each function is pure and returns one statement, so that the stack, the tests and the access
 * report read the same grants. Names are fixed (one alerting set per backup account), so every ARN
 * below is literal and no policy depends on a resource it protects.
 */

export const ALERT_SID = {
  allowEventBridgeToUseTheKey: 'AllowEventBridgeToEncryptAlerts',
  allowBackupToUseTheKey: 'AllowBackupToEncryptVaultNotifications',
  allowLogsToUseTheKey: 'AllowLogsToEncryptFreshnessCheckLogs',
  allowLogsToUseTheKeyForRestoreTests: 'AllowLogsToEncryptRestoreTestLogs',
  allowCloudWatchToUseTheKey: 'AllowCloudWatchToEncryptAlarms',
  allowEventBridgePublish: 'AllowEventBridgePublish',
  allowBackupPublish: 'AllowBackupVaultNotifications',
  allowCloudWatchPublish: 'AllowCloudWatchAlarms',
  denyInsecureTransport: 'DenyPublishWithoutTLS',
  listRecoveryPoints: 'ListRecoveryPointsOfTheWatchedVaults',
  publishAlerts: 'PublishAlerts',
  encryptAlerts: 'EncryptAlertsWithTheAlertKey',
  writeLogs: 'WriteOwnLogs',
} as const;

/** Where EventBridge keeps alerts it could not deliver. */
export const ALERT_DEAD_LETTER_QUEUE_NAME = 'compactconnect-backup-alert-dead-letters';
export const FRESHNESS_LOG_GROUP_NAME = '/compactconnect/backup-account/freshness-check';
/** The restore testing function's log group (when restore testing is configured). */
export const RESTORE_TEST_LOG_GROUP_NAME = '/compactconnect/backup-account/restore-test';

export const EVENTBRIDGE_SERVICE = 'events.amazonaws.com';
export const BACKUP_SERVICE = 'backup.amazonaws.com';
export const CLOUDWATCH_SERVICE = 'cloudwatch.amazonaws.com';

/** What a publisher needs on the key of an encrypted topic (Amazon SNS developer guide, key management). */
export const ALERT_KEY_PUBLISH_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt'] as const;

/** What CloudWatch Logs needs on a key that encrypts a log group (CloudWatch Logs user guide). */
export const LOGS_KEY_ACTIONS = [
  'kms:Encrypt*',
  'kms:Decrypt*',
  'kms:ReEncrypt*',
  'kms:GenerateDataKey*',
  'kms:Describe*',
] as const;

export function freshnessLogGroupArn(region: string, accountId: string): string {
  return `arn:${partitionOf(region)}:logs:${region}:${accountId}:log-group:${FRESHNESS_LOG_GROUP_NAME}`;
}

export function restoreTestLogGroupArn(region: string, accountId: string): string {
  return `arn:${partitionOf(region)}:logs:${region}:${accountId}:log-group:${RESTORE_TEST_LOG_GROUP_NAME}`;
}

/** `service` may have SNS encrypt and decrypt its messages with the key, for `topicArn` only. */
function serviceEncryptsForTopic(sid: string, service: string, topicArn: string): StatementJson {
  return statement({
    Sid: sid,
    Effect: 'Allow',
    Principal: { Service: service },
    Action: ALERT_KEY_PUBLISH_ACTIONS,
    Resource: '*',
    Condition: { StringEquals: { 'kms:EncryptionContext:aws:sns:topicArn': topicArn } },
  });
}

/** `service` may publish to the topic on behalf of resources of `accountId` only. */
function servicePublishesFromAccount(
  sid: string,
  service: string,
  topicArn: string,
  accountId: string,
): StatementJson {
  return statement({
    Sid: sid,
    Effect: 'Allow',
    Principal: { Service: service },
    Action: 'sns:Publish',
    Resource: topicArn,
    Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
  });
}

/**
 * EventBridge may have SNS encrypt and decrypt its messages to the alert topic with the key, and
 * only for that topic: SNS's encryption context names it (AWS documents the
 * `kms:EncryptionContext:aws:sns:topicArn` key for encrypted topics). No `aws:SourceAccount`
 * condition here: AWS's key policy for EventBridge and encrypted topics has none, and a condition on
 * a key that the call might not carry would silently drop every alert. Which rules may publish is
 * the topic policy's business (it checks `aws:SourceAccount`).
 */
export function allowEventBridgeToUseAlertKey(sid: string, topicArn: string): StatementJson {
  return serviceEncryptsForTopic(sid, EVENTBRIDGE_SERVICE, topicArn);
}

/**
 * AWS Backup may have SNS encrypt its vault notifications to the alert topic. Only the topic is
 * pinned (encryption context): AWS documents the source keys of AWS Backup's publish call (checked
 * by the topic policy), not of the KMS calls SNS then makes, and a condition on a key they do not
 * carry would silently drop the notifications. It supports only topics of the vault's own account
 * (AWS Backup developer guide, "Notification options", Limitations).
 */
export function allowBackupToUseAlertKey(sid: string, topicArn: string): StatementJson {
  return serviceEncryptsForTopic(sid, BACKUP_SERVICE, topicArn);
}

/**
 * CloudWatch alarms of this stack (a rule that failed to deliver, a non-empty dead-letter queue) may
 * have SNS encrypt their notifications to the alert topic, and only to it. Amazon SNS Developer Guide,
 * "Enable compatibility between event sources from AWS services and encrypted topics", lists
 * CloudWatch among the services that need this key grant.
 */
export function allowCloudWatchToUseAlertKey(sid: string, topicArn: string): StatementJson {
  return serviceEncryptsForTopic(sid, CLOUDWATCH_SERVICE, topicArn);
}

/** CloudWatch alarms of this account may publish to the topic. */
export function allowCloudWatchPublish(sid: string, topicArn: string, accountId: string): StatementJson {
  return servicePublishesFromAccount(sid, CLOUDWATCH_SERVICE, topicArn, accountId);
}

/** CloudWatch Logs may encrypt the freshness check's log group, and only that log group. */
export function allowLogsToUseAlertKey(sid: string, region: string, logGroupArn: string): StatementJson {
  return statement({
    Sid: sid,
    Effect: 'Allow',
    Principal: { Service: `logs.${region}.amazonaws.com` },
    Action: LOGS_KEY_ACTIONS,
    Resource: '*',
    Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': logGroupArn } },
  });
}

/** EventBridge rules of this account may publish to the topic. */
export function allowEventBridgePublish(sid: string, topicArn: string, accountId: string): StatementJson {
  return servicePublishesFromAccount(sid, EVENTBRIDGE_SERVICE, topicArn, accountId);
}

/**
 * AWS Backup may publish vault notifications to the topic for vaults of `accountId` only. AWS Backup
 * Developer Guide, "Cross-service confused deputy prevention": AWS Backup publishes to SNS with
 * `aws:SourceArn` set to the vault (so with `aws:SourceAccount`, the vault's account), and AWS
 * recommends both keys in the topic's policy. The key statement stays without one: see there.
 */
export function allowBackupPublish(sid: string, topicArn: string, accountId: string): StatementJson {
  return servicePublishesFromAccount(sid, BACKUP_SERVICE, topicArn, accountId);
}

/** Nobody publishes to the topic over plain HTTP. */
export function denyPublishWithoutTls(sid: string, topicArn: string): StatementJson {
  return statement({
    Sid: sid,
    Effect: 'Deny',
    Principal: ANY_PRINCIPAL,
    Action: 'sns:Publish',
    Resource: topicArn,
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  });
}

/** The freshness check lists the recovery points of the watched vaults, and nothing else. */
export function allowListRecoveryPoints(sid: string, vaultArns: readonly string[]): StatementJson {
  return statement({
    Sid: sid,
    Effect: 'Allow',
    Action: 'backup:ListRecoveryPointsByBackupVault',
    Resource: vaultArns,
  });
}

export function allowPublishAlerts(sid: string, topicArn: string): StatementJson {
  return statement({
    Sid: sid,
    Effect: 'Allow',
    Action: 'sns:Publish',
    Resource: topicArn,
  });
}

/**
 * Publishing to the encrypted topic needs the key: SNS generates and decrypts the data key on the
 * publisher's behalf, so the grant holds only through SNS (`kms:ViaService`), never for direct calls.
 */
export function allowAlertKeyUse(sid: string, keyArn: string, region: string): StatementJson {
  return statement({
    Sid: sid,
    Effect: 'Allow',
    Action: ALERT_KEY_PUBLISH_ACTIONS,
    Resource: keyArn,
    Condition: { StringEquals: { 'kms:ViaService': viaService('sns', region) } },
  });
}

/** The function writes to its own log group; log streams are named by Lambda, hence `log-stream:*`. */
export function allowWriteOwnLogs(sid: string, logGroupArn: string): StatementJson {
  return statement({
    Sid: sid,
    Effect: 'Allow',
    Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    Resource: `${logGroupArn}:log-stream:*`,
  });
}

export interface AlertPolicyContext {
  readonly region: string;
  readonly accountId: string;
}

/**
 * The alert key's policy: account administration, the services that write alert data and logs, and
 * Control Tower's grant control (CT.KMS.PR.3), as on every key of the stack.
 */
export function alertKeyPolicy({ region, accountId }: AlertPolicyContext): PolicyJson {
  const topic = alertTopicArn(region, accountId);
  return policyDocument([
    allowAccountAdministration(SID.enableInAccountPermissions, region, accountId),
    allowEventBridgeToUseAlertKey(ALERT_SID.allowEventBridgeToUseTheKey, topic),
    allowBackupToUseAlertKey(ALERT_SID.allowBackupToUseTheKey, topic),
    allowLogsToUseAlertKey(ALERT_SID.allowLogsToUseTheKey, region, freshnessLogGroupArn(region, accountId)),
    // Present whether or not restore testing is configured: the key policy does not depend on it.
    allowLogsToUseAlertKey(
      ALERT_SID.allowLogsToUseTheKeyForRestoreTests,
      region,
      restoreTestLogGroupArn(region, accountId),
    ),
    allowCloudWatchToUseAlertKey(ALERT_SID.allowCloudWatchToUseTheKey, topic),
    denyGrantsNotForAwsServices(SID.denyGrantsNotForAwsServices),
  ]);
}

/** The alert topic's policy: publishing by EventBridge, AWS Backup and CloudWatch alarms of this account, over TLS only. */
export function alertTopicPolicy({ region, accountId }: AlertPolicyContext): PolicyJson {
  const topic = alertTopicArn(region, accountId);
  return policyDocument([
    allowEventBridgePublish(ALERT_SID.allowEventBridgePublish, topic, accountId),
    allowBackupPublish(ALERT_SID.allowBackupPublish, topic, accountId),
    allowCloudWatchPublish(ALERT_SID.allowCloudWatchPublish, topic, accountId),
    denyPublishWithoutTls(ALERT_SID.denyInsecureTransport, topic),
  ]);
}

/** The freshness check's permissions: list the two vaults, publish to the topic, write its logs. */
export function freshnessCheckPolicy(
  { region, accountId }: AlertPolicyContext,
  vaultNames: readonly string[],
  alertKeyArn: string,
): PolicyJson {
  return policyDocument([
    allowListRecoveryPoints(
      ALERT_SID.listRecoveryPoints,
      vaultNames.map((name) => backupVaultArn(region, accountId, name)),
    ),
    allowPublishAlerts(ALERT_SID.publishAlerts, alertTopicArn(region, accountId)),
    allowAlertKeyUse(ALERT_SID.encryptAlerts, alertKeyArn, region),
    allowWriteOwnLogs(ALERT_SID.writeLogs, freshnessLogGroupArn(region, accountId)),
  ]);
}
