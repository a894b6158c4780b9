import {
  type BackupClient,
  DescribeBackupVaultCommand,
  GetBackupVaultAccessPolicyCommand,
  PutBackupVaultAccessPolicyCommand,
} from '@aws-sdk/client-backup';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetRoleCommand, type IAMClient } from '@aws-sdk/client-iam';
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  type KMSClient,
  PutKeyPolicyCommand,
} from '@aws-sdk/client-kms';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { type EvidenceAws, type EvidenceClients, evidenceAwsFromClients } from './aws-evidence';
import { type TrackingAws, trackingAwsFromClients } from './aws-tracking';
import { errorName } from '../aws-errors';

export type { DeployedStack, EvidenceAws, ObjectRetention } from './aws-evidence';
export type { RestoreJob, Table, TrackingAws } from './aws-tracking';

/** Who is calling, from STS GetCallerIdentity. */
export interface CallerIdentity {
  readonly account: string;
  readonly arn: string;
  readonly userId: string;
}

export interface KeyRef {
  readonly keyId: string;
  readonly arn: string;
}

export interface VaultRef {
  readonly name: string;
  readonly arn: string;
  /** The key the vault encrypts with (DescribeBackupVault's EncryptionKeyArn). */
  readonly encryptionKeyArn: string;
}

/** The AWS calls the tool makes, and no others. Tests give it mocked SDK clients. */
export interface BreakGlassAws extends TrackingAws, EvidenceAws {
  /** The vault's access policy text; undefined when the vault has none (or does not exist). */
  getVaultPolicy(vaultName: string): Promise<string | undefined>;
  putVaultPolicy(vaultName: string, policy: string): Promise<void>;
  describeVault(vaultName: string): Promise<VaultRef>;
  /** Resolves a key ID, key ARN or alias (`alias/…`) to its key. */
  describeKey(keyIdOrAlias: string): Promise<KeyRef>;
  getKeyPolicy(keyId: string): Promise<string>;
  putKeyPolicy(keyId: string, policy: string): Promise<void>;
  callerIdentity(): Promise<CallerIdentity>;
  /** Whether an IAM role exists; undefined when the caller may not ask (iam:GetRole denied). */
  roleExists(roleName: string): Promise<boolean | undefined>;
}

/** The SDK v3 clients (only `send` is used); build them with `{ region, profile }`. */
export interface AwsClients extends EvidenceClients {
  readonly backup: Pick<BackupClient, 'send'>;
  readonly kms: Pick<KMSClient, 'send'>;
  readonly sts: Pick<STSClient, 'send'>;
  readonly dynamodb: Pick<DynamoDBClient, 'send'>;
  readonly iam: Pick<IAMClient, 'send'>;
}

/** The key policy name: KMS keys have exactly one policy, named "default". */
const KEY_POLICY_NAME = 'default';

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`AWS returned no ${what}`);
  return value;
}

export function awsFromClients(clients: AwsClients): BreakGlassAws {
  return {
    ...trackingAwsFromClients(clients),
    ...evidenceAwsFromClients(clients),
    async getVaultPolicy(vaultName) {
      try {
        const out = await clients.backup.send(
          new GetBackupVaultAccessPolicyCommand({ BackupVaultName: vaultName }),
        );
        return out.Policy;
      } catch (error) {
        // AWS Backup answers a vault without an access policy with ResourceNotFoundException.
        if (errorName(error) === 'ResourceNotFoundException') return undefined;
        throw error;
      }
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
    async describeKey(keyIdOrAlias) {
      const out = await clients.kms.send(new DescribeKeyCommand({ KeyId: keyIdOrAlias }));
      const meta = required(out.KeyMetadata, `key metadata for ${keyIdOrAlias}`);
      return {
        keyId: required(meta.KeyId, `key ID for ${keyIdOrAlias}`),
        arn: required(meta.Arn, `ARN for ${keyIdOrAlias}`),
      };
    },
    async getKeyPolicy(keyId) {
      const out = await clients.kms.send(
        new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: KEY_POLICY_NAME }),
      );
      return required(out.Policy, `key policy for ${keyId}`);
    },
    async putKeyPolicy(keyId, policy) {
      await clients.kms.send(
        new PutKeyPolicyCommand({ KeyId: keyId, PolicyName: KEY_POLICY_NAME, Policy: policy }),
      );
    },
    async callerIdentity() {
      const out = await clients.sts.send(new GetCallerIdentityCommand({}));
      return {
        account: required(out.Account, 'caller account'),
        arn: required(out.Arn, 'caller ARN'),
        userId: required(out.UserId, 'caller user ID'),
      };
    },
    async roleExists(roleName) {
      try {
        await clients.iam.send(new GetRoleCommand({ RoleName: roleName }));
        return true;
      } catch (error) {
        const name = errorName(error);
        if (name === 'NoSuchEntityException' || name === 'NoSuchEntity') return false;
        if (name === 'AccessDenied' || name === 'AccessDeniedException') return undefined;
        throw error;
      }
    },
  };
}
