import type { VaultSelection } from '../../aws';
import { unreadable } from '../aws-errors';
import type { DoctorAws } from '../aws';
import type { ExpectedDestination } from '../expected';
import type { Checked, DoctorContext, Unreadable } from '../types';

/** One selection of a restore testing plan (`--json` gives it as `name (resource type)`). */
export interface RestoreSelection {
  readonly name: string | undefined;
  readonly resourceType: string | undefined;
}

/** A restore testing plan whose recovery point selection could pick the SSN vault. */
export interface PlanSelectingSsn {
  readonly planName: string;
  readonly includeVaults: readonly string[];
  readonly excludeVaults: readonly string[];
  /** Its selections, and the resource type each restores. */
  readonly selections: readonly RestoreSelection[];
}

export interface RestorePlanFacts {
  readonly plans: number;
  readonly selectingSsn: readonly PlanSelectingSsn[];
}

export type RestorePlansFinding = Unreadable | ({ readonly kind: 'plans' } & RestorePlanFacts);

/** `ssn`: the SSN vault no plan may select. */
export type RestorePlansCheck = Checked<'restore-plans', RestorePlansFinding, RestorePlanFacts> & {
  readonly ssn: { readonly vaultName: string; readonly vaultArn: string };
};

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
): Promise<RestorePlansCheck> {
  const base = {
    check: 'restore-plans',
    id: 'restore-plans',
    ssn: { vaultName: ssn.vaultName, vaultArn: ssn.vaultArn },
  } as const;
  const selectingSsn: PlanSelectingSsn[] = [];
  let plans = 0;
  try {
    for (const { name: planName } of await aws.restoreTestingPlans()) {
      plans += 1;
      const selection = await aws.restoreTestingVaults(planName);
      if (!selectsVault(selection, ssn.vaultArn)) continue;
      const selections = await aws.restoreTestingSelections(planName);
      selectingSsn.push({
        planName,
        includeVaults: selection.includeVaults,
        excludeVaults: selection.excludeVaults,
        selections,
      });
    }
  } catch (error) {
    return { ...base, status: 'FAIL', finding: unreadable(error) };
  }
  const facts = { plans, selectingSsn };
  return {
    ...base,
    status: selectingSsn.length === 0 ? 'PASS' : 'FAIL',
    finding: { kind: 'plans', ...facts },
    facts,
  };
}
