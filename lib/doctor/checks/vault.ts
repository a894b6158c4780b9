import type { VaultState } from '../../aws';
import { ARRIVED } from '../../functions/freshness/check';
import { errorName, unreadable } from '../aws-errors';
import type { DoctorAws } from '../aws';
import type { ExpectedDestination } from '../expected';
import type { Checked, CheckStatus, DoctorContext, Unreadable } from '../types';
import { worst } from '../types';

export interface VaultFacts {
  readonly vaultArn?: string;
  readonly encryptionKeyArn?: string;
  /** `compliance` when AWS gives a lock date, `governance` when the lock has none, undefined without a lock. */
  readonly lockMode?: 'compliance' | 'governance';
  readonly locked: boolean;
  /** When the lock becomes (or became) immutable; compliance mode only. */
  readonly lockDate?: Date;
  readonly minRetentionDays?: number;
  readonly maxRetentionDays?: number;
  /** AWS Backup's count (it documents it as approximate). */
  readonly recoveryPoints?: number;
  /** The newest completed recovery point's creation date; undefined when there is none. */
  readonly newestRecoveryPoint?: Date;
}

/** A vault that has held nothing for this long after its creation is failing, not new. */
const NEW_VAULT_DAYS = 7;
const DAY_MS = 86_400_000;

/** A way the Vault Lock differs from the configuration. */
export type LockMismatch =
  | { readonly kind: 'mode'; readonly wanted: 'compliance' | 'governance' }
  | { readonly kind: 'min-retention'; readonly wanted: number }
  | { readonly kind: 'max-retention'; readonly wanted?: number };

/** One aspect of the vault, and how it came out. */
export type VaultPart = { readonly status: CheckStatus } & (
  | {
      readonly kind: 'lock';
      readonly locked: boolean;
      readonly mode?: 'compliance' | 'governance';
      readonly lockDate?: Date;
      readonly minRetentionDays?: number;
      readonly maxRetentionDays?: number;
      /** The mode the configuration asks for. */
      readonly wantedMode: 'compliance' | 'governance';
      readonly mismatches: readonly LockMismatch[];
    }
  | { readonly kind: 'key'; readonly keyArn?: string; readonly expectedKeyArn?: string }
  | {
      readonly kind: 'recovery-points';
      readonly count?: number;
      readonly newest?: Date;
      readonly freshnessHours: number;
      readonly vaultCreated?: Date;
    }
);

export type VaultFinding =
  | Unreadable
  | { readonly kind: 'not-found'; readonly account: string; readonly region: string }
  | { readonly kind: 'vault'; readonly parts: readonly VaultPart[] };

export type VaultCheck = Checked<'vault', VaultFinding, VaultFacts> & {
  readonly destination: ExpectedDestination;
};

/**
 * One vault: its Vault Lock is on and as configured (mode, retention bounds, the date it becomes or
 * became immutable), it is encrypted by the expected key, and copies keep arriving.
 * `expectedKeyArn` is the key the stack outputs for this vault, when known.
 */
export async function checkVault(
  aws: Pick<DoctorAws, 'vaultState' | 'vaultRecoveryPoints'>,
  ctx: DoctorContext,
  d: ExpectedDestination,
  expectedKeyArn: string | undefined,
): Promise<VaultCheck> {
  const base = { check: 'vault', id: `vault:${d.kind}`, destination: d } as const;
  const notFound = { kind: 'not-found', account: ctx.config.backupAccountId, region: ctx.region } as const;
  let vault: VaultState | undefined;
  let newest: Date | undefined;
  try {
    vault = await aws.vaultState(d.vaultName);
    if (vault) newest = await newestRecoveryPoint(aws, d.vaultName, ctx);
  } catch (error) {
    const finding = errorName(error) === 'ResourceNotFoundException' ? notFound : unreadable(error);
    return { ...base, status: 'FAIL', finding };
  }
  if (!vault) return { ...base, status: 'FAIL', finding: notFound };
  const facts: VaultFacts = {
    vaultArn: vault.arn,
    encryptionKeyArn: vault.encryptionKeyArn,
    lockMode: vault.lockDate
      ? 'compliance'
      : vault.locked || vault.minRetentionDays
        ? 'governance'
        : undefined,
    locked: vault.locked,
    lockDate: vault.lockDate,
    minRetentionDays: vault.minRetentionDays,
    maxRetentionDays: vault.maxRetentionDays,
    recoveryPoints: vault.recoveryPoints,
    newestRecoveryPoint: newest,
  };
  const parts = [
    lockPart(facts, ctx),
    keyPart(facts, expectedKeyArn),
    recoveryPointPart(facts, vault.createdAt, ctx),
  ];
  return { ...base, status: worst(parts.map((p) => p.status)), finding: { kind: 'vault', parts }, facts };
}

