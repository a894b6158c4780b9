/**
 * The access matrix for reviewers: for each vault and key, which principal may call which action,
 * and which statement decides, evaluated by the IAM engine against the policies the stack deploys
 * (the builders' output, pinned equal to the synthesized template by test/stack.test.ts).
 * Rendered by `npm run report` into docs/access-matrix.md, and checked against it by a test.
 */
import type { BackupAccountConfig } from '../config';
import {
  BACKUP_JOB_ACTIONS,
  keyViaServices,
  RECOVERY_POINT_DATA_ACTIONS,
  RECOVERY_POINT_DELETION_ACTIONS,
  RESTORE_AND_COPY_OUT_ACTIONS,
} from '../policies';
import {
  ALERT_ASSUMPTIONS,
  type AlertCaller,
  type AlertEvaluation,
  alertArns,
  type AlertPolicyName,
  ASSUMPTIONS,
  type Caller,
  builtAlertPolicies,
  builtPolicies,
  evaluateAlert,
  FRESHNESS_ROLE_NAME,
  keyArnOf,
  type Evaluation,
  evaluate,
  type PolicyJson,
  OTHER_ORGANIZATION_ID,
  type PolicyName,
  UNLISTED_ACCOUNT_ID,
  viaService,
} from './iam';

interface Column {
  readonly heading: string;
  readonly caller: Caller;
}

interface Section {
  readonly policy: PolicyName;
  readonly title: string;
  readonly columns: readonly Column[];
  readonly actions: readonly string[];
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

function sections(config: BackupAccountConfig): Section[] {
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
      policy: 'generalVault',
      title: `General vault \`${config.backupVaultName}\``,
      columns: vaultColumns,
      actions: VAULT_ACTIONS,
    },
    {
      policy: 'ssnVault',
      title: `SSN vault \`${config.ssnBackupVaultName}\``,
      columns: vaultColumns,
      actions: VAULT_ACTIONS,
    },
    {
      policy: 'generalKey',
      title: 'General key `alias/compactconnect-backup-key`',
      columns: keyColumns,
      actions: KEY_ACTIONS,
    },
    {
      policy: 'ssnKey',
      title: 'SSN key `alias/compactconnect-ssn-backup-key`',
      columns: keyColumns,
      actions: KEY_ACTIONS,
    },
  ];
}

function cell(result: Evaluation): string {
  if (result.ignoredContextKeys.length > 0) {
    throw new Error(`the engine ignored context keys ${result.ignoredContextKeys.join(', ')}`);
  }
  switch (result.decision) {
    case 'Allowed':
      return result.sid
        ? `Allowed by \`${result.sid}\``
        : 'Allowed (identity policy; resource policy silent)';
    case 'ExplicitlyDenied':
      return `**Denied** by \`${result.sid}\``;
    case 'ImplicitlyDenied':
      return 'denied (implicit)';
  }
}

function table(section: Section, cells: readonly (readonly string[])[]): string[] {
  const header = `| Action | ${section.columns.map((c) => c.heading).join(' | ')} |`;
  const rule = `| --- | ${section.columns.map(() => '---').join(' | ')} |`;
  const rows = section.actions.map((action, i) => `| \`${action}\` | ${cells[i].join(' | ')} |`);
  return [header, rule, ...rows];
}

