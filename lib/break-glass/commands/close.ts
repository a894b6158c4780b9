import { EXIT, type ExitCode, UsageError } from '../../cli';
import { parsedOrUndefined, policyText, textHash } from '../../policies/policy-json';
import { type AuditRecord, auditTrail, recordRestoredData } from '../audit';
import { configDifference, deployedBaseline } from '../deployed-baseline';
import { openingInTrail, recordExpiry, recordStackEnding, stackEnding } from '../trail-opening';
import { AccountRecord, auditRecords } from '../trail';
import { inspect, inspectPolicy, policyDiff } from '../../seal/inspect';
import type { PolicyStates } from '../../seal/state';
import {
  type AcceptedJob,
  outstanding,
  outstandingIds,
  readRestoredData,
  type RestoredData,
} from '../restored';
import type { Runtime } from '../runtime';
import { assertKeyPolicyWritable } from '../safety';
import { checkedCaller, isoSeconds, readDeployed } from '../state';
import { failureExitCode, type WriteFailure, type WriteOutcome, writePolicies } from '../transaction';

export interface CloseOptions {
  /** Show what would change; write nothing. */
  readonly dryRun?: boolean;
  /** Why restored data that still exists may stay; recorded in the audit log. */
  readonly acceptRestored?: string;
}

export interface CloseResult {
  readonly exitCode: ExitCode;
  readonly dryRun: boolean;
  readonly vaultName: string;
  readonly keyArn: string;
  readonly alreadySealed: boolean;
  readonly policies: PolicyStates;
  /** The diff of each policy that close writes (or would write). */
  readonly diff: { readonly vault?: readonly string[]; readonly key?: readonly string[] };
  readonly unchanged?: { readonly backupFile: null; readonly record: AuditRecord };
  readonly write?: WriteOutcome;
  /** The data restored from the SSN vault, read after sealing. */
  readonly restored?: RestoredData;
  /** The restored resources and copies kept by --accept-restored (recorded per restore job). */
  readonly accepted?: { readonly reason: string; readonly resources: readonly string[] };
  /** The local configuration would build other policies than the stack deployed (the deployed ones are restored). */
  readonly baselineNote?: string;
  /** The evidence bucket that holds the record. */
  readonly evidenceBucket: string;
  readonly error?: string;
}

function failureMessage(failure: WriteFailure): string {
  switch (failure.stage) {
    case 'first':
      return `Writing the ${failure.policy} policy failed; nothing was changed. ${failure.cause}`;
    case 'second':
      return failure.firstWritten
        ? `The vault is sealed, but writing the key policy failed (${failure.cause}). Restores stay blocked by the vault; run close again to seal the key.`
        : `Writing the key policy failed; nothing was changed. ${failure.cause}`;
    case 'read-back':
      return `The baseline was written, but reading back gives something else (${failure.differs.join(' and ')}): run status.`;
    default:
      return failure.cause; // close never rolls back
  }
}

/**
 * Puts back the exact baseline policies, vault first (the gate to the data closes first), then the
 * key, and reads them back. It fails closed: if the key write fails after the vault was sealed, the
 * vault stays sealed (undoing a seal would re-open access); the exit code says the pair is
 * inconsistent, and running close again finishes the job. Emergency access is over only when the
 * restored data is gone too: close then reports what remains, and exits non-zero while any does,
 * unless --accept-restored records why it may stay.
 */
export async function runClose(rt: Runtime, options: CloseOptions = {}): Promise<CloseResult> {
  const acceptReason = options.acceptRestored?.trim();
  if (options.acceptRestored !== undefined && !acceptReason)
    throw new UsageError(
      '--accept-restored needs a reason, such as "INC-1234: table kept for the investigation"',
    );
  const caller = await checkedCaller(rt);
  const state = await readDeployed(rt);
  const account = await AccountRecord.read(rt);
  const deployed = await deployedBaseline(rt);
  const baseline = deployed.baseline;
  const baselineNote = configDifference(deployed);
  const texts = { vault: policyText(baseline.vault), key: policyText(baseline.key) };
  const current = inspect({ vault: state.vault, key: state.keyPolicy }, baseline, rt.now());
  const opening = current.kind === 'open' || current.kind === 'expired' ? current.opening : undefined;
  const trail = auditTrail(rt, 'close', caller, state, opening, account);
  const policies = {
    vault: inspectPolicy('vault', state.vault, baseline.vault),
    key: inspectPolicy('key', state.keyPolicy, baseline.key, baseline.openingViaServices),
  };
  const write = { vault: policies.vault.kind !== 'sealed', key: policies.key.kind !== 'sealed' };
  const common = {
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
  };

  if (!options.dryRun) {
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
  let sealed: Pick<CloseResult, 'unchanged' | 'write'>;
  if (current.kind === 'sealed') {
    sealed = options.dryRun
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
  } else if (options.dryRun) {
    sealed = {};
  } else {
    assertKeyPolicyWritable(baseline.key, baseline.key, texts.key);
    const outcome = await writePolicies(rt, state, trail, {
      order: ['vault', 'key'],
      rollBackFirst: false,
      expected: baseline,
      texts,
      write,
      readBackError: 'read-back differs from the baseline',
    });
    if (outcome.failure) {
      return {
        ...common,
        exitCode: failureExitCode(outcome.failure),
        write: outcome,
        error: failureMessage(outcome.failure),
      };
    }
    sealed = { write: outcome };
  }

  const restored = await readRestoredData(rt, state, auditRecords(account.entries));
  const remaining = outstanding(restored);
  if (remaining.length === 0) return { ...common, ...sealed, exitCode: EXIT.ok, restored };
  const resources = remaining.flatMap(outstandingIds);
  if (acceptReason && !options.dryRun) {
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
    return {
      ...common,
      ...sealed,
      exitCode: EXIT.ok,
      restored,
      accepted: { reason: acceptReason, resources },
    };
  }
  if (acceptReason) return { ...common, ...sealed, exitCode: EXIT.ok, restored };
  return {
    ...common,
    ...sealed,
    exitCode: EXIT.restoredDataRemains,
    restored,
    error: `The policies are sealed, but data restored from the SSN vault still exists: ${resources.join(', ')}. Delete it with cleanup, or keep it deliberately with close --accept-restored "<reason>".`,
  };
}
