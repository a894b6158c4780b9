import {
  DescribeBackupVaultCommand,
  GetBackupVaultAccessPolicyCommand,
  PutBackupVaultAccessPolicyCommand,
} from '@aws-sdk/client-backup';
import type { AwsClients } from './clients';
import { required, unless } from './calls';

export interface VaultRef {
  readonly name: string;
  readonly arn: string;
  /** The key the vault encrypts with (DescribeBackupVault's EncryptionKeyArn). */
  readonly encryptionKeyArn: string;
}

/** An AWS Backup vault: its access policy and the key it encrypts with. */
export interface VaultAws {
  /** The vault's access policy text; undefined when the vault has none (or does not exist). */
  getVaultPolicy(vaultName: string): Promise<string | undefined>;
  putVaultPolicy(vaultName: string, policy: string): Promise<void>;
  describeVault(vaultName: string): Promise<VaultRef>;
  vaultExists(vaultName: string): Promise<boolean>;
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
  };
}
