/**
 * The access matrix for reviewers: for each vault and key, which principal may call which action,
 * and which statement decides, evaluated by the IAM engine against the synthesized template.
 * Rendered by `npm run report` into docs/access-matrix.md, and checked against it by a test.
 */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BackupAccountStack, STACK_NAME } from '../../lib/backup-account-stack';
import type { BackupAccountConfig } from '../../lib/config';
import { keyViaServices } from '../../lib/policies';
import {
  ASSUMPTIONS,
  type Caller,
  deployedPolicies,
  type Evaluation,
  evaluate,
  type PolicyJson,
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

const VAULT_ACTIONS = [
  'backup:CopyIntoBackupVault',
  'backup:StartRestoreJob',
  'backup:GetRecoveryPointRestoreMetadata',
  'backup:StartCopyJob',
  'backup:CopyFromBackupVault',
  'backup:DeleteRecoveryPoint',
  'backup:UpdateRecoveryPointLifecycle',
  'backup:PutBackupVaultAccessPolicy',
  'backup:DeleteBackupVaultAccessPolicy',
];

const KEY_ACTIONS = [
  'kms:Decrypt',
  'kms:ReEncryptFrom',
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
      heading: `Unlisted account's role (${UNLISTED_ACCOUNT_ID}), via AWS Backup`,
      caller: { kind: 'unlistedRole', via },
    },
    { heading: 'Backup-account admin (`*:*`), direct', caller: { kind: 'backupAdmin' } },
    { heading: 'Backup-account admin, via AWS Backup', caller: { kind: 'backupAdmin', via } },
    { heading: 'AWS Backup service-linked role', caller: { kind: 'backupServiceLinkedRole' } },
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

/** The policies the stack deploys for this configuration, as the template holds them. */
export function synthesizedPolicies(config: BackupAccountConfig): Record<PolicyName, PolicyJson> {
  const stack = new BackupAccountStack(new App(), STACK_NAME, { config });
  return deployedPolicies(Template.fromStack(stack), config);
}

/** The whole markdown document; `source` names where the configuration came from. */
export async function renderAccessMatrix(config: BackupAccountConfig, source: string): Promise<string> {
  const policies = synthesizedPolicies(config);
  const lines: string[] = [
    '# Access matrix',
    '',
    `<!-- Generated by \`npm run report\` from ${source}. Do not edit: a test fails when this file is stale. -->`,
    '',
    'Who may call what on the backup vaults and their keys, as evaluated by an IAM policy engine',
    '(`@cloud-copilot/iam-simulate`) against the vault access policies and key policies of the synthesized',
    'template. Each cell gives the decision and the statement (Sid) that made it.',
    '',
    `Configuration (${source}): backup account ${config.backupAccountId} in ${config.backupRegion};`,
    `organization ${config.organizationId}; source accounts ${config.sourceAccountIds.join(', ')};`,
    `key use allowed through ${keyViaServices(config).join(', ')}.`,
    '',
    '- Every IAM principal holds `"Action": "*", "Resource": "*"` in its own account, so the table shows the most',
    '  the vault and key policies let through. "Allowed (identity policy; resource policy silent)" is a',
    '  same-account call that the vault policy neither allows nor denies.',
    '- "via AWS Backup": AWS Backup calls KMS on the principal\'s behalf (`kms:ViaService` =',
    `  \`${viaService('backup', config.backupRegion)}\`); grant operations then carry \`kms:GrantIsForAWSResource\` = true,`,
    '  direct calls carry false.',
    '- Roles are in the organization; the service-linked role is `AWSServiceRoleForBackup` of the backup',
    '  account, calling with its own credentials.',
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
  lines.push('## Assumptions about the request context', '');
  for (const { text, source: from } of Object.values(ASSUMPTIONS)) lines.push(`- ${text} (${from})`);
  lines.push('');
  return lines.join('\n');
}
