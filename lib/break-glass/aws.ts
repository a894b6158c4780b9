import {
  type BackupClient,
  GetBackupVaultAccessPolicyCommand,
  PutBackupVaultAccessPolicyCommand,
} from '@aws-sdk/client-backup';
import { type CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
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

export interface StackOutputs {
  readonly stackId: string;
  readonly outputs: Readonly<Record<string, string>>;
}

/** The AWS calls the tool makes, and no others. Tests give it mocked SDK clients. */
export interface BreakGlassAws {
  /** The vault's access policy text; undefined when the vault has none (or does not exist). */
  getVaultPolicy(vaultName: string): Promise<string | undefined>;
  putVaultPolicy(vaultName: string, policy: string): Promise<void>;
  /** Resolves an alias (`alias/…`) to its key. */
  describeKey(keyIdOrAlias: string): Promise<KeyRef>;
  getKeyPolicy(keyId: string): Promise<string>;
  putKeyPolicy(keyId: string, policy: string): Promise<void>;
  callerIdentity(): Promise<CallerIdentity>;
  stackOutputs(stackName: string): Promise<StackOutputs>;
}

/** The SDK v3 clients (only `send` is used); build them with `{ region, profile }`. */
export interface AwsClients {
  readonly backup: Pick<BackupClient, 'send'>;
  readonly kms: Pick<KMSClient, 'send'>;
  readonly sts: Pick<STSClient, 'send'>;
  readonly cloudformation: Pick<CloudFormationClient, 'send'>;
}

/** The key policy name: KMS keys have exactly one policy, named "default". */
const KEY_POLICY_NAME = 'default';

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`AWS returned no ${what}`);
  return value;
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
        if ((error as { name?: string }).name === 'ResourceNotFoundException') return undefined;
        throw error;
      }
    },
    async putVaultPolicy(vaultName, policy) {
      await clients.backup.send(
        new PutBackupVaultAccessPolicyCommand({ BackupVaultName: vaultName, Policy: policy }),
      );
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
    async stackOutputs(stackName) {
      const out = await clients.cloudformation.send(new DescribeStacksCommand({ StackName: stackName }));
      const stack = required(out.Stacks?.[0], `stack ${stackName}`);
      const outputs: Record<string, string> = {};
      for (const o of stack.Outputs ?? [])
        if (o.OutputKey && o.OutputValue) outputs[o.OutputKey] = o.OutputValue;
      return { stackId: required(stack.StackId, `stack ID of ${stackName}`), outputs };
    },
  };
}
