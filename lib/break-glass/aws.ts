import {
  type BackupClient,
  DescribeBackupVaultCommand,
  GetBackupVaultAccessPolicyCommand,
  ListRestoreJobsCommand,
  PutBackupVaultAccessPolicyCommand,
} from '@aws-sdk/client-backup';
import { DeleteTableCommand, DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetRoleCommand, type IAMClient } from '@aws-sdk/client-iam';
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  type KMSClient,
  PutKeyPolicyCommand,
} from '@aws-sdk/client-kms';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';

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

/** One restore job, as ListRestoreJobs reports it. */
export interface RestoreJob {
  readonly restoreJobId: string;
  readonly backupVaultArn: string | undefined;
  readonly recoveryPointArn: string | undefined;
  readonly status: string;
  readonly statusMessage: string | undefined;
  readonly createdAt: string | undefined;
  /** The role the restore ran as. */
  readonly iamRoleArn: string | undefined;
  /** What the restore created (a DynamoDB table ARN); unknown until the job has created it. */
  readonly createdResourceArn: string | undefined;
  readonly resourceType: string | undefined;
}

/** The AWS calls the tool makes, and no others. Tests give it mocked SDK clients. */
export interface BreakGlassAws {
  /** The vault's access policy text; undefined when the vault has none (or does not exist). */
  getVaultPolicy(vaultName: string): Promise<string | undefined>;
  putVaultPolicy(vaultName: string, policy: string): Promise<void>;
  describeVault(vaultName: string): Promise<VaultRef>;
  /** Resolves a key ID, key ARN or alias (`alias/…`) to its key. */
  describeKey(keyIdOrAlias: string): Promise<KeyRef>;
  getKeyPolicy(keyId: string): Promise<string>;
  putKeyPolicy(keyId: string, policy: string): Promise<void>;
  callerIdentity(): Promise<CallerIdentity>;
  /** Every restore job created after `createdAfter`, all pages. */
  listRestoreJobs(createdAfter: Date): Promise<RestoreJob[]>;
  /** Whether a DynamoDB table exists (a table being deleted counts as gone). */
  tableExists(tableName: string): Promise<boolean>;
  deleteTable(tableName: string): Promise<void>;
  /** Whether an IAM role exists; undefined when the caller may not ask (iam:GetRole denied). */
  roleExists(roleName: string): Promise<boolean | undefined>;
}

/** The SDK v3 clients (only `send` is used); build them with `{ region, profile }`. */
export interface AwsClients {
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

function errorName(error: unknown): string | undefined {
  return (error as { name?: string }).name;
}

export function awsFromClients(clients: AwsClients): BreakGlassAws {
  return {
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
    async listRestoreJobs(createdAfter) {
      const jobs: RestoreJob[] = [];
      let nextToken: string | undefined;
      do {
        const out = await clients.backup.send(
          new ListRestoreJobsCommand({ ByCreatedAfter: createdAfter, NextToken: nextToken }),
        );
        for (const job of out.RestoreJobs ?? []) {
          jobs.push({
            restoreJobId: required(job.RestoreJobId, 'restore job ID'),
            backupVaultArn: job.BackupVaultArn,
            recoveryPointArn: job.RecoveryPointArn,
            status: job.Status ?? 'UNKNOWN',
            statusMessage: job.StatusMessage,
            createdAt: job.CreationDate?.toISOString(),
            iamRoleArn: job.IamRoleArn,
            createdResourceArn: job.CreatedResourceArn,
            resourceType: job.ResourceType,
          });
        }
        nextToken = out.NextToken;
      } while (nextToken);
      return jobs;
    },
    async tableExists(tableName) {
      try {
        const out = await clients.dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
        return out.Table?.TableStatus !== 'DELETING';
      } catch (error) {
        if (errorName(error) === 'ResourceNotFoundException') return false;
        throw error;
      }
    },
    async deleteTable(tableName) {
      await clients.dynamodb.send(new DeleteTableCommand({ TableName: tableName }));
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
