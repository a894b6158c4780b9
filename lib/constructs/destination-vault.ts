import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { VaultLockSettings } from '../config/types';
import type { PolicyJson } from '../policies/policy-json';
import { policyDocumentOf } from './policy-documents';

export interface DestinationVaultProps {
  /** The vault's name, used by the environment accounts in their copy actions. */
  readonly backupVaultName: string;
  /** The key that encrypts every recovery point in the vault. */
  readonly encryptionKey: kms.IKey;
  /** The complete access policy; nothing is added to it. */
  readonly accessPolicy: PolicyJson;
  /** Vault Lock: retention bounds, and compliance mode after `changeableForDays`. */
  readonly lock: VaultLockSettings;
  /**
   * The topic that receives this vault's notifications (`VAULT_NOTIFICATION_EVENTS`).
   * @default - no notifications
   */
  readonly notificationTopic?: sns.ITopic;
}

/**
 * The vault notifications that matter to a copy destination (AWS Backup API, BackupVaultEvents).
 * Restores run in the account that owns the vault, so RESTORE_JOB_STARTED and RESTORE_JOB_COMPLETED
 * are this account's; RECOVERY_POINT_MODIFIED reports a change to a kept copy; COPY_JOB_FAILED reports
 * a failed copy out of the vault (and of copies into it, if AWS Backup reports those here: AWS does
 * not document which account's vault notifies for a cross-account copy). BACKUP_JOB_* do not occur
 * (nothing backs up into these vaults), COPY_JOB_STARTED and COPY_JOB_SUCCESSFUL would be routine
 * noise, S3_* concern S3 backups only.
 */
export const VAULT_NOTIFICATION_EVENTS: readonly backup.BackupVaultEvents[] = [
  backup.BackupVaultEvents.RESTORE_JOB_STARTED,
  backup.BackupVaultEvents.RESTORE_JOB_COMPLETED,
  backup.BackupVaultEvents.RECOVERY_POINT_MODIFIED,
  backup.BackupVaultEvents.COPY_JOB_FAILED,
];

/**
 * A vault that receives cross-account copies: its own key, its own access policy, Vault Lock,
 * and retained when the stack is deleted. A `backup.BackupVault` itself, so that construct paths
 * (and logical IDs) are those of the original app.
 */
export class DestinationVault extends backup.BackupVault {
  constructor(scope: Construct, id: string, props: DestinationVaultProps) {
    super(scope, id, {
      backupVaultName: props.backupVaultName,
      encryptionKey: props.encryptionKey,
      accessPolicy: policyDocumentOf(props.accessPolicy),
      removalPolicy: RemovalPolicy.RETAIN,
      lockConfiguration: renderLock(props.lock),
      notificationTopic: props.notificationTopic,
      notificationEvents: props.notificationTopic ? [...VAULT_NOTIFICATION_EVENTS] : undefined,
    });
  }
}

function renderLock(lock: VaultLockSettings): backup.LockConfiguration {
  const days = (n: number | undefined) => (n === undefined ? undefined : Duration.days(n));
  return {
    minRetention: Duration.days(lock.minRetentionDays),
    maxRetention: days(lock.maxRetentionDays),
    changeableFor: days(lock.changeableForDays),
  };
}
