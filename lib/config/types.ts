/** The validated, typed configuration of one backup account. Built once, by `loadConfig`. */
export interface BackupAccountConfig {
  /** The dedicated backup account that receives the copies (12 digits). */
  readonly backupAccountId: string;
  /** The AWS Organization that the source accounts belong to (`o-…`). */
  readonly organizationId: string;
  /** Region of the backup account's vaults and keys. */
  readonly backupRegion: string;
  /** Environment accounts allowed to copy recovery points into the vaults. */
  readonly sourceAccountIds: readonly string[];
  /** Regions the environment accounts copy from. */
  readonly sourceRegions: readonly string[];
  /** Name of the general backup vault. */
  readonly backupVaultName: string;
  /** Name of the SSN backup vault. */
  readonly ssnBackupVaultName: string;
  /** Tags applied to every resource of the stack. */
  readonly tags: Readonly<Record<string, string>>;
  /** Vault Lock settings, applied to both vaults. */
  readonly vaultLock: VaultLockSettings;
  /** Alerting: who is e-mailed, and when a vault counts as stale. */
  readonly alerts: AlertSettings;
  /** How long a restore may take, in minutes: the drill's target and the audit framework's. */
  readonly restoreTimeTargetMinutes: number;
  /** The evidence bucket, and AWS Backup Audit Manager's framework and reports. */
  readonly evidence: EvidenceSettings;
  /**
   * Restore testing of the general vault.
   * @default - undefined: no restore testing (`restore_testing_schedule` absent)
   */
  readonly restoreTesting?: RestoreTestingSettings;
}

export interface EvidenceSettings {
  /** Days each evidence object is kept under Object Lock in compliance mode. */
  readonly retentionDays: number;
  /**
   * Whether to deploy an AWS Backup Audit Manager framework and report plans (they need AWS Config
   * to record resources, which costs money).
   */
  readonly auditFramework: boolean;
}

export interface RestoreTestingSettings {
  /** When AWS Backup runs the tests: an AWS Backup cron expression, in UTC. */
  readonly schedule: string;
  /** Recovery points created within this many days qualify; the latest is restored. */
  readonly selectionWindowDays: number;
  /** Hours the restored table is kept for validation before AWS Backup deletes it. */
  readonly validationWindowHours: number;
}

export interface AlertSettings {
  /** Addresses subscribed to the alert topic by e-mail; each must confirm the subscription. */
  readonly emails: readonly string[];
  /** Hours without a new recovery point after which a vault counts as stale. */
  readonly freshnessHours: number;
}

export interface VaultLockSettings {
  /** Shortest retention, in days, that a recovery point copied into a vault may have. */
  readonly minRetentionDays: number;
  /**
   * Longest retention, in days, that a recovery point copied into a vault may have.
   * @default - no maximum
   */
  readonly maxRetentionDays?: number;
  /**
   * Days after deployment during which the lock can still be removed; after them the lock
   * becomes immutable (compliance mode).
   * @default - undefined means governance mode: the lock stays removable by privileged principals
   */
  readonly changeableForDays?: number;
}
