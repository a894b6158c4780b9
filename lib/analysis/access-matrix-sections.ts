/**
 * The access matrix's sections as data: for each table, the policy it evaluates, its columns
 * (callers), its rows (actions or requests) and the prose around it (access-matrix-prose.ts).
 * access-matrix.ts renders them in this order.
 */
import type { BackupAccountConfig } from '../config';
import {
  BACKUP_JOB_ACTIONS,
  destination,
  RECOVERY_POINT_DATA_ACTIONS,
  RECOVERY_POINT_DELETION_ACTIONS,
  RESTORE_AND_COPY_OUT_ACTIONS,
} from '../policies';
import { alertKeyIntro, alertTopicIntro, freshnessIntro, freshnessOutro } from './access-matrix-prose';
import {
  alertArns,
  type AlertPolicyName,
  type Caller,
  keyArnOf,
  OTHER_ORGANIZATION_ID,
  type PolicyName,
  UNLISTED_ACCOUNT_ID,
  viaService,
} from './iam';

export interface Column {
  readonly heading: string;
  readonly caller: Caller;
}

/** A vault or key of the backup destinations: one row per action, one column per caller. */
export interface AccessSection {
  readonly kind: 'access';
  readonly policy: PolicyName;
  readonly title: string;
  readonly columns: readonly Column[];
  readonly actions: readonly string[];
}

/** The alert key or topic: one row per request, one column per caller, against its resource policy. */
export interface AlertSection {
  readonly kind: 'alert';
  readonly policy: 'alertKey' | 'alertTopic';
  readonly title: string;
  readonly intro: readonly string[];
  readonly resource: string;
  /** How a cell names the resource policy: "key policy". */
  readonly noun: string;
  readonly columns: readonly AlertColumn[];
  readonly rows: readonly AlertRow[];
}

export interface FreshnessRequest {
  readonly label: string;
  readonly action: string;
  readonly resource: string;
  readonly caller: Caller;
  /** The resource policy of the request's target, where the stack deploys one. */
  readonly policy?: PolicyName | AlertPolicyName;
}

/** The freshness check's role: one row per request, each against its target's resource policy. */
export interface FreshnessSection {
  readonly kind: 'freshness';
  readonly title: string;
  readonly intro: readonly string[];
  readonly requests: readonly FreshnessRequest[];
  readonly outro: readonly string[];
}

export type MatrixSection = AccessSection | AlertSection | FreshnessSection;

/** Every table of the document, in order. */
export function matrixSections(config: BackupAccountConfig): MatrixSection[] {
  const own = alertArns(config);
  const spec = alertMatrixSpec(config);
  return [
    ...accessSections(config),
    {
      kind: 'alert',
      policy: 'alertKey',
      title: 'Alert key (`AWS::KMS::Key` `Alerting…`)',
      intro: alertKeyIntro(own.topic),
      resource: keyArnOf(config, 'alert'),
      noun: 'key policy',
      columns: spec.keyColumns,
      rows: spec.keyRows,
    },
    {
      kind: 'alert',
      policy: 'alertTopic',
      title: 'Alert topic (`AWS::SNS::TopicPolicy`)',
      intro: alertTopicIntro(),
      resource: own.topic,
      noun: 'topic policy',
      columns: spec.topicColumns,
      rows: spec.topicRows,
    },
    {
      kind: 'freshness',
      title: "Freshness check role (customer-managed policy of the function's role)",
      intro: freshnessIntro(),
      requests: freshnessRequests(config),
      outro: freshnessOutro(),
    },
  ];
}

/** Copy-in, then each group of lib/policies/vault-actions.ts that a vault policy denies, then policy edits. */
const VAULT_ACTIONS = [
  'backup:CopyIntoBackupVault',
  ...BACKUP_JOB_ACTIONS,
  ...RESTORE_AND_COPY_OUT_ACTIONS,
  ...RECOVERY_POINT_DATA_ACTIONS,
  ...RECOVERY_POINT_DELETION_ACTIONS,
  'backup:DescribeRecoveryPoint',
  'backup:PutBackupVaultAccessPolicy',
  'backup:DeleteBackupVaultAccessPolicy',
];

const KEY_ACTIONS = [
  'kms:Decrypt',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:GenerateDataKeyPair',
  'kms:Encrypt',
  'kms:DescribeKey',
  'kms:CreateGrant',
  'kms:ListGrants',
  'kms:PutKeyPolicy',
  'kms:GetKeyPolicy',
  'kms:ScheduleKeyDeletion',
  'kms:DisableKey',
];

