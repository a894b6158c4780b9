import { DescribeKeyCommand, GetKeyPolicyCommand, PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import type { AwsClients } from './clients';
import { required } from './calls';

export interface KeyRef {
  readonly keyId: string;
  readonly arn: string;
}

/** A KMS key and its one policy. */
export interface KeyAws {
  /** Resolves a key ID, key ARN or alias (`alias/…`) to its key. */
  describeKey(keyIdOrAlias: string): Promise<KeyRef>;
  getKeyPolicy(keyId: string): Promise<string>;
  putKeyPolicy(keyId: string, policy: string): Promise<void>;
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
  };
}
