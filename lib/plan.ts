import { ConfigError } from './config/errors';
import type { BackupAccountConfig } from './config/types';
import { DESTINATIONS, type Destination } from './policies/destinations';
import { budgetOverruns, KEY_POLICY_BUDGET, policySizeBytes, VAULT_POLICY_BUDGET } from './policies/budgets';
import { keyPolicy, vaultPolicy } from './policies/documents';
import type { PolicyJson } from './policies/policy-json';

/** A destination with the two policies the stack will deploy for it. */
export interface PlannedDestination {
  readonly destination: Destination;
  readonly keyPolicy: PolicyJson;
  readonly vaultPolicy: PolicyJson;
}

export function planDestinations(config: BackupAccountConfig): PlannedDestination[] {
  return DESTINATIONS.map((d) => ({
    destination: d,
    keyPolicy: keyPolicy(d, config),
    vaultPolicy: vaultPolicy(d, config),
  }));
}

/** Every planned policy, named as operators know it, with its size budget. */
export function namedPolicies(planned: readonly PlannedDestination[], config: BackupAccountConfig) {
  return planned.flatMap(({ destination: d, keyPolicy: key, vaultPolicy: vault }) => [
    { name: `${d.aliasName} key policy`, document: key, budget: KEY_POLICY_BUDGET },
    { name: `${d.vaultName(config)} vault access policy`, document: vault, budget: VAULT_POLICY_BUDGET },
  ]);
}

/**
 * Fails, as a configuration error, when a policy would exceed its size budget: the message names
 * the policy, its size, the limit and what one more source account costs.
 */
export function assertPoliciesWithinBudgets(
  planned: readonly PlannedDestination[],
  config: BackupAccountConfig,
): void {
  const overruns = budgetOverruns(namedPolicies(planned, config));
  if (overruns.length === 0) return;
  const perAccount = marginalBytesPerSourceAccount(planned, config);
  throw new ConfigError(
    overruns.map((o) => ({
      key: 'source_account_ids',
      message:
        `the ${o.policy} would be ${o.sizeBytes} bytes, over the limit of ${o.budget.limitBytes} bytes ` +
        `(${o.budget.source}); each source account adds about ${perAccount.get(o.policy)} bytes to it: ` +
        'list fewer source accounts or source regions, or give some environments a backup account of their own',
    })),
    'policy size budgets',
  );
}

function marginalBytesPerSourceAccount(
  planned: readonly PlannedDestination[],
  config: BackupAccountConfig,
): Map<string, number> {
  const sizes = (c: BackupAccountConfig, p: readonly PlannedDestination[]) =>
    new Map(namedPolicies(p, c).map((n) => [n.name, policySizeBytes(n.document)]));
  const extra = { ...config, sourceAccountIds: [...config.sourceAccountIds, '999999999999'] };
  const before = sizes(config, planned);
  const after = sizes(extra, planDestinations(extra));
  return new Map([...before].map(([name, size]) => [name, (after.get(name) ?? size) - size]));
}
