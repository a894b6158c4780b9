import type { VaultSelection } from '../../aws';
import { readFailure } from '../aws-errors';
import type { DoctorAws } from '../aws';
import type { ExpectedDestination } from '../expected';
import type { CheckResult, DoctorContext } from '../types';

/** A restore testing plan whose recovery point selection could pick the SSN vault. */
export interface PlanSelectingSsn {
  readonly planName: string;
  readonly includeVaults: readonly string[];
  readonly excludeVaults: readonly string[];
  /** The resource types its selections restore. */
  readonly selections: readonly string[];
}

export interface RestorePlanFacts {
  readonly plans: number;
  readonly selectingSsn: readonly PlanSelectingSsn[];
}

/** Whether a vault entry of a plan (an ARN, `*`, or an ARN with `*` wildcards) names the vault. */
export function vaultPatternMatches(pattern: string, vaultArn: string): boolean {
  const regex = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${regex}$`).test(vaultArn);
}

/** Whether a plan's recovery point selection includes the vault and does not exclude it. */
export function selectsVault(selection: VaultSelection | undefined, vaultArn: string): boolean {
  const included = (selection?.includeVaults ?? []).some((p) => vaultPatternMatches(p, vaultArn));
  const excluded = (selection?.excludeVaults ?? []).some((p) => vaultPatternMatches(p, vaultArn));
  return included && !excluded;
}

/**
 * No restore testing plan in the account may select the SSN vault: restore testing restores what
 * it selects into this account, where a restored SSN table is open data. The vault's DENY refuses
 * such restores today; this check catches the plan before an opening (or a change) lets one run.
 */
export async function checkRestorePlans(
  aws: Pick<DoctorAws, 'restoreTestingPlans' | 'restoreTestingVaults' | 'restoreTestingSelections'>,
  _ctx: DoctorContext,
  ssn: ExpectedDestination,
): Promise<CheckResult<RestorePlanFacts>> {
  const base = { id: 'restore-plans', title: 'Restore testing plans' };
  const selectingSsn: PlanSelectingSsn[] = [];
  let plans = 0;
  try {
    for (const { name: planName } of await aws.restoreTestingPlans()) {
      plans += 1;
      const selection = await aws.restoreTestingVaults(planName);
      if (!selectsVault(selection, ssn.vaultArn)) continue;
      const selections = (await aws.restoreTestingSelections(planName)).map(
        (s) => `${s.name ?? '?'} (${s.resourceType ?? '?'})`,
      );
      selectingSsn.push({
        planName,
        includeVaults: selection.includeVaults,
        excludeVaults: selection.excludeVaults,
        selections,
      });
    }
  } catch (error) {
    return { ...base, status: 'FAIL', summary: `cannot be read: ${readFailure(error)}`, details: [] };
  }
  const facts = { plans, selectingSsn };
  if (selectingSsn.length === 0)
    return {
      ...base,
      status: 'PASS',
      summary: `none of ${plans} plan${plans === 1 ? '' : 's'} can select the SSN vault ${ssn.vaultName}`,
      details: [],
      facts,
    };
  return {
    ...base,
    status: 'FAIL',
    summary: `${selectingSsn.length} plan${selectingSsn.length === 1 ? '' : 's'} can select the SSN vault ${ssn.vaultName}: a restore test would restore SSN data into this account`,
    details: selectingSsn.map(
      (p) =>
        `${p.planName}: IncludeVaults ${JSON.stringify(p.includeVaults)}, ExcludeVaults ${JSON.stringify(p.excludeVaults)}; selections: ${p.selections.join(', ') || 'none yet'}. Exclude ${ssn.vaultArn} or name only other vaults.`,
    ),
    facts,
  };
}
