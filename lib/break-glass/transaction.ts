import { type AwsFailure, describeAwsFailure } from '../aws-errors';
import { parsePolicy, type PolicyJson, samePolicy } from '../policies/policy-json';
import { type AuditOutcome, type AuditRecord, type AuditTrail } from './audit';
import type { PolicyPair } from '../seal/baseline';
import type { PolicyName } from '../seal/state';
import type { Runtime } from './runtime';
import { type DeployedState, hashesNow } from './state';

/**
 * The one write transaction of `open` and `close`: save the policies, write both in the given
 * order, roll the first back if the second fails (when asked), read both back, and append the
 * audit record whatever happens. The order and the rollback are each command's fail-closed choice:
 * - open writes the key, then the vault (the gate to the data opens last), and puts the key back
 *   if the vault write fails;
 * - close writes the vault, then the key (the gate closes first), and never undoes a sealed vault.
 */
export interface WritePlan {
  /** Which policy is written first. */
  readonly order: readonly [PolicyName, PolicyName];
  /** Put the first policy back as it was when the second write fails. */
  readonly rollBackFirst: boolean;
  /** What each policy must mean afterwards. */
  readonly expected: PolicyPair;
  /** The texts of the expected policies, as sent to the services. */
  readonly texts: { readonly vault: string; readonly key: string };
  /** Which policies to write; the other is already what it must be. */
  readonly write: { readonly vault: boolean; readonly key: boolean };
  /** The audit record's error when reading back gives something else. */
  readonly readBackError: string;
}

/** Where a failed transaction stopped, for the command's own message. */
export type WriteFailure =
  | {
      readonly stage: 'first' | 'second';
      readonly policy: PolicyName;
      readonly firstWritten: boolean;
      readonly cause: string;
      /** What kind of AWS failure the write was. */
      readonly causeKind: AwsFailure;
    }
  | {
      readonly stage: 'rollback';
      readonly policy: PolicyName;
      readonly cause: string;
      readonly rollbackError: string;
    }
  | { readonly stage: 'rolled-back'; readonly policy: PolicyName; readonly cause: string }
  | { readonly stage: 'read-back'; readonly differs: readonly PolicyName[] };

export interface WriteOutcome {
  readonly backupFile: string;
  readonly record: AuditRecord;
  readonly failure?: WriteFailure;
  /** Whether the services returned the exact texts written (meaning is what counts). */
  readonly byteIdentical: boolean;
}

function means(text: string | undefined, expected: PolicyJson): boolean {
  if (text === undefined) return false;
  try {
    return samePolicy(parsePolicy(text), expected);
  } catch {
    return false;
  }
}

/**
 * Reads both policies back until they mean what was written (up to `attempts` reads, waiting
 * between them: the services may take a moment to return a new policy).
 */
async function readBack(rt: Runtime, state: DeployedState, plan: WritePlan, attempts = 3) {
  let result = { vault: false, key: false, byteIdentical: false };
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const [vault, key] = await Promise.all([
      rt.aws.getVaultPolicy(state.vaultName),
      rt.aws.getKeyPolicy(state.key.keyId),
    ]);
    result = {
      vault: means(vault, plan.expected.vault),
      key: means(key, plan.expected.key),
      byteIdentical: vault === plan.texts.vault && key === plan.texts.key,
    };
    if (result.vault && result.key) return result;
    if (attempt < attempts) await rt.sleep(2000 * attempt);
  }
  return result;
}

function put(rt: Runtime, state: DeployedState, policy: PolicyName, text: string): Promise<void> {
  return policy === 'vault'
    ? rt.aws.putVaultPolicy(state.vaultName, text)
    : rt.aws.putKeyPolicy(state.key.keyId, text);
}

/** The text a policy had before the transaction (the vault may have had none). */
function previous(state: DeployedState, policy: PolicyName): string | undefined {
  return policy === 'vault' ? state.vault : state.keyPolicy;
}

export async function writePolicies(
  rt: Runtime,
  state: DeployedState,
  trail: AuditTrail,
  plan: WritePlan,
): Promise<WriteOutcome> {
  // The record goes into the evidence bucket first: if it cannot be written, this throws and nothing changes.
  const backupFile = await trail.saveBefore();
  await trail.announce(backupFile);
  const finish = async (
    outcome: AuditOutcome,
    failure?: WriteFailure,
    error?: string,
    byteIdentical = false,
  ) => ({
    backupFile,
    record: await trail.append(trail.record(outcome, await hashesNow(rt, state), backupFile, error)),
    byteIdentical,
    ...(failure ? { failure } : {}),
  });

  const [first, second] = plan.order;
  const firstText = plan.write[first] ? plan.texts[first] : undefined;
  if (firstText !== undefined) {
    try {
      await put(rt, state, first, firstText);
    } catch (error) {
      const { message, kind } = describeAwsFailure(error);
      return finish(
        'failed-nothing-changed',
        { stage: 'first', policy: first, firstWritten: false, cause: message, causeKind: kind },
        message,
      );
    }
  }
  const secondText = plan.write[second] ? plan.texts[second] : undefined;
  if (secondText !== undefined) {
    try {
      await put(rt, state, second, secondText);
    } catch (error) {
      const { message: cause, kind } = describeAwsFailure(error);
      const firstWritten = firstText !== undefined;
      if (!firstWritten || !plan.rollBackFirst) {
        return finish(
          firstWritten ? 'failed-inconsistent' : 'failed-nothing-changed',
          { stage: 'second', policy: second, firstWritten, cause, causeKind: kind },
          cause,
        );
      }
      const before = previous(state, first);
      try {
        await put(rt, state, first, before as string); // open rolls back the key, which always has a policy
      } catch (rollbackError) {
        const rollback = describeAwsFailure(rollbackError).message;
        return finish(
          'failed-inconsistent',
          { stage: 'rollback', policy: second, cause, rollbackError: rollback },
          `${cause} | rollback: ${rollback}`,
        );
      }
      return finish('failed-rolled-back', { stage: 'rolled-back', policy: second, cause }, cause);
    }
  }

  const check = await readBack(rt, state, plan);
  if (!check.vault || !check.key) {
    const differs = (['vault', 'key'] as const).filter((p) => !check[p]);
    return finish('failed-inconsistent', { stage: 'read-back', differs }, plan.readBackError);
  }
  return finish('applied', undefined, undefined, check.byteIdentical);
}
