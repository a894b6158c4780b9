import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  ListAliasesCommand,
  PutKeyPolicyCommand,
} from '@aws-sdk/client-kms';
import type { AwsClients } from './clients';
import { required } from './calls';

export interface KeyRef {
  readonly keyId: string;
  readonly arn: string;
}

/** Whether a key can be used, as DescribeKey reports it. */
export interface KeyState {
  readonly keyId: string | undefined;
  /** Enabled, Disabled, PendingDeletion… as KMS reports it. */
  readonly keyState: string | undefined;
  readonly enabled: boolean;
  readonly deletionDate: Date | undefined;
}

export interface KeyRotation {
  readonly enabled: boolean;
  readonly periodDays: number | undefined;
}

/** A KMS key: its policy, state, rotation, and the aliases that name it. */
export interface KeyAws {
  /** Resolves a key ID, key ARN or alias (`alias/…`) to its key. */
  describeKey(keyIdOrAlias: string): Promise<KeyRef>;
  getKeyPolicy(keyId: string): Promise<string>;
  putKeyPolicy(keyId: string, policy: string): Promise<void>;
  keyState(keyId: string): Promise<KeyState>;
  keyRotation(keyId: string): Promise<KeyRotation>;
  /** The key ID an alias (`alias/…`) targets; undefined when there is no such alias. */
  aliasTarget(aliasName: string): Promise<string | undefined>;
}

/** The key policy name: KMS keys have exactly one policy, named "default". */
const KEY_POLICY_NAME = 'default';

export function keyAws(clients: Pick<AwsClients, 'kms'>): KeyAws {
  return {
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
    async keyState(keyId) {
      const meta = (await clients.kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata;
      return {
        keyId: meta?.KeyId,
        keyState: meta?.KeyState,
        enabled: meta?.Enabled === true,
        deletionDate: meta?.DeletionDate,
      };
    },
    async keyRotation(keyId) {
      const out = await clients.kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }));
      return { enabled: out.KeyRotationEnabled === true, periodDays: out.RotationPeriodInDays };
    },
    async aliasTarget(aliasName) {
      let marker: string | undefined;
      do {
        const page = await clients.kms.send(new ListAliasesCommand({ Marker: marker }));
        const found = page.Aliases?.find((a) => a.AliasName === aliasName);
        if (found) return found.TargetKeyId;
        marker = page.Truncated ? page.NextMarker : undefined;
      } while (marker);
      return undefined;
    },
  };
}
