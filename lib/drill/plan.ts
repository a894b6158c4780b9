import { STACK_NAME } from '../stack-facts';
import type { DrillRecord, StepId } from './record';
import { ssnRestoredTableName } from './steps/break-glass';
import { restoredTableName } from './steps/restore';
import { DRILL_TAG, sourceTableName } from './steps/source-table';

/** One step of the plan: what it does, in which account, with which calls, making what. */
export interface PlannedStep {
  readonly step: StepId;
  readonly title: string;
  readonly account: string;
  readonly calls: readonly string[];
  readonly creates: readonly string[];
}

/**
 * The whole drill before it runs (`--dry-run`): the exact API calls and resources, from the
 * record's settings, and the destinations as the stack's outputs name them (or, offline, as the
 * configuration builds them).
 */
export function drillPlan(record: DrillRecord): PlannedStep[] {
  const s = record.settings;
  const source = `source ${s.sourceAccountId} (${s.sourceRegion})`;
  const backup = `backup ${s.backupAccountId} (${s.backupRegion})`;
  const table = sourceTableName(record.id);
  const restored = restoredTableName(record.id);
  const general = record.destinations?.general;
  const ssn = record.destinations?.ssn;
  const steps: Omit<PlannedStep, 'title'>[] = [
    {
      step: 'prerequisites',
      account: `${backup}; ${source}`,
      calls: [
        'sts:GetCallerIdentity (both accounts)',
        `cloudformation:DescribeStacks ${STACK_NAME}`,
        'backup:DescribeRegionSettings (source: DynamoDB opted in, advanced features on)',
        `backup:DescribeBackupVault ${s.sourceVaultName} (source)`,
        `iam:GetRole ${s.copyRoleArn}`,
        `iam:GetRole ${s.restoreRoleArn}`,
      ],
      creates: [],
    },
    {
      step: 'source-table',
      account: source,
      calls: [
        `dynamodb:CreateTable ${table} (on demand, tag ${DRILL_TAG}=${record.id})`,
        'dynamodb:DescribeTable (until ACTIVE)',
        `dynamodb:BatchWriteItem ${s.itemCount} generated items`,
      ],
      creates: [`table ${table}`],
    },
    {
      step: 'source-backup',
      account: source,
      calls: [
        `backup:StartBackupJob into ${s.sourceVaultName} as ${s.copyRoleArn} (7-day retention)`,
        'backup:DescribeBackupJob (until COMPLETED)',
      ],
      creates: [`recovery point in ${s.sourceVaultName}`],
    },
    {
      step: 'copy',
      account: `${source}; then ${backup}`,
      calls: [
        `backup:StartCopyJob to ${general?.vaultArn ?? 'the general vault'} (${s.copyRetentionDays}-day retention)`,
        `backup:StartCopyJob to ${ssn?.vaultArn ?? 'the SSN vault'} (${s.copyRetentionDays}-day retention)`,
        'backup:DescribeCopyJob (until COMPLETED)',
        'backup:DescribeRecoveryPoint (backup account: arrived, under the vault key)',
      ],
      creates: [
        `recovery point in ${general?.vaultName ?? 'the general vault'} (kept by Vault Lock)`,
        `recovery point in ${ssn?.vaultName ?? 'the SSN vault'} (kept by Vault Lock)`,
      ],
    },
    {
      step: 'key-evidence',
      account: backup,
      calls: [
        `cloudtrail:LookupEvents ResourceName=${general?.keyArn ?? 'the general key'}`,
        `cloudtrail:LookupEvents ResourceName=${ssn?.keyArn ?? 'the SSN key'}`,
      ],
      creates: [],
    },
    {
      step: 'restore',
      account: backup,
      calls: [
        'backup:GetRecoveryPointRestoreMetadata (general copy)',
        `backup:StartRestoreJob targetTableName=${restored} as ${s.restoreRoleArn}`,
        `backup:DescribeRestoreJob (until COMPLETED; target ${s.rtoMinutes} minutes)`,
      ],
      creates: [`table ${restored}`],
    },
    {
      step: 'verify',
      account: backup,
      calls: [`dynamodb:Scan ${restored} (item count and content digest)`],
      creates: [],
    },
    ...breakGlassPlan(record),
    {
      step: 'cleanup',
      account: `${source}; ${backup}`,
      calls: [
        `dynamodb:DeleteTable ${table} (source)`,
        `dynamodb:DeleteTable ${restored} (backup)`,
        `backup:DeleteRecoveryPoint in ${s.sourceVaultName} (source)`,
        `backup:TagResource ${DRILL_TAG}=${record.id} on both copies (Vault Lock keeps them)`,
      ],
      creates: [],
    },
  ];
  return steps.map((step) => ({ ...step, title: stepTitle(step.step) }));
}