/** The newest completed recovery point: first within the freshness window, else over all time. */
async function newestRecoveryPoint(
  aws: Pick<DoctorAws, 'vaultRecoveryPoints'>,
  vaultName: string,
  ctx: DoctorContext,
): Promise<Date | undefined> {
  const windowStart = new Date(ctx.now.getTime() - ctx.config.alerts.freshnessHours * 3_600_000);
  for (const after of [windowStart, undefined]) {
    let newest: Date | undefined;
    for (const p of await aws.vaultRecoveryPoints(vaultName, after)) {
      if (p.createdAt && ARRIVED.has(p.status) && (!newest || p.createdAt > newest)) newest = p.createdAt;
    }
    if (newest) return newest;
  }
  return undefined;
}

function lockPart(facts: VaultFacts, ctx: DoctorContext): VaultPart {
  const lock = ctx.config.vaultLock;
  const wantedMode = lock.changeableForDays === undefined ? 'governance' : 'compliance';
  const state = {
    kind: 'lock',
    locked: facts.locked,
    mode: facts.lockMode,
    lockDate: facts.lockDate,
    minRetentionDays: facts.minRetentionDays,
    maxRetentionDays: facts.maxRetentionDays,
    wantedMode,
  } as const;
  if (!facts.locked || facts.lockMode === undefined) return { ...state, status: 'FAIL', mismatches: [] };
  const mismatches: LockMismatch[] = [];
  if (facts.lockMode !== wantedMode) mismatches.push({ kind: 'mode', wanted: wantedMode });
  if (facts.minRetentionDays !== lock.minRetentionDays)
    mismatches.push({ kind: 'min-retention', wanted: lock.minRetentionDays });
  if (facts.maxRetentionDays !== lock.maxRetentionDays)
    mismatches.push({ kind: 'max-retention', wanted: lock.maxRetentionDays });
  return { ...state, status: mismatches.length === 0 ? 'PASS' : 'FAIL', mismatches };
}

function keyPart(facts: VaultFacts, expectedKeyArn: string | undefined): VaultPart {
  const keyArn = facts.encryptionKeyArn;
  const status =
    expectedKeyArn === undefined ? 'WARN' : (keyArn ?? '(none)') !== expectedKeyArn ? 'FAIL' : 'PASS';
  return { kind: 'key', status, keyArn, expectedKeyArn };
}

function recoveryPointPart(facts: VaultFacts, created: Date | undefined, ctx: DoctorContext): VaultPart {
  const hours = ctx.config.alerts.freshnessHours;
  const newest = facts.newestRecoveryPoint;
  const since = (then: Date) => ctx.now.getTime() - then.getTime();
  const status = newest
    ? since(newest) <= hours * 3_600_000
      ? 'PASS'
      : 'FAIL'
    : created !== undefined && since(created) < NEW_VAULT_DAYS * DAY_MS
      ? 'WARN'
      : 'FAIL';
  return {
    kind: 'recovery-points',
    status,
    count: facts.recoveryPoints,
    newest,
    freshnessHours: hours,
    vaultCreated: created,
  };
}
