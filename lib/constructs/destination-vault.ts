import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { VaultLockSettings } from '../config/types';

export interface DestinationVaultProps {
  /** The vault's name, used by the environment accounts in their copy actions. */
  readonly backupVaultName: string;
  /** The key that encrypts every recovery point in the vault. */
  readonly encryptionKey: kms.IKey;
  /** The complete access policy; nothing is added to it. */
  readonly accessPolicy: iam.PolicyDocument;
  /** Vault Lock: retention bounds, and compliance mode after `changeableForDays`. */
  readonly lock: VaultLockSettings;
}

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
      accessPolicy: props.accessPolicy,
      removalPolicy: RemovalPolicy.RETAIN,
      lockConfiguration: renderLock(props.lock),
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
