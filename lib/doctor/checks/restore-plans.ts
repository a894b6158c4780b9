import {
  GetRestoreTestingPlanCommand,
  ListRestoreTestingPlansCommand,
  ListRestoreTestingSelectionsCommand,
  type RestoreTestingRecoveryPointSelection,
} from '@aws-sdk/client-backup';
import { readFailure } from '../aws-errors';
import type { DoctorClients } from '../clients';
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
export function selectsVault(
  selection: RestoreTestingRecoveryPointSelection | undefined,
  vaultArn: string,
): boolean {
  const included = (selection?.IncludeVaults ?? []).some((p) => vaultPatternMatches(p, vaultArn));
  const excluded = (selection?.ExcludeVaults ?? []).some((p) => vaultPatternMatches(p, vaultArn));
  return included && !excluded;
}

/**
 * No restore testing plan in the account may select the SSN vault: restore testing restores what
 * it selects into this account, where a restored SSN table is open data. The vault's DENY refuses
 * such restores today; this check catches the plan before an opening (or a change) lets one run.
 */
export async function checkRestorePlans(
  clients: Pick<DoctorClients, 'backup'>,
  _ctx: DoctorContext,
  ssn: ExpectedDestination,
): Promise<CheckResult<RestorePlanFacts>> {
  const base = { id: 'restore-plans', title: 'Restore testing plans' };
  const selectingSsn: PlanSelectingSsn[] = [];
  let plans = 0;
  try {
    let nextToken: string | undefined;
    do {
      const page = await clients.backup.send(new ListRestoreTestingPlansCommand({ NextToken: nextToken }));
      for (const listed of page.RestoreTestingPlans ?? []) {
        const planName = listed.RestoreTestingPlanName;
        if (!planName) continue;
        plans += 1;
        const plan = (
          await clients.backup.send(new GetRestoreTestingPlanCommand({ RestoreTestingPlanName: planName }))
        ).RestoreTestingPlan;
        const selection = plan?.RecoveryPointSelection;
        if (!selectsVault(selection, ssn.vaultArn)) continue;
        const selections: string[] = [];
        let selectionToken: string | undefined;
        do {
          const out = await clients.backup.send(
            new ListRestoreTestingSelectionsCommand({
              RestoreTestingPlanName: planName,
              NextToken: selectionToken,
            }),
          );
          for (const s of out.RestoreTestingSelections ?? [])
            selections.push(`${s.RestoreTestingSelectionName ?? '?'} (${s.ProtectedResourceType ?? '?'})`);
          selectionToken = out.NextToken;
        } while (selectionToken);
        selectingSsn.push({
          planName,
          includeVaults: selection?.IncludeVaults ?? [],
          excludeVaults: selection?.ExcludeVaults ?? [],
          selections,
        });
      }
      nextToken = page.NextToken;
    } while (nextToken);
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
