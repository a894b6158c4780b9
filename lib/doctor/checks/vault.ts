import type { VaultState } from '../../aws';
import { ARRIVED } from '../../functions/freshness/check';
import { errorName, readFailure } from '../aws-errors';
import type { DoctorAws } from '../aws';
import { age, day, type ExpectedDestination } from '../expected';
import type { CheckResult, CheckStatus, DoctorContext } from '../types';
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

interface Finding {
  readonly status: CheckStatus;
  readonly text: string;
}

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
): Promise<CheckResult<VaultFacts>> {
  const base = {
    id: `vault:${d.kind}`,
    title: `${d.heading} vault ${d.vaultName}`,
  };
  const notFound = `not found in account ${ctx.config.backupAccountId}, region ${ctx.region}`;
  let vault: VaultState | undefined;
  let newest: Date | undefined;
  try {
    vault = await aws.vaultState(d.vaultName);
    if (vault) newest = await newestRecoveryPoint(aws, d.vaultName, ctx);
  } catch (error) {
    const summary =
      errorName(error) === 'ResourceNotFoundException' ? notFound : `cannot be read: ${readFailure(error)}`;
    return { ...base, status: 'FAIL', summary, details: [] };
  }
  if (!vault) return { ...base, status: 'FAIL', summary: notFound, details: [] };
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
  const findings = [
    lockFinding(facts, ctx),
    keyFinding(facts, expectedKeyArn),
    recoveryPointFinding(facts, vault.createdAt, ctx),
  ];
  const status = worst(findings.map((f) => f.status));
  return {
    ...base,
    status,
    summary: findings.map((f) => f.text).join('; '),
    details: [],
    facts,
  };
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

function lockFinding(facts: VaultFacts, ctx: DoctorContext): Finding {
  const lock = ctx.config.vaultLock;
  const wantedMode = lock.changeableForDays === undefined ? 'governance' : 'compliance';
  if (!facts.locked || facts.lockMode === undefined)
    return {
      status: 'FAIL',
      text: `Vault Lock is not protecting the vault (Locked: ${facts.locked}); expected ${wantedMode} mode`,
    };
  const range =
    facts.maxRetentionDays === undefined
      ? `retention at least ${facts.minRetentionDays ?? 0} days`
      : `retention ${facts.minRetentionDays ?? 0} to ${facts.maxRetentionDays} days`;
  const when = facts.lockDate
    ? facts.lockDate <= ctx.now
      ? `immutable since ${day(facts.lockDate)}`
      : `becomes immutable on ${day(facts.lockDate)} (${age(ctx.now, facts.lockDate)})`
    : 'removable by privileged principals';
  const text = `${facts.lockMode} lock, Locked, ${when}, ${range}`;
  const problems: string[] = [];
  if (facts.lockMode !== wantedMode) problems.push(`the configuration says ${wantedMode} mode`);
  if (facts.minRetentionDays !== lock.minRetentionDays)
    problems.push(`the configuration's minimum is ${lock.minRetentionDays} days`);
  if (facts.maxRetentionDays !== lock.maxRetentionDays)
    problems.push(`the configuration's maximum is ${lock.maxRetentionDays ?? 'none'}`);
  return problems.length === 0
    ? { status: 'PASS', text }
    : { status: 'FAIL', text: `${text} (${problems.join(', ')})` };
}

function keyFinding(facts: VaultFacts, expectedKeyArn: string | undefined): Finding {
  const keyArn = facts.encryptionKeyArn ?? '(none)';
  if (expectedKeyArn === undefined)
    return { status: 'WARN', text: `key ${keyArn} (no stack output to compare with)` };
  if (keyArn !== expectedKeyArn)
    return { status: 'FAIL', text: `key ${keyArn} is not the stack's key ${expectedKeyArn}` };
  return { status: 'PASS', text: `key ${keyArn.split('/').pop()} (the stack's)` };
}

function recoveryPointFinding(facts: VaultFacts, created: Date | undefined, ctx: DoctorContext): Finding {
  const count = `${facts.recoveryPoints ?? 0} recovery point${facts.recoveryPoints === 1 ? '' : 's'}`;
  const hours = ctx.config.alerts.freshnessHours;
  if (facts.newestRecoveryPoint) {
    const newest = `${count}, newest ${age(ctx.now, facts.newestRecoveryPoint)}`;
    return ctx.now.getTime() - facts.newestRecoveryPoint.getTime() <= hours * 3_600_000
      ? { status: 'PASS', text: newest }
      : { status: 'FAIL', text: `${newest}: none within freshness_alert_hours (${hours} h)` };
  }
  const isNew = created !== undefined && ctx.now.getTime() - created.getTime() < NEW_VAULT_DAYS * DAY_MS;
  return isNew
    ? {
        status: 'WARN',
        text: `no completed recovery point yet (vault created ${age(ctx.now, created)}; copies arrive after the environment's first backup window)`,
      }
    : {
        status: 'FAIL',
        text: `no completed recovery point${created ? ` since the vault was created on ${day(created)}` : ''}`,
      };
}
