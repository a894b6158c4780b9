import { DomainError } from '../../domain-error';
import { parsedOrUndefined, policyText, textHash } from '../../policies/policy-json';
import type { CallerIdentity } from '../../aws';
import { type AuditRecord, auditTrail, recordRestoredData } from '../audit';
import { configDifference, deployedBaseline } from '../deployed-baseline';
import { openingInTrail, recordExpiry, recordStackEnding, stackEnding } from '../trail-opening';
import { AccountRecord, auditRecords } from '../trail';
import { inspect, inspectPolicy, policyDiff } from '../../seal/inspect';
import type { Baseline } from '../../seal/baseline';
import type { PolicyStates, SealState } from '../../seal/state';
import {
  type AcceptedJob,
  outstanding,
  outstandingIds,
  readRestoredData,
  type RestoredData,
} from '../restored';
import type { Runtime } from '../runtime';
import { assertKeyPolicyWritable } from '../safety';
import { checkedCaller, type DeployedState, isoSeconds, readDeployed } from '../state';
import { type WriteFailure, type WriteOutcome, writePolicies } from '../transaction';

export interface CloseOptions {
  /** Show what would change; write nothing. */
  readonly dryRun?: boolean;
  /** Why restored data that still exists may stay; recorded in the audit log. */
  readonly acceptRestored?: string;
}

/** What close will do: the policies' states and the diff of each policy it writes (or would write). */
export interface ClosePlan {
  readonly dryRun: boolean;
  readonly vaultName: string;
  readonly keyArn: string;
  readonly alreadySealed: boolean;
  readonly policies: PolicyStates;
  /** The diff of each policy that close writes (or would write). */
  readonly diff: { readonly vault?: readonly string[]; readonly key?: readonly string[] };
  /** The local configuration would build other policies than the stack deployed (the deployed ones are restored). */
  readonly baselineNote?: string;
  /** The evidence bucket that holds the record. */
  readonly evidenceBucket: string;
}

/** The plan, with what planClose read, kept so that apply writes from what the plan showed. */
export interface ClosePlanned {
  readonly kind: 'planned';
  readonly plan: ClosePlan;
  readonly basis: {
    readonly caller: CallerIdentity;
    readonly state: DeployedState;
    readonly account: AccountRecord;
    readonly baseline: Baseline;
    readonly current: SealState;
    readonly acceptReason?: string;
  };
}

/** The policies close wrote (or found sealed already). */
type Sealed = ClosePlan & {
  readonly unchanged?: { readonly backupFile: null; readonly record: AuditRecord };
  readonly write?: WriteOutcome;
  /** The data restored from the SSN vault, read after sealing. */
  readonly restored: RestoredData;
};

/** What close did: sealed (or would, in a dry run), sealed with restored data left, or a failed write. */
export type CloseOutcome =
  | (Sealed & {
      readonly kind: 'sealed';
      /** The restored resources and copies kept by --accept-restored (recorded per restore job). */
      readonly accepted?: { readonly reason: string; readonly resources: readonly string[] };
    })
  | (Sealed & {
      readonly kind: 'restored-data-remains';
      /** The restored resources and copies that still exist, by ARN or ID. */
      readonly remaining: readonly string[];
    })
  | (ClosePlan & {
      readonly kind: 'write-failed';
      readonly write: WriteOutcome;
      readonly failure: WriteFailure;
    });

/** Reads the deployed policies and the baseline, and plans what close writes. Writes nothing. */
export async function planClose(rt: Runtime, options: CloseOptions = {}): Promise<ClosePlanned> {
  const acceptReason = options.acceptRestored?.trim();
  if (options.acceptRestored !== undefined && !acceptReason)
    throw new DomainError(
      'accept-reason-missing',
      '--accept-restored needs a reason, such as "INC-1234: table kept for the investigation"',
    );
  const caller = await checkedCaller(rt);
  const state = await readDeployed(rt);
  const account = await AccountRecord.read(rt);
  const deployed = await deployedBaseline(rt);
  const baseline = deployed.baseline;
  const baselineNote = configDifference(deployed);
  const current = inspect({ vault: state.vault, key: state.keyPolicy }, baseline, rt.now());
  const policies = {
    vault: inspectPolicy('vault', state.vault, baseline.vault),
    key: inspectPolicy('key', state.keyPolicy, baseline.key, baseline.openingViaServices),
  };
  const write = { vault: policies.vault.kind !== 'sealed', key: policies.key.kind !== 'sealed' };
  return {
    kind: 'planned',
    plan: {
      dryRun: options.dryRun === true,
      vaultName: state.vaultName,
      keyArn: state.key.arn,
      alreadySealed: current.kind === 'sealed',
      policies,
      evidenceBucket: account.bucket,
      ...(baselineNote ? { baselineNote } : {}),
      diff: {
        ...(write.vault ? { vault: policyDiff(parsedOrUndefined(state.vault), baseline.vault) } : {}),
        ...(write.key ? { key: policyDiff(parsedOrUndefined(state.keyPolicy), baseline.key) } : {}),
      },
    },
    basis: { caller, state, account, baseline, current, ...(acceptReason ? { acceptReason } : {}) },
  };
}

