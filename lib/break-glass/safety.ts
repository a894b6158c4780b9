import { KMS_KEY_POLICY_LIMIT_BYTES } from '../policies/budgets';
import { SID } from '../policies/sids';
import { DomainError } from '../domain-error';
import { canonicalText, type PolicyJson } from '../policies/policy-json';

/**
 * Checks made on every key policy before it is written: the account's own administration
 * statement is there, unchanged from the baseline; the policy fits KMS's size limit.
 */
export function assertKeyPolicyWritable(policy: PolicyJson, baseline: PolicyJson, text: string): void {
  const admin = (p: PolicyJson) =>
    p.Statement.filter((s) => s.Sid === SID.enableInAccountPermissions).map((s) =>
      canonicalText({ Statement: [s] }),
    );
  const expected = admin(baseline);
  const actual = admin(policy);
  if (expected.length !== 1 || actual.length !== 1 || actual[0] !== expected[0]) {
    throw new DomainError(
      'key-policy-unsafe',
      `Refusing to write a key policy without the unchanged ${SID.enableInAccountPermissions} statement (the account's administration of the key)`,
    );
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > KMS_KEY_POLICY_LIMIT_BYTES) {
    throw new DomainError(
      'key-policy-unsafe',
      `The key policy would be ${bytes} bytes, over KMS's limit of ${KMS_KEY_POLICY_LIMIT_BYTES} bytes: shorten --reason`,
    );
  }
}
