import type { CallerIdentity, KeyRef } from './aws';
import { ssnTargets } from './baseline';
import { RefusedError } from '../cli/errors';
import { textHash } from '../policies/policy-json';
import type { Runtime } from './runtime';

/** The SSN policies as deployed, with where they are. */
export interface DeployedState {
  readonly vaultName: string;
  readonly key: KeyRef;
  readonly vault: string | undefined;
  readonly keyPolicy: string;
}

/** Who is calling; refuses credentials of another account than the configured backup account. */
export async function checkedCaller(rt: Runtime): Promise<CallerIdentity> {
  const caller = await rt.aws.callerIdentity();
  if (caller.account !== rt.config.backupAccountId) {
    throw new RefusedError(
      `Your credentials are for account ${caller.account} (${caller.arn}), but the configuration's backup_account_id is ${rt.config.backupAccountId}: use a profile of the backup account, or the right configuration.`,
    );
  }
  return caller;
}

export async function readDeployed(rt: Runtime): Promise<DeployedState> {
  const targets = ssnTargets(rt.config);
  const key = await rt.aws.describeKey(targets.keyAlias);
  const [vault, keyPolicy] = await Promise.all([
    rt.aws.getVaultPolicy(targets.vaultName),
    rt.aws.getKeyPolicy(key.keyId),
  ]);
  return { vaultName: targets.vaultName, key, vault, keyPolicy };
}

/** Reads both policies again, for the audit's "after" hashes; a failed read gives null, not an error. */
export async function hashesNow(
  rt: Runtime,
  state: DeployedState,
): Promise<{ vault: string | null; key: string | null }> {
  const [vault, key] = await Promise.all([
    rt.aws.getVaultPolicy(state.vaultName).then(textHash, () => null),
    rt.aws.getKeyPolicy(state.key.keyId).then(textHash, () => null),
  ]);
  return { vault, key };
}

export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** "1h 5m" from now to then (negative spans read "ago"). */
export function span(now: Date, then: string): string {
  const minutes = Math.round(Math.abs(Date.parse(then) - now.getTime()) / 60_000);
  const text = minutes >= 60 ? `${Math.floor(minutes / 60)}h ${minutes % 60}m` : `${minutes}m`;
  return Date.parse(then) >= now.getTime() ? `in ${text}` : `${text} ago`;
}
