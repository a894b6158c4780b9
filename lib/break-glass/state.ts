import { DomainError } from '../domain-error';
import { textHash } from '../policies/policy-json';
import type { CallerIdentity, KeyRef } from '../aws';
import { errorName } from '../aws-errors';
import { ssnTargets } from '../seal/baseline';
import type { Runtime } from './runtime';

/** The SSN policies as deployed, with where they are. */
export interface DeployedState {
  readonly vaultName: string;
  readonly vaultArn: string;
  /** The vault's own key (DescribeBackupVault's EncryptionKeyArn): the key the tool acts on. */
  readonly key: KeyRef;
  readonly vault: string | undefined;
  readonly keyPolicy: string;
  /** Set when the key alias does not point at the vault's key: what it points at instead. */
  readonly aliasDrift?: AliasDrift;
}

export interface AliasDrift {
  readonly alias: string;
  /** The key the alias names; undefined when the alias does not exist. */
  readonly aliasKeyArn: string | undefined;
}

/** Who is calling; refuses credentials of another account than the configured backup account. */
export async function checkedCaller(rt: Runtime): Promise<CallerIdentity> {
  const caller = await rt.aws.callerIdentity();
  if (caller.account !== rt.config.backupAccountId) {
    throw new DomainError(
      'wrong-account',
      `Your credentials are for account ${caller.account} (${caller.arn}), but the configuration's backup_account_id is ${rt.config.backupAccountId}: use a profile of the backup account, or the right configuration.`,
    );
  }
  return caller;
}

/** The key the alias names, or undefined when KMS knows no such alias. */
async function aliasTarget(rt: Runtime, alias: string): Promise<KeyRef | undefined> {
  try {
    return await rt.aws.describeKey(alias);
  } catch (error) {
    if (errorName(error) === 'NotFoundException') return undefined;
    throw error;
  }
}

/**
 * Reads the SSN vault, its key (from the vault itself, not from the alias) and both policies, and
 * notes whether the alias still points at the vault's key.
 */
export async function readDeployed(rt: Runtime): Promise<DeployedState> {
  const targets = ssnTargets(rt.config);
  const vaultRef = await rt.aws.describeVault(targets.vaultName);
  const [key, aliased] = await Promise.all([
    rt.aws.describeKey(vaultRef.encryptionKeyArn),
    aliasTarget(rt, targets.keyAlias),
  ]);
  const [vault, keyPolicy] = await Promise.all([
    rt.aws.getVaultPolicy(targets.vaultName),
    rt.aws.getKeyPolicy(key.keyId),
  ]);
  const aliasDrift =
    aliased?.arn === key.arn ? undefined : { alias: targets.keyAlias, aliasKeyArn: aliased?.arn };
  return {
    vaultName: targets.vaultName,
    vaultArn: vaultRef.arn,
    key,
    vault,
    keyPolicy,
    ...(aliasDrift ? { aliasDrift } : {}),
  };
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
