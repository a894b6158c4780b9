import { describeFailure } from '../../domain-error';
import { baselinePolicies } from '../../seal/baseline';
import type { Opening } from '../../seal/opening';
import { configDifference, type DeployedBaseline, deployedBaseline } from '../deployed-baseline';
import { openingInTrail, type StackEnding, stackEnding, type TrailOpening } from '../trail-opening';
import { AccountRecord, auditRecords } from '../trail';
import { inspect } from '../../seal/inspect';
import type { PolicyStates } from '../../seal/state';
import { outstanding, readRestoredData, type RestoredData } from '../restored';
import type { Runtime } from '../runtime';
import { type AliasDrift, checkedCaller, readDeployed } from '../state';

/**
 * The seal as `status` reports it: the policies' state, with restored data that outlived an
 * opening, and a key alias that names another key than the vault's (drifted, whatever the policies).
 */
export type StatusSeal =
  | { readonly kind: 'sealed' }
  | { readonly kind: 'sealed-restored-data-remains' }
  | { readonly kind: 'open' | 'expired'; readonly opening: Opening }
  | {
      readonly kind: 'drifted';
      /** The policies' states, when they are what drifted. */
      readonly policies?: PolicyStates;
      /** The opening both policies carry, when only the alias drifted. */
      readonly opening?: Opening;
      readonly aliasDrift?: AliasDrift;
    };

/** What `status` found, its outcome being the seal's kind; the command line prints it as text or JSON. */
export interface StatusResult {
  readonly seal: StatusSeal;
  readonly now: string;
  readonly vaultName: string;
  readonly vaultArn: string;
  /** The vault's key (the key the tool acts on). */
  readonly keyArn: string;
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

/**
 * Compares the deployed SSN policies with the baseline, checks that the key alias names the
 * vault's key, and lists the data restored from the SSN vault. status only reads: there is nothing
 * to plan or apply, and the seal's kind is its outcome.
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
    // A refusal or missing credentials is not an unreadable record: status stops as any command does.
    const { message, cause } = describeFailure(error);
    const refused = cause.reason === 'baseline-not-in-template' || cause.aws === 'malformed-policy';
    if (refused || cause.aws === 'credentials') throw error;
    unreadable = message;
  }
  const now = rt.now();
  const baseline = deployed?.baseline ?? baselinePolicies(rt.config);
  const inspection = inspect({ vault: state.vault, key: state.keyPolicy }, baseline, now);
  const entries = account?.entries ?? [];
  const restored = await readRestoredData(rt, state, account ? auditRecords(entries) : undefined);
  const opening = openingInTrail(entries);
  const ending = account && stackEnding(opening, account.stack, inspection.kind === 'sealed');
  const baselineNote = deployed && configDifference(deployed);
  const fromRecord = {
    record: account
      ? { bucket: account.bucket, records: entries.length, problems: account.problems }
      : { bucket: null, records: 0, problems: [], unreadable },
    ...(opening && !ending ? { opening } : {}),
    ...(ending ? { endedByStackUpdate: ending } : {}),
    ...(baselineNote ? { baselineNote } : {}),
  };
  let seal: StatusSeal;
  if (state.aliasDrift || inspection.kind === 'drifted') {
    seal = {
      kind: 'drifted',
      ...(inspection.kind === 'drifted' ? { policies: inspection.policies } : {}),
      ...(inspection.kind === 'open' || inspection.kind === 'expired' ? { opening: inspection.opening } : {}),
      ...(state.aliasDrift ? { aliasDrift: state.aliasDrift } : {}),
    };
  } else if (inspection.kind === 'sealed') {
    seal = { kind: outstanding(restored).length > 0 ? 'sealed-restored-data-remains' : 'sealed' };
  } else {
    seal = inspection;
  }
  return {
    seal,
    now: now.toISOString(),
    vaultName: state.vaultName,
    vaultArn: state.vaultArn,
    keyArn: state.key.arn,
    restored,
    ...fromRecord,
  };
}