/**
 * Puts back the exact baseline policies, vault first (the gate to the data closes first), then the
 * key, and reads them back. It fails closed: if the key write fails after the vault was sealed, the
 * vault stays sealed (undoing a seal would re-open access); the outcome says the pair is
 * inconsistent, and running close again finishes the job. Emergency access is over only when the
 * restored data is gone too: close then reports what remains, unless --accept-restored records why
 * it may stay. In a dry run it writes nothing and only reads what remains.
 */
export async function applyClose(rt: Runtime, planned: ClosePlanned): Promise<CloseOutcome> {
  const { plan } = planned;
  const { caller, state, account, baseline, current, acceptReason } = planned.basis;
  const texts = { vault: policyText(baseline.vault), key: policyText(baseline.key) };
  const opening = current.kind === 'open' || current.kind === 'expired' ? current.opening : undefined;
  const trail = auditTrail(rt, 'close', caller, state, opening, account);

  if (!plan.dryRun) {
    await recordStackEnding(
      account,
      stackEnding(openingInTrail(account.entries), account.stack, current.kind === 'sealed'),
      { account: rt.config.backupAccountId, region: rt.region, vaultName: state.vaultName },
    );
    if (current.kind === 'expired')
      await recordExpiry(account, current.opening, {
        account: rt.config.backupAccountId,
        region: rt.region,
        vaultName: state.vaultName,
        command: 'close',
      });
  }
  let sealed: Pick<Sealed, 'unchanged' | 'write'>;
  if (current.kind === 'sealed') {
    sealed = plan.dryRun
      ? {}
      : {
          unchanged: {
            backupFile: null,
            record: await trail.append(
              trail.record(
                'unchanged',
                { vault: textHash(state.vault), key: textHash(state.keyPolicy) },
                null,
              ),
            ),
          },
        };
  } else if (plan.dryRun) {
    sealed = {};
  } else {
    assertKeyPolicyWritable(baseline.key, baseline.key, texts.key);
    const outcome = await writePolicies(rt, state, trail, {
      order: ['vault', 'key'],
      rollBackFirst: false,
      expected: baseline,
      texts,
      write: { vault: plan.policies.vault.kind !== 'sealed', key: plan.policies.key.kind !== 'sealed' },
      readBackError: 'read-back differs from the baseline',
    });
    if (outcome.failure) {
      return {
        ...plan,
        kind: 'write-failed',
        write: outcome,
        failure: outcome.failure,
      };
    }
    sealed = { write: outcome };
  }

  const restored = await readRestoredData(rt, state, auditRecords(account.entries));
  const remaining = outstanding(restored);
  if (remaining.length === 0) return { ...plan, ...sealed, kind: 'sealed', restored };
  const resources = remaining.flatMap(outstandingIds);
  if (acceptReason && !plan.dryRun) {
    await recordRestoredData(
      rt,
      account,
      {
        time: isoSeconds(rt.now()),
        command: 'close',
        outcome: 'accepted-restored',
        caller,
        account: rt.config.backupAccountId,
        region: rt.region,
        vaultName: state.vaultName,
        resources,
        restoreJobs: remaining.map((item): AcceptedJob => ({
          restoreJobId: item.job.restoreJobId,
          resource: item.job.createdResourceArn ?? null,
          descendants: item.descendants.map((d) => d.id),
        })),
        reason: acceptReason,
      },
      'after',
    );
    return { ...plan, ...sealed, kind: 'sealed', restored, accepted: { reason: acceptReason, resources } };
  }
  if (acceptReason) return { ...plan, ...sealed, kind: 'sealed', restored };
  return {
    ...plan,
    ...sealed,
    kind: 'restored-data-remains',
    restored,
    remaining: resources,
  };
}
