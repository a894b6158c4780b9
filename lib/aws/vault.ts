import {
  DescribeBackupVaultCommand,
  GetBackupVaultAccessPolicyCommand,
  ListRecoveryPointsByBackupVaultCommand,
  PutBackupVaultAccessPolicyCommand,
} from '@aws-sdk/client-backup';
import type { AwsClients } from './clients';
import { allPages, required, unless } from './calls';

export interface VaultRef {
  readonly name: string;
  readonly arn: string;
  /** The key the vault encrypts with (DescribeBackupVault's EncryptionKeyArn). */
  readonly encryptionKeyArn: string;
}

/** A vault's Vault Lock and contents, as DescribeBackupVault reports them. */
export interface VaultState {
  readonly arn: string | undefined;
  readonly encryptionKeyArn: string | undefined;
  readonly createdAt: Date | undefined;
  readonly locked: boolean;
  /** When the lock becomes (or became) immutable: compliance mode only. */
  readonly lockDate: Date | undefined;
  readonly minRetentionDays: number | undefined;
  readonly maxRetentionDays: number | undefined;
  /** AWS Backup's count (it documents it as approximate). */
  readonly recoveryPoints: number | undefined;
}

/** A recovery point of a vault (ListRecoveryPointsByBackupVault). */
export interface VaultRecoveryPoint {
  readonly createdAt: Date | undefined;
  readonly status: string;
}

/** An AWS Backup vault: its access policy, the key it encrypts with, its lock and recovery points. */
export interface VaultAws {
  /** The vault's access policy text; undefined when the vault has none (or does not exist). */
  getVaultPolicy(vaultName: string): Promise<string | undefined>;
  putVaultPolicy(vaultName: string, policy: string): Promise<void>;
  describeVault(vaultName: string): Promise<VaultRef>;
  vaultExists(vaultName: string): Promise<boolean>;
  /** The vault's lock and contents; undefined when there is no such vault. */
  vaultState(vaultName: string): Promise<VaultState | undefined>;
  /** Every recovery point of the vault created after `createdAfter` (or ever), all pages. */
  vaultRecoveryPoints(vaultName: string, createdAfter: Date | undefined): Promise<VaultRecoveryPoint[]>;
}

export function vaultAws(clients: Pick<AwsClients, 'backup'>): VaultAws {
  return {
    async getVaultPolicy(vaultName) {
      // AWS Backup answers a vault without an access policy with ResourceNotFoundException.
      const out = await unless(['ResourceNotFoundException'], () =>
        clients.backup.send(new GetBackupVaultAccessPolicyCommand({ BackupVaultName: vaultName })),
      );
      return out?.Policy;
    },
    async putVaultPolicy(vaultName, policy) {
      await clients.backup.send(
        new PutBackupVaultAccessPolicyCommand({ BackupVaultName: vaultName, Policy: policy }),
      );
    },
    async describeVault(vaultName) {
      const out = await clients.backup.send(new DescribeBackupVaultCommand({ BackupVaultName: vaultName }));
      return {
        name: vaultName,
        arn: required(out.BackupVaultArn, `ARN of vault ${vaultName}`),
        encryptionKeyArn: required(out.EncryptionKeyArn, `encryption key of vault ${vaultName}`),
      };
    },
    async vaultExists(vaultName) {
      const out = await unless(['ResourceNotFoundException'], () =>
        clients.backup.send(new DescribeBackupVaultCommand({ BackupVaultName: vaultName })),
      );
      return out !== undefined;
    },
    async vaultState(vaultName) {
      const out = await unless(['ResourceNotFoundException'], () =>
        clients.backup.send(new DescribeBackupVaultCommand({ BackupVaultName: vaultName })),
      );
      if (out === undefined) return undefined;
      return {
        arn: out.BackupVaultArn,
        encryptionKeyArn: out.EncryptionKeyArn,
        createdAt: out.CreationDate,
        locked: out.Locked === true,
        lockDate: out.LockDate,
        minRetentionDays: out.MinRetentionDays,
        maxRetentionDays: out.MaxRetentionDays,
        recoveryPoints: out.NumberOfRecoveryPoints,
      };
    },
    vaultRecoveryPoints: (vaultName, createdAfter) =>
      allPages(async (NextToken) => {
        const out = await clients.backup.send(
          new ListRecoveryPointsByBackupVaultCommand({
            BackupVaultName: vaultName,
            ByCreatedAfter: createdAfter,
            NextToken,
          }),
        );
        return {
          next: out.NextToken,
          items: (out.RecoveryPoints ?? []).map((p) => ({
            createdAt: p.CreationDate,
            status: p.Status ?? 'UNKNOWN',
          })),
        };
      }),
  };
}