/** The four tables of the vaults and their keys. */
function accessSections(config: BackupAccountConfig): AccessSection[] {
  const via = viaService('backup', config.backupRegion);
  const dynamodb = viaService('dynamodb', config.backupRegion);
  const source = config.sourceAccountIds[0];
  const vaultColumns: Column[] = [
    { heading: `Source-account role (${source})`, caller: { kind: 'sourceRole' } },
    { heading: `Unlisted account's role (${UNLISTED_ACCOUNT_ID})`, caller: { kind: 'unlistedRole' } },
    { heading: 'Backup-account admin (`*:*`)', caller: { kind: 'backupAdmin' } },
    { heading: 'AWS Backup service-linked role', caller: { kind: 'backupServiceLinkedRole' } },
    { heading: 'Service principal `backup.amazonaws.com`', caller: { kind: 'backupServicePrincipal' } },
  ];
  const keyColumns: Column[] = [
    { heading: `Source-account role (${source}), direct`, caller: { kind: 'sourceRole' } },
    { heading: 'Source-account role, via AWS Backup', caller: { kind: 'sourceRole', via } },
    {
      heading: `Source-account role, moved to organization ${OTHER_ORGANIZATION_ID}, via AWS Backup`,
      caller: { kind: 'sourceRole', via, organizationId: OTHER_ORGANIZATION_ID },
    },
    {
      heading: `Unlisted account's role (${UNLISTED_ACCOUNT_ID}), via AWS Backup`,
      caller: { kind: 'unlistedRole', via },
    },
    { heading: 'Backup-account admin (`*:*`), direct', caller: { kind: 'backupAdmin' } },
    { heading: 'Backup-account admin, via AWS Backup', caller: { kind: 'backupAdmin', via } },
    { heading: 'Backup-account admin, via DynamoDB', caller: { kind: 'backupAdmin', via: dynamodb } },
    { heading: 'AWS Backup service-linked role, direct', caller: { kind: 'backupServiceLinkedRole' } },
    {
      heading: 'AWS Backup service-linked role, via AWS Backup',
      caller: { kind: 'backupServiceLinkedRole', via },
    },
    { heading: 'Restore role, via DynamoDB', caller: { kind: 'restoreRole', via: dynamodb } },
    { heading: 'Service principal `backup.amazonaws.com`', caller: { kind: 'backupServicePrincipal' } },
  ];
  return [
    {
      kind: 'access',
      policy: 'generalVault',
      title: `General vault \`${config.backupVaultName}\``,
      columns: vaultColumns,
      actions: VAULT_ACTIONS,
    },
    {
      kind: 'access',
      policy: 'ssnVault',
      title: `SSN vault \`${config.ssnBackupVaultName}\``,
      columns: vaultColumns,
      actions: VAULT_ACTIONS,
    },
    {
      kind: 'access',
      policy: 'generalKey',
      title: `General key \`${destination('general').aliasName}\``,
      columns: keyColumns,
      actions: KEY_ACTIONS,
    },
    {
      kind: 'access',
      policy: 'ssnKey',
      title: `SSN key \`${destination('ssn').aliasName}\``,
      columns: keyColumns,
      actions: KEY_ACTIONS,
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Alerting: the alert key, the alert topic, the freshness check's role.
// ---------------------------------------------------------------------------------------------

export interface AlertColumn {
  readonly heading: string;
  readonly caller: Caller;
}

/** One request of an alerting table: an action, and what the row changes in each column's caller. */
export interface AlertRow {
  readonly label: string;
  readonly action: string;
  readonly caller?: Partial<Caller>;
}

/** The columns and rows of the alert key and alert topic tables. */
function alertMatrixSpec(config: BackupAccountConfig) {
  const own = alertArns(config);
  const source = config.sourceAccountIds[0];
  const services: AlertColumn[] = [
    {
      heading: `\`events.amazonaws.com\`, SourceAccount ${config.backupAccountId}`,
      caller: { kind: 'eventsService' },
    },
    {
      heading: `\`events.amazonaws.com\`, SourceAccount ${UNLISTED_ACCOUNT_ID}`,
      caller: { kind: 'eventsService', sourceAccount: UNLISTED_ACCOUNT_ID },
    },
  ];
  const roles: AlertColumn[] = [
    { heading: 'Backup-account admin (`*:*`)', caller: { kind: 'backupAdmin' } },
    { heading: `Source-account role (${source})`, caller: { kind: 'sourceRole' } },
    { heading: `Unlisted account's role (${UNLISTED_ACCOUNT_ID})`, caller: { kind: 'unlistedRole' } },
  ];
  const keyColumns: AlertColumn[] = [
    ...services,
    {
      heading: '`events.amazonaws.com`, own account, context names another topic',
      caller: { kind: 'eventsService', topicArn: own.otherTopic },
    },
    { heading: '`backup.amazonaws.com`', caller: { kind: 'backupNotifications' } },
    {
      heading: '`backup.amazonaws.com`, context names another topic',
      caller: { kind: 'backupNotifications', topicArn: own.otherTopic },
    },
    { heading: `\`logs.${config.backupRegion}.amazonaws.com\``, caller: { kind: 'logsService' } },
    {
      heading: '`logs.…`, context names another log group',
      caller: { kind: 'logsService', logGroupArn: own.otherLogGroup },
    },
    ...roles,
  ];
  const topicColumns: AlertColumn[] = [
    ...services,
    { heading: '`backup.amazonaws.com`', caller: { kind: 'backupNotifications' } },
    {
      heading: `\`backup.amazonaws.com\`, SourceAccount ${UNLISTED_ACCOUNT_ID}`,
      caller: { kind: 'backupNotifications', sourceAccount: UNLISTED_ACCOUNT_ID },
    },
    ...roles,
  ];
  const keyRows: AlertRow[] = [
    'kms:GenerateDataKey',
    'kms:Decrypt',
    'kms:Encrypt',
    'kms:ReEncryptFrom',
    'kms:DescribeKey',
    'kms:CreateGrant',
    'kms:PutKeyPolicy',
    'kms:ScheduleKeyDeletion',
    'kms:DisableKey',
  ].map((action) => ({ label: `\`${action}\``, action }));
  const topicRows: AlertRow[] = [
    { label: '`sns:Publish`', action: 'sns:Publish' },
    {
      label: '`sns:Publish` without TLS (`aws:SecureTransport` false)',
      action: 'sns:Publish',
      caller: { secureTransport: false },
    },
    { label: '`sns:Subscribe`', action: 'sns:Subscribe' },
    { label: '`sns:SetTopicAttributes`', action: 'sns:SetTopicAttributes' },
    { label: '`sns:AddPermission`', action: 'sns:AddPermission' },
    { label: '`sns:DeleteTopic`', action: 'sns:DeleteTopic' },
  ];
  return { keyColumns, keyRows, topicColumns, topicRows };
}

/** The freshness check role's requests: each names its resource and the resource policy there, if any. */
function freshnessRequests(config: BackupAccountConfig): FreshnessRequest[] {
  const own = alertArns(config);
  const role: Caller = { kind: 'freshnessRole' };
  const sns: Caller = { kind: 'freshnessRole', via: viaService('sns', config.backupRegion) };
  const stream = (group: string) => `${group}:log-stream:2026/11/27/[$LATEST]0123456789abcdef`;
  const list = 'backup:ListRecoveryPointsByBackupVault';
  return [
    {
      label: `${list} on \`${config.backupVaultName}\``,
      action: list,
      resource: own.vault(config.backupVaultName),
      caller: role,
      policy: 'generalVault',
    },
    {
      label: `${list} on \`${config.ssnBackupVaultName}\``,
      action: list,
      resource: own.vault(config.ssnBackupVaultName),
      caller: role,
      policy: 'ssnVault',
    },
    {
      label: `${list} on another vault of the account`,
      action: list,
      resource: own.vault('SomeOtherVault'),
      caller: role,
    },
    {
      label: 'backup:StartRestoreJob on an SSN recovery point',
      action: 'backup:StartRestoreJob',
      resource: own.recoveryPoint,
      caller: role,
      policy: 'ssnVault',
    },
    {
      label: 'backup:StartRestoreJob on a general recovery point',
      action: 'backup:StartRestoreJob',
      resource: own.recoveryPoint,
      caller: role,
      policy: 'generalVault',
    },
    {
      label: 'sns:Publish to the alert topic',
      action: 'sns:Publish',
      resource: own.topic,
      caller: role,
      policy: 'alertTopic',
    },
    { label: 'sns:Publish to another topic', action: 'sns:Publish', resource: own.otherTopic, caller: role },
    {
      label: 'sns:Subscribe to the alert topic',
      action: 'sns:Subscribe',
      resource: own.topic,
      caller: role,
      policy: 'alertTopic',
    },
    {
      label: 'kms:GenerateDataKey on the alert key, through SNS',
      action: 'kms:GenerateDataKey',
      resource: keyArnOf(config, 'alert'),
      caller: sns,
      policy: 'alertKey',
    },
    {
      label: 'kms:Decrypt on the alert key, through SNS',
      action: 'kms:Decrypt',
      resource: keyArnOf(config, 'alert'),
      caller: sns,
      policy: 'alertKey',
    },
    {
      label: 'kms:Decrypt on the alert key, direct',
      action: 'kms:Decrypt',
      resource: keyArnOf(config, 'alert'),
      caller: role,
      policy: 'alertKey',
    },
    {
      label: 'kms:PutKeyPolicy on the alert key',
      action: 'kms:PutKeyPolicy',
      resource: keyArnOf(config, 'alert'),
      caller: role,
      policy: 'alertKey',
    },
    {
      label: 'kms:Decrypt on the SSN key, direct',
      action: 'kms:Decrypt',
      resource: keyArnOf(config, 'ssn'),
      caller: role,
      policy: 'ssnKey',
    },
    {
      label: 'kms:Decrypt on the general key, direct',
      action: 'kms:Decrypt',
      resource: keyArnOf(config, 'general'),
      caller: role,
      policy: 'generalKey',
    },
    {
      label: 'logs:CreateLogStream in its log group',
      action: 'logs:CreateLogStream',
      resource: stream(own.logGroup),
      caller: role,
    },
    {
      label: 'logs:PutLogEvents in its log group',
      action: 'logs:PutLogEvents',
      resource: stream(own.logGroup),
      caller: role,
    },
    {
      label: 'logs:PutLogEvents in another log group',
      action: 'logs:PutLogEvents',
      resource: stream(own.otherLogGroup),
      caller: role,
    },
    {
      label: 'logs:DeleteLogGroup on its log group',
      action: 'logs:DeleteLogGroup',
      resource: own.logGroup,
      caller: role,
    },
  ];
}
