import type { BackupAccountConfig } from '../../config/types';

/** The framework's name (letters, digits and underscores, as AWS Backup requires). */
export const AUDIT_FRAMEWORK_NAME = 'compactconnect_backup_destination';

/** One AWS Backup Audit Manager control as the framework deploys it. */
export interface AuditControl {
  readonly name: string;
  /** What it evaluates here, for docs/controls.md. */
  readonly evaluates: string;
  readonly parameters?: Readonly<Record<string, string>>;
}

/** A control that is left out, with the reason. */
export interface ControlLeftOut {
  readonly name: string;
  readonly reason: string;
}

/**
 * The controls that evaluate a destination account: its recovery points and vaults, and its
 * restores. The restore-time control is on only with restore testing, which makes restores here.
 */
export function auditControls(config: BackupAccountConfig): AuditControl[] {
  return [
    {
      name: 'BACKUP_RECOVERY_POINT_ENCRYPTED',
      evaluates: 'every recovery point in the account is encrypted',
    },
    {
      name: 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK',
      evaluates: 'every recovery point is kept at least as long as the Vault Lock minimum',
      parameters: { requiredRetentionDays: String(config.vaultLock.minRetentionDays) },
    },
    {
      name: 'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED',
      evaluates:
        'each vault policy denies manual deletion; it reports both vaults NON_COMPLIANT, by design (see below)',
    },
    ...(config.restoreTesting
      ? [
          {
            name: 'RESTORE_TIME_FOR_RESOURCES_MEET_TARGET',
            evaluates: 'restores in the account (restore tests) finish within restore_time_target_minutes',
            parameters: { maxRestoreTime: String(config.restoreTimeTargetMinutes) },
          },
        ]
      : []),
  ];
}

/** Controls that judge what a destination account does not have, and why each is left out. */
export const CONTROLS_LEFT_OUT: readonly ControlLeftOut[] = [
  {
    name: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN',
    reason: 'judges the protected resources (the tables), which live in the environment accounts',
  },
  {
    name: 'BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK',
    reason: "judges backup plans; the copies arrive from the environment accounts' plans",
  },
  {
    name: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK',
    reason:
      "judges protected resources of this account, which has none; the vaults' Vault Lock is in the template and checked by doctor",
  },
  {
    name: 'BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION',
    reason: 'judges the environment accounts, whose copies come here',
  },
  {
    name: 'BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT',
    reason: 'judges the environment accounts, whose copies come here',
  },
  {
    name: 'BACKUP_LAST_RECOVERY_POINT_CREATED',
    reason: 'judges protected resources; the freshness check alerts when copies stop arriving',
  },
];

/** The report plans and the report template each uses. */
export const REPORT_TEMPLATES = [
  'BACKUP_JOB_REPORT',
  'COPY_JOB_REPORT',
  'RESTORE_JOB_REPORT',
  'CONTROL_COMPLIANCE_REPORT',
] as const;