/** The whole markdown document; `source` names where the configuration came from. */
export async function renderAccessMatrix(config: BackupAccountConfig, source: string): Promise<string> {
  const policies = { ...builtPolicies(config), ...builtAlertPolicies(config) };
  const lines: string[] = [
    '# Access matrix',
    '',
    `<!-- Generated by \`npm run report\` from ${source}. Do not edit: a test fails when this file is stale. -->`,
    '',
    'Who may call what on the backup vaults and their keys, as evaluated by an IAM policy engine',
    '(`@cloud-copilot/iam-simulate`) against the vault access policies and key policies of the synthesized',
    'template. Each cell gives the decision and the statement (Sid) that made it. The last three sections do',
    'the same for the alerting grants: the alert key policy, the alert topic policy, and the freshness check',
    "function's role.",
    '',
    `Configuration (${source}): backup account ${config.backupAccountId} in ${config.backupRegion};`,
    `organization ${config.organizationId}; source accounts ${config.sourceAccountIds.join(', ')};`,
    `key use allowed through ${keyViaServices(config).join(', ')}.`,
    '',
    '- Administrators and roles of the source accounts hold `"Action": "*", "Resource": "*"` in their own',
    "  account, so their cells show the most the vault and key policies let through. AWS Backup's",
    '  service-linked role holds exactly its AWS-managed policy (`AWSBackupServiceLinkedRolePolicyForBackup`',
    '  v31), the restore role `AWSBackupServiceRolePolicyForRestores` (v35), the service principal nothing.',
    '  "Allowed (identity policy; resource policy silent)" is a same-account call that the vault policy',
    '  neither allows nor denies. `EnableInAccountPermissions` (the account root) is named only where the',
    "  caller's identity policy allows the call too: by itself it only delegates to IAM.",
    '- "via AWS Backup": AWS Backup calls KMS on the principal\'s behalf (`kms:ViaService` =',
    `  \`${viaService('backup', config.backupRegion)}\`); grant operations then carry \`kms:GrantIsForAWSResource\` = true,`,
    '  direct calls carry false.',
    '- Roles are in the organization; the service-linked role is `AWSServiceRoleForBackup` of the backup',
    '  account, calling with its own credentials ("direct") or through AWS Backup; the restore role is the',
    '  role a DynamoDB restore runs as (`service-role/AWSBackupDefaultServiceRole`), using the key through',
    '  DynamoDB.',
    '- The SSN key is sealed for the backup account: `DenySSNKeyUseInBackupAccount` denies its principals',
    "  (all but AWS Backup's service-linked role) every use of the key material, directly or through any",
    '  service but AWS Backup in the backup region (creating the SSN vault needs that path; the SSN vault',
    "  policy's DENYs gate every AWS Backup path to the data); `DenySSNKeyDecryptOperations` denies every",
    '  account direct use. Source accounts use either key only through AWS Backup or DynamoDB, and only',
    '  while in the organization.',
    '- The vault rows are the actions each vault policy denies (lib/policies/vault-actions.ts: every AWS',
    '  Backup action on a vault or recovery point is denied there or reviewed), `DescribeRecoveryPoint`',
    '  (reviewed, left to IAM) and the policy edits of the break-glass path.',
    '- Cross-account calls other than `backup:CopyIntoBackupVault` are rejected by AWS Backup whatever the',
    '  vault policy says; the engine does not model that, so cross-account cells for other vault actions',
    '  show only what the vault policy says.',
    '',
  ];
  for (const section of sections(config)) {
    const cells: string[][] = [];
    for (const action of section.actions) {
      const row: string[] = [];
      for (const column of section.columns) {
        const request = { caller: column.caller, action };
        row.push(cell(await evaluate(config, section.policy, policies[section.policy], request)));
      }
      cells.push(row);
    }
    lines.push(`## ${section.title}`, '', ...table(section, cells), '');
  }
  lines.push(...(await renderAlerting(config, policies)));
  lines.push('## Assumptions about the request context', '');
  for (const { text, source: from } of Object.values(ASSUMPTIONS)) lines.push(`- ${text} (${from})`);
  lines.push('', 'Alerting requests:', '');
  for (const { text, source: from } of Object.values(ALERT_ASSUMPTIONS)) lines.push(`- ${text} (${from})`);
  lines.push('');
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Alerting: the alert key, the alert topic, the freshness check's role.
// ---------------------------------------------------------------------------------------------

interface AlertColumn {
  readonly heading: string;
  readonly caller: AlertCaller;
}

/** One request of an alerting table: an action, and what the row changes in each column's caller. */
interface AlertRow {
  readonly label: string;
  readonly action: string;
  readonly caller?: Partial<AlertCaller>;
}

/** The columns and rows of the alert key and alert topic tables. */
export function alertMatrixSpec(config: BackupAccountConfig) {
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
    { heading: '`backup.amazonaws.com`', caller: { kind: 'backupService' } },
    {
      heading: '`backup.amazonaws.com`, context names another topic',
      caller: { kind: 'backupService', topicArn: own.otherTopic },
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
    { heading: '`backup.amazonaws.com`', caller: { kind: 'backupService' } },
    {
      heading: `\`backup.amazonaws.com\`, SourceAccount ${UNLISTED_ACCOUNT_ID}`,
      caller: { kind: 'backupService', sourceAccount: UNLISTED_ACCOUNT_ID },
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
export function freshnessRequests(config: BackupAccountConfig): {
  label: string;
  action: string;
  resource: string;
  caller: AlertCaller;
  policy?: PolicyName | AlertPolicyName;
}[] {
  const own = alertArns(config);
  const role: AlertCaller = { kind: 'freshnessRole' };
  const sns: AlertCaller = { kind: 'freshnessRole', viaSns: true };
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

function alertCell(result: AlertEvaluation, resourceNoun: string): string {
  if (result.ignoredContextKeys.length > 0) {
    throw new Error(`the engine ignored context keys ${result.ignoredContextKeys.join(', ')}`);
  }
  const code = (sids: readonly string[]) => sids.map((s) => `\`${s}\``).join(', ');
  const identity = result.identitySids.filter((s) => s !== '*');
  switch (result.decision) {
    case 'Allowed': {
      const parts = [
        ...(identity.length > 0 ? [`${code(identity)} (role policy)`] : []),
        ...(result.resourceSids.length > 0 ? [`${code(result.resourceSids)} (${resourceNoun})`] : []),
      ];
      if (parts.length > 0) return `Allowed by ${parts.join(' and ')}`;
      return `Allowed (identity policy; ${resourceNoun} silent)`;
    }
    case 'ExplicitlyDenied':
      return `**Denied** by \`${[...result.resourceSids, ...identity].join(', ')}\``;
    case 'ImplicitlyDenied':
      return 'denied (implicit)';
  }
}

async function alertTable(
  config: BackupAccountConfig,
  policy: PolicyJson,
  resource: string,
  noun: string,
  columns: readonly AlertColumn[],
  rows: readonly AlertRow[],
): Promise<string[]> {
  const lines = [
    `| Request | ${columns.map((c) => c.heading).join(' | ')} |`,
    `| --- | ${columns.map(() => '---').join(' | ')} |`,
  ];
  for (const row of rows) {
    const cells: string[] = [];
    for (const column of columns) {
      const caller = { ...column.caller, ...row.caller };
      const result = await evaluateAlert(
        config,
        { caller, action: row.action, resource },
        { resourcePolicy: policy },
      );
      cells.push(alertCell(result, noun));
    }
    lines.push(`| ${row.label} | ${cells.join(' | ')} |`);
  }
  return lines;
}

async function renderAlerting(
  config: BackupAccountConfig,
  policies: Record<PolicyName, PolicyJson> & Record<AlertPolicyName, PolicyJson>,
): Promise<string[]> {
  const own = alertArns(config);
  const spec = alertMatrixSpec(config);
  const lines: string[] = [
    '## Alert key (`AWS::KMS::Key` `Alerting…`)',
    '',
    "The key that encrypts the alert topic and the freshness check's log group. Three services may use it,",
    'each only for its own data: EventBridge and AWS Backup (through SNS) when the SNS encryption context',
    `names the alert topic (\`${own.topic}\`), with no source condition on the key (which rules and vaults`,
    "may publish is the topic policy's business, see below); CloudWatch Logs when the",
    `encryption context names the freshness check's log group. Roles: the key policy's \`EnableInAccountPermissions\``,
    "leaves the backup account's own principals to IAM, so an administrator with `*:*` holds every key action.",
    'Each request of a service carries the encryption context its service would send; a role calling directly',
    "is given the alert topic's (worst case). These cells are evaluated through the harness's",
    'encryption-context path (see "Alerting requests" below): the engine alone would drop the context.',
    '',
    ...(await alertTable(
      config,
      policies.alertKey,
      keyArnOf(config, 'alert'),
      'key policy',
      spec.keyColumns,
      spec.keyRows,
    )),
    '',
    '## Alert topic (`AWS::SNS::TopicPolicy`)',
    '',
    '`compactconnect-backup-alerts` admits three publishers, each only for the backup account',
    '(`aws:SourceAccount`): EventBridge rules (`AllowEventBridgePublish`), AWS Backup vault notifications',
    '(`AllowBackupVaultNotifications`; AWS Backup also sends notifications only to topics of the',
    "vault's account, which the engine does not model) and CloudWatch alarms (`AllowCloudWatchAlarms`).",
    '`DenyPublishWithoutTLS` denies any publish over plain HTTP, to every principal. The topic policy',
    "grants nothing else: the backup account's administrators manage the topic through IAM, other",
    'accounts cannot.',
    '',
    ...(await alertTable(
      config,
      policies.alertTopic,
      own.topic,
      'topic policy',
      spec.topicColumns,
      spec.topicRows,
    )),
    '',
    "## Freshness check role (customer-managed policy of the function's role)",
    '',
    `What the freshness check function's execution role (stand-in name \`${FRESHNESS_ROLE_NAME}\`) may do: its`,
    'only policy is the customer-managed policy the template attaches to it. Each request is evaluated with',
    'that identity policy and the resource policy of its target, where the stack deploys one (vault access',
    'policy, topic policy, key policy). KMS calls "through SNS" are SNS encrypting a publish on the role\'s',
    "behalf (`kms:ViaService` `sns.…`). The policy does not limit the role's alert-key use to SNS: a direct",
    "call is allowed too. `logs:CreateLogStream` is evaluated on a log-stream ARN: the engine's IAM data give",
    "it the log-stream resource type (a log-group ARN is refused), which matches the policy's `…:log-stream:*`.",
    '',
    '| Request | Freshness check role |',
    '| --- | --- |',
  ];
  for (const r of freshnessRequests(config)) {
    const result = await evaluateAlert(
      config,
      { caller: r.caller, action: r.action, resource: r.resource },
      { freshnessRole: policies.freshnessRole, resourcePolicy: r.policy ? policies[r.policy] : undefined },
    );
    const noun = r.policy ? POLICY_NOUNS[r.policy] : 'no resource policy';
    lines.push(`| ${r.label} | ${alertCell(result, noun)} |`);
  }
  lines.push(
    '',
    "Not evaluated here: the function's `AWS::Lambda::Permission` (generated by the CDK) lets",
    "`events.amazonaws.com` invoke the function only for the schedule rule (`aws:SourceArn` = the rule's ARN, a",
    "CloudFormation token), and the role's trust policy admits `lambda.amazonaws.com` only.",
    '',
  );
  return lines;
}

const POLICY_NOUNS: Record<PolicyName | AlertPolicyName, string> = {
  generalVault: 'general vault policy',
  ssnVault: 'SSN vault policy',
  generalKey: 'general key policy',
  ssnKey: 'SSN key policy',
  alertKey: 'alert key policy',
  alertTopic: 'topic policy',
  freshnessRole: 'role policy',
};
