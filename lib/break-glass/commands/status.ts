import { EXIT, type ExitCode } from '../../cli';
import type { Grant } from '../../policies/break-glass-statements';
import { baselinePolicies } from '../baseline';
import { inspect, type PolicyState } from '../inspect';
import { outstanding, readRestoredData, type RestoredData } from '../restored';
import type { Runtime } from '../runtime';
import { type AliasDrift, checkedCaller, readDeployed } from '../state';

export type StatusState = 'SEALED' | 'SEALED, RESTORED DATA REMAINS' | 'OPEN' | 'EXPIRED' | 'DRIFTED';

/** What `status` found; the command line prints it as text or JSON. */
export interface StatusResult {
  readonly state: StatusState;
  readonly exitCode: ExitCode;
  readonly now: string;
  readonly vaultName: string;
  readonly vaultArn: string;
  /** The vault's key (the key the tool acts on). */
  readonly keyArn: string;
  /** OPEN and EXPIRED: the opening. */
  readonly grant?: Grant;
  /** DRIFTED: what each policy is. */
  readonly policies?: { readonly vault: PolicyState; readonly key: PolicyState };
  /** DRIFTED: the key alias names another key than the vault's (or none). */
  readonly aliasDrift?: AliasDrift;
  readonly restored: RestoredData;
}

const EXIT_OF: Record<StatusState, ExitCode> = {
  SEALED: EXIT.ok,
  'SEALED, RESTORED DATA REMAINS': EXIT.restoredDataRemains,
  OPEN: EXIT.open,
  EXPIRED: EXIT.expired,
  DRIFTED: EXIT.drifted,
};

/**
 * Compares the deployed SSN policies with the baseline, checks that the key alias names the
 * vault's key, and lists the data restored from the SSN vault; the exit code tells the state.
 */
export async function runStatus(rt: Runtime): Promise<StatusResult> {
  await checkedCaller(rt);
  const state = await readDeployed(rt);
  const now = rt.now();
  const inspection = inspect({ vault: state.vault, key: state.keyPolicy }, baselinePolicies(rt.config), now);
  const restored = await readRestoredData(rt, state);
  let result: Omit<
    StatusResult,
    'exitCode' | 'state' | 'restored' | 'now' | 'vaultName' | 'vaultArn' | 'keyArn'
  >;
  let status: StatusState;
  if (state.aliasDrift || inspection.state === 'DRIFTED') {
    status = 'DRIFTED';
    result = {
      ...(inspection.state === 'DRIFTED'
        ? { policies: { vault: inspection.vault, key: inspection.key } }
        : {}),
      ...(inspection.state === 'OPEN' || inspection.state === 'EXPIRED' ? { grant: inspection.grant } : {}),
      ...(state.aliasDrift ? { aliasDrift: state.aliasDrift } : {}),
    };
  } else if (inspection.state === 'SEALED') {
    status = outstanding(restored).length > 0 ? 'SEALED, RESTORED DATA REMAINS' : 'SEALED';
    result = {};
  } else {
    status = inspection.state;
    result = { grant: inspection.grant };
  }
  return {
    state: status,
    exitCode: EXIT_OF[status],
    now: now.toISOString(),
    vaultName: state.vaultName,
    vaultArn: state.vaultArn,
    keyArn: state.key.arn,
    ...result,
    restored,
  };
}
