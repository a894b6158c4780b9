import { describeError, EXIT, type ExitCode } from '../../cli';
import { baselinePolicies } from '../baseline';
import type { Grant } from '../../policies/break-glass-statements';
import { configDifference, type DeployedBaseline, deployedBaseline } from '../deployed-baseline';
import { openingInTrail, type StackEnding, stackEnding, type TrailOpening } from '../opening';
import { AccountRecord, auditRecords } from '../trail';
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
  /** The record in the account: the bucket, how many records, and any gap or broken link. */
  readonly record: {
    /** Null when the record could not be read. */
    readonly bucket: string | null;
    readonly records: number;
    readonly problems: readonly string[];
    /** Why the record (or the deployed template) could not be read; the local baseline was used. */
    readonly unreadable?: string;
  };
  /** The latest opening the trail records and nothing has ended yet: who, when, why, until when. */
  readonly opening?: TrailOpening;
  /** A deployment rewrote the SSN policies after the trail's opening: it ended it. */
  readonly endedByStackUpdate?: StackEnding;
  /** The local configuration would build other policies than the stack deployed (the deployed ones are used). */
  readonly baselineNote?: string;
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
  // status must still answer during an incident when the record cannot be read (no S3 or
  // CloudFormation read, another region): it then says so and compares with the local baseline.
  let account: AccountRecord | undefined;
  let deployed: DeployedBaseline | undefined;
  let unreadable: string | undefined;
  try {
    account = await AccountRecord.read(rt);
    deployed = await deployedBaseline(rt);
  } catch (error) {
    const { message, exitCode } = describeError(error);
    if (exitCode === EXIT.refused || exitCode === EXIT.noCredentials) throw error;
    unreadable = message;
  }
  const now = rt.now();
  const baseline = deployed?.baseline ?? baselinePolicies(rt.config);
  const inspection = inspect({ vault: state.vault, key: state.keyPolicy }, baseline, now);
  const entries = account?.entries ?? [];
  const restored = await readRestoredData(rt, state, account ? auditRecords(entries) : undefined);
  const opening = openingInTrail(entries);
  const ending = account && stackEnding(opening, account.stack, inspection.state === 'SEALED');
  const baselineNote = deployed && configDifference(deployed);
  const fromRecord = {
    record: account
      ? { bucket: account.bucket, records: entries.length, problems: account.problems }
      : { bucket: null, records: 0, problems: [], unreadable },
    ...(opening && !ending ? { opening } : {}),
    ...(ending ? { endedByStackUpdate: ending } : {}),
    ...(baselineNote ? { baselineNote } : {}),
  };
  let result: Omit<
    StatusResult,
    'exitCode' | 'state' | 'restored' | 'now' | 'vaultName' | 'vaultArn' | 'keyArn' | 'record'
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
    ...fromRecord,
  };
}