/** The emergency path's steps, with `--break-glass`: through the break-glass tool's own commands. */
function breakGlassPlan(record: DrillRecord): Omit<PlannedStep, 'title'>[] {
  const b = record.settings.breakGlass;
  if (!b) return [];
  const s = record.settings;
  const backup = `backup ${s.backupAccountId} (${s.backupRegion})`;
  const table = ssnRestoredTableName(record.id);
  const ssn = record.destinations?.ssn;
  const key = ssn?.keyArn ?? 'the SSN key';
  return [
    {
      step: 'break-glass-open',
      account: backup,
      calls: [
        'break-glass status (must be SEALED)',
        `break-glass open --principal ${b.roleArn} --reason "backup drill ${record.id}" --duration ${b.duration} --yes`,
      ],
      creates: ['an opening of the SSN vault and key policies for the drill role'],
    },
    {
      step: 'break-glass-restore',
      account: `${backup}, as ${b.roleArn} (sts:AssumeRole)`,
      calls: [
        `backup:GetRecoveryPointRestoreMetadata (SSN copy in ${ssn?.vaultName ?? 'the SSN vault'})`,
        `backup:StartRestoreJob targetTableName=${table} encryptionType=KMS kmsMasterKeyArn=${key}`,
        'backup:DescribeRestoreJob (until COMPLETED)',
        `dynamodb:DescribeTable ${table} (encrypted with the SSN key)`,
      ],
      creates: [`table ${table}, under the SSN key`],
    },
    {
      step: 'break-glass-verify',
      account: `${backup}, as ${b.roleArn}`,
      calls: [`dynamodb:Scan ${table} (item count and content digest)`],
      creates: [],
    },
    {
      step: 'break-glass-close',
      account: backup,
      calls: ['break-glass close (the baseline policies back, read back)'],
      creates: [],
    },
    {
      step: 'break-glass-sealed',
      account: `${backup}, as ${b.roleArn}`,
      calls: [`wait ${b.cacheWaitMinutes} minutes, then dynamodb:Scan ${table} (must be refused)`],
      creates: [],
    },
    {
      step: 'break-glass-cleanup',
      account: backup,
      calls: ['break-glass cleanup --yes', 'break-glass status (must be SEALED)'],
      creates: [],
    },
  ];
}

/** The step titles, for progress and the report. */
export function stepTitle(step: StepId): string {
  const titles: Record<StepId, string> = {
    prerequisites: 'Check the prerequisites',
    'source-table': 'Create a synthetic table in the source account',
    'source-backup': 'Back the table up in the source account',
    copy: 'Copy the recovery point into both vaults',
    'key-evidence': 'Record which principals used each key',
    restore: 'Restore the general copy and time it',
    verify: 'Compare the restored items with what was written',
    'break-glass-open': 'Open the SSN vault for the drill role (break-glass)',
    'break-glass-restore': 'Restore the SSN copy under the SSN key, as the drill role',
    'break-glass-verify': 'Compare the SSN restore with what was written',
    'break-glass-close': 'Close the opening',
    'break-glass-sealed': 'Show that the closed data can no longer be read',
    'break-glass-cleanup': 'Delete the SSN restore and end SEALED',
    cleanup: 'Remove what the drill made',
  };
  return titles[step];
}
