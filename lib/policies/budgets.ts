import type { PolicyJson } from './policy-json';

/**
 * Size budgets for the policies, checked at synthesis so that an oversized configuration fails with
 * a useful message instead of a CloudFormation rollback.
 */
export interface PolicyBudget {
  readonly limitBytes: number;
  /** Where the limit comes from. */
  readonly source: string;
}

/** AWS KMS's documented quota: a key policy document is at most 32,768 bytes. */
export const KMS_KEY_POLICY_LIMIT_BYTES = 32_768;

/**
 * Room kept free in each key policy for the break-glass tool's temporary statements; the worst-case
 * opening (longest role ARN and reason) must fit (test/seal/opening.test.ts). The key policy
 * is not the first policy to reach its budget, so the larger room costs no source account.
 */
export const KEY_BREAK_GLASS_RESERVE_BYTES = 5_120;

/** Room kept free in each vault policy for the break-glass tool's temporary statements (same test). */
export const VAULT_BREAK_GLASS_RESERVE_BYTES = 4_096;

export const KEY_POLICY_BUDGET: PolicyBudget = {
  limitBytes: KMS_KEY_POLICY_LIMIT_BYTES - KEY_BREAK_GLASS_RESERVE_BYTES,
  source: `AWS KMS's key policy quota of ${KMS_KEY_POLICY_LIMIT_BYTES} bytes, less ${KEY_BREAK_GLASS_RESERVE_BYTES} kept for break-glass statements`,
};

/**
 * AWS Backup documents no size limit for vault access policies (neither the developer guide nor the
 * PutBackupVaultAccessPolicy API reference). We assume 16,384 bytes: below the smallest limit that
 * AWS documents for comparable storage resource policies (20 KB for S3 bucket and S3 Glacier vault
 * access policies), less room for the break-glass statements.
 */
export const ASSUMED_VAULT_POLICY_LIMIT_BYTES = 16_384;

export const VAULT_POLICY_BUDGET: PolicyBudget = {
  limitBytes: ASSUMED_VAULT_POLICY_LIMIT_BYTES - VAULT_BREAK_GLASS_RESERVE_BYTES,
  source: `an assumed vault access policy limit of ${ASSUMED_VAULT_POLICY_LIMIT_BYTES} bytes (AWS Backup documents none), less ${VAULT_BREAK_GLASS_RESERVE_BYTES} kept for break-glass statements`,
};

/** The policy's size as the service receives it: compact JSON, in UTF-8 bytes. */
export function policySizeBytes(document: PolicyJson): number {
  return Buffer.byteLength(JSON.stringify(document), 'utf8');
}

export interface BudgetOverrun {
  readonly policy: string;
  readonly sizeBytes: number;
  readonly budget: PolicyBudget;
}

/** The policies over their budgets; empty when all fit. */
export function budgetOverruns(
  policies: readonly { name: string; document: PolicyJson; budget: PolicyBudget }[],
): BudgetOverrun[] {
  return policies
    .map((p) => ({ policy: p.name, sizeBytes: policySizeBytes(p.document), budget: p.budget }))
    .filter((o) => o.sizeBytes > o.budget.limitBytes);
}
