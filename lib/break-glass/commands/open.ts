import { DomainError } from '../../domain-error';
import { parsedOrUndefined, policyText, samePolicy, textHash } from '../../policies/policy-json';
import type { CallerIdentity } from '../../aws';
import { type AuditRecord, auditTrail } from '../audit';
import { baselinePolicies, ssnTargets, type PolicyPair } from '../../seal/baseline';
import { configDifference, deployedBaseline } from '../deployed-baseline';
import { openingInTrail, recordExpiry, recordStackEnding, stackEnding } from '../trail-opening';
import { AccountRecord } from '../trail';
import { hasExpired, type Opening, openPolicies } from '../../seal/opening';
import { checkDuration, checkPrincipal, checkReason, DEFAULT_MAX_DURATION, expiryAfter } from '../input';
import { inspectPolicy, policyDiff } from '../../seal/inspect';
import type { PolicyState } from '../../seal/state';
import { describePolicyState } from '../../seal/text';
import { RESTORE_PREREQUISITES } from '../prerequisites';
import { restoreCommand } from '../restore-command';
import { assertKeyPolicyWritable } from '../safety';
import type { Runtime } from '../runtime';
import { checkedCaller, type DeployedState, isoSeconds, readDeployed } from '../state';
import { type WriteFailure, type WriteOutcome, writePolicies } from '../transaction';

export interface OpenOptions {
  readonly principal?: string;
  readonly reason?: string;
  readonly duration?: string;
  /** @default DEFAULT_MAX_DURATION (12h) */
  readonly maxDuration?: string;
  /** Show the plan and the exact diff; write nothing. */
  readonly dryRun?: boolean;
  /** With dryRun: from the configuration alone, without AWS (the diff is against the baseline). */
  readonly offline?: boolean;
  /** Apply without asking. */
  readonly yes?: boolean;
}

/** What open would write, and where. */
export interface OpenPlan {
  readonly now: string;
  readonly opening: Opening;
  readonly account: string;
  readonly region: string;
  readonly vaultName: string;
  /** The vault's key; offline, a description (the key ID exists only once deployed). */
  readonly keyArn: string;
  readonly offline: boolean;
  readonly diff: { readonly vault: readonly string[]; readonly key: readonly string[] };
  /** The exact texts open writes. */
  readonly texts: { readonly vault: string; readonly key: string };
  /** What the role needs for a DynamoDB restore besides the opening. */
  readonly prerequisites: readonly string[];
  /** The restore to run during the opening: into a table encrypted with the SSN key. */
  readonly restoreCommand: readonly string[];
  /** Whether the role exists (iam:GetRole); undefined when unknown (offline, or the caller may not ask). */
  readonly principalExists?: boolean;
  /** The local configuration would build other policies than the stack deployed (the deployed ones are used). */
  readonly baselineNote?: string;
  /** The evidence bucket that holds the record. */
  readonly evidenceBucket?: string;
}

/** Why open does not start, or did not apply. */
export type OpenRefusalReason = 'alias-drift' | 'policies-not-openable' | 'not-confirmed' | 'no-terminal';

/** A refusal of open: nothing written (the refusal itself is recorded, except in a dry run). */
export interface OpenRefused {
  readonly kind: 'refused';
  readonly reason: OpenRefusalReason;
  readonly message: string;
}

/** What planOpen read, kept so that apply writes exactly what the plan showed, from what it saw. */
interface OpenBasis {
  readonly caller: CallerIdentity;
  readonly state: DeployedState;
  readonly account: AccountRecord;
  readonly opening: Opening;
  /** When planning read them. */
  readonly now: Date;
}

/** What planOpen found: the plan, or a refusal. */
export type OpenPlanning =
  | {
      readonly kind: 'planned';
      readonly plan: OpenPlan;
      /** The policies already carry exactly this opening: apply writes no policy and needs no confirmation. */
      readonly unchanged: boolean;
      readonly basis: OpenBasis & {
        readonly target: PolicyPair;
        /** Both policies were the baseline. */
        readonly sealed: boolean;
        /** An opening that has ended by itself but is still written. */
        readonly expired?: Opening;
      };
    }
  | (OpenRefused & { readonly reason: 'alias-drift' | 'policies-not-openable'; readonly basis: OpenBasis });

/** What open did. `planned` is a dry run (or the offline preview): nothing written. */
export type OpenOutcome =
  | { readonly kind: 'planned'; readonly plan: OpenPlan }
  | { readonly kind: 'opened'; readonly plan: OpenPlan; readonly write: WriteOutcome }
  | {
      readonly kind: 'unchanged';
      readonly plan: OpenPlan;
      /** The audit record that the policies already carried this opening. */
      readonly unchanged: { readonly backupFile: null; readonly record: AuditRecord };
    }
  | {
      readonly kind: 'write-failed';
      readonly plan: OpenPlan;
      readonly write: WriteOutcome;
      readonly failure: WriteFailure;
    }
  | OpenRefused;

const KEY_OFFLINE = '(the SSN key: its ARN is known only once deployed)';

/** What planning needs without AWS: the offline preview has no AWS clients. */
type PlanContext = Pick<Runtime, 'config' | 'region' | 'now'>;

/** Open is possible from the baseline, or over an opening of the same principal, or an expired one. */
function blocker(name: 'vault' | 'key', state: PolicyState, opening: Opening, now: Date): string | undefined {
  if (state.kind === 'sealed') return undefined;
  if (state.kind === 'open') {
    if (state.opening.principalArn === opening.principalArn || hasExpired(state.opening, now))
      return undefined;
    return `${describePolicyState(name, state)}: run close first if that access must end`;
  }
  return `${describePolicyState(name, state)}: run status to see the difference; close puts the baseline back`;
}

function checkedOpening(rt: PlanContext, options: OpenOptions): Opening {
  const principalArn = checkPrincipal(options.principal, rt.config);
  const reason = checkReason(options.reason);
  if (options.duration === undefined)
    throw new DomainError('duration-invalid', '--duration is required, such as 2h or 90m');
  const durationMs = checkDuration(options.duration, options.maxDuration ?? DEFAULT_MAX_DURATION);
  return { principalArn, reason, expiry: expiryAfter(rt.now(), durationMs) };
}

function basePlan(rt: PlanContext, opening: Opening, target: PolicyPair, before: Partial<PolicyPair>) {
  return {
    now: rt.now().toISOString(),
    opening,
    account: rt.config.backupAccountId,
    region: rt.region,
    diff: { vault: policyDiff(before.vault, target.vault), key: policyDiff(before.key, target.key) },
    texts: { vault: policyText(target.vault), key: policyText(target.key) },
    prerequisites: RESTORE_PREREQUISITES,
  };
}

/** The plan of `open --dry-run --offline`: the opening's exact statements, from the configuration alone. */
export function previewOpen(rt: PlanContext, options: OpenOptions): OpenOutcome {
  const opening = checkedOpening(rt, options);
  const baseline = baselinePolicies(rt.config);
  const target = openPolicies(baseline, opening);
  const vaultName = ssnTargets(rt.config).vaultName;
  const plan: OpenPlan = {
    ...basePlan(rt, opening, target, baseline),
    vaultName,
    keyArn: KEY_OFFLINE,
    offline: true,
    restoreCommand: restoreCommand({
      region: rt.region,
      vaultName,
      principalArn: opening.principalArn,
      keyArn: '<the SSN key ARN: npm run break-glass -- integration>',
    }),
  };
  return { kind: 'planned', plan };
}

/** The role's name from its ARN (the path is not part of the name). */
function roleName(arn: string): string {
  return arn.split('/').pop() ?? arn;
}

/**
 * Reads what open starts from and plans it: the checked opening, the exact texts and diff, or the
 * refusal when the policies are in a state open cannot start from. Writes nothing.
 */
export async function planOpen(rt: Runtime, options: OpenOptions): Promise<OpenPlanning> {
  const opening = checkedOpening(rt, options);
  const caller = await checkedCaller(rt);
  const state = await readDeployed(rt);
  const account = await AccountRecord.read(rt);
  const deployed = await deployedBaseline(rt);
  const baseline = deployed.baseline;
  const now = rt.now();
  const basis = { caller, state, account, opening, now };
  if (state.aliasDrift) {
    return {
      kind: 'refused',
      reason: 'alias-drift',
      message: `Nothing written: the alias ${state.aliasDrift.alias} ${state.aliasDrift.aliasKeyArn ? `names key ${state.aliasDrift.aliasKeyArn}` : 'does not exist'}, but vault ${state.vaultName} encrypts with key ${state.key.arn}. Run status, and find out who changed the alias before opening.`,
      basis,
    };
  }
  const vaultState = inspectPolicy('vault', state.vault, baseline.vault);
  const keyState = inspectPolicy('key', state.keyPolicy, baseline.key, baseline.openingViaServices);
  const blockers = [
    blocker('vault', vaultState, opening, now),
    blocker('key', keyState, opening, now),
  ].filter((b): b is string => b !== undefined);
  if (blockers.length > 0) {
    return {
      kind: 'refused',
      reason: 'policies-not-openable',
      message: `Nothing written; the SSN policies are not in a state open can start from:\n  ${blockers.join('\n  ')}`,
      basis,
    };
  }

  const target = openPolicies(baseline, opening);
  const before = { vault: parsedOrUndefined(state.vault), key: parsedOrUndefined(state.keyPolicy) };
  const principalExists = await rt.aws.roleExists(roleName(opening.principalArn));
  const plan: OpenPlan = {
    ...basePlan(rt, opening, target, before.vault && before.key ? before : {}),
    vaultName: state.vaultName,
    keyArn: state.key.arn,
    offline: false,
    restoreCommand: restoreCommand({
      region: rt.region,
      vaultName: state.vaultName,
      principalArn: opening.principalArn,
      keyArn: state.key.arn,
    }),
    ...(principalExists === undefined ? {} : { principalExists }),
    ...(configDifference(deployed) ? { baselineNote: configDifference(deployed) } : {}),
    evidenceBucket: account.bucket,
  };
  assertKeyPolicyWritable(target.key, baseline.key, plan.texts.key);
  const expired = [vaultState, keyState].find(
    (p): p is Extract<PolicyState, { kind: 'open' }> => p.kind === 'open' && hasExpired(p.opening, now),
  );
  return {
    kind: 'planned',
    plan,
    unchanged:
      before.vault !== undefined &&
      before.key !== undefined &&
      samePolicy(before.vault, target.vault) &&
      samePolicy(before.key, target.key),
    basis: {
      ...basis,
      target,
      sealed: vaultState.kind === 'sealed' && keyState.kind === 'sealed',
      ...(expired ? { expired: expired.opening } : {}),
    },
  };
}

/** What a command that writes records first: a deployment that ended the trail's opening, an expired opening. */
async function recordEndings(
  rt: Runtime,
  planned: Extract<OpenPlanning, { kind: 'planned' }>,
): Promise<void> {
  const { account, state, sealed, expired } = planned.basis;
  await recordStackEnding(account, stackEnding(openingInTrail(account.entries), account.stack, sealed), {
    account: rt.config.backupAccountId,
    region: rt.region,
    vaultName: state.vaultName,
  });
  if (expired)
    await recordExpiry(account, expired, {
      account: rt.config.backupAccountId,
      region: rt.region,
      vaultName: state.vaultName,
      command: 'open',
    });
}

/** Records a refused attempt in the trail when it can; the refusal stands either way. */
async function recordRefusal(rt: Runtime, basis: OpenBasis, refusal: OpenRefused): Promise<OpenRefused> {
  const { account, caller, state, opening, now } = basis;
  await account
    .append('refused', 'note', {
      time: isoSeconds(now),
      command: 'open',
      outcome: 'refused',
      caller,
      account: rt.config.backupAccountId,
      region: rt.region,
      vaultName: state.vaultName,
      principal: opening.principalArn,
      expiry: opening.expiry,
      reason: opening.reason,
      error: refusal.message,
    })
    .catch(() => undefined);
  return refusal;
}

/** A plan's refusal (the policies' state, the alias), recorded in the trail; not for a dry run. */
export function refuseOpen(
  rt: Runtime,
  refused: Extract<OpenPlanning, { kind: 'refused' }>,
): Promise<OpenRefused> {
  return recordRefusal(rt, refused.basis, {
    kind: 'refused',
    reason: refused.reason,
    message: refused.message,
  });
}

const DECLINED: Record<'not-confirmed' | 'no-terminal', string> = {
  'not-confirmed': 'Nothing written: not confirmed.',
  'no-terminal': 'Nothing written: pass --yes to apply (there is no terminal to confirm on).',
};

/**
 * The operator did not confirm a plan (or could not: no terminal). What a command that writes
 * records first is recorded, then the refusal, as when open stopped at its question.
 */
export async function declineOpen(
  rt: Runtime,
  planned: Extract<OpenPlanning, { kind: 'planned' }>,
  why: 'not-confirmed' | 'no-terminal',
): Promise<OpenRefused> {
  await recordEndings(rt, planned);
  return recordRefusal(rt, planned.basis, { kind: 'refused', reason: why, message: DECLINED[why] });
}

/**
 * Gives one role temporary restore access as planned: key policy first, then the vault policy (the
 * gate to the data opens last). If the vault write fails, the key policy is put back as it was.
 */
export async function applyOpen(
  rt: Runtime,
  planned: Extract<OpenPlanning, { kind: 'planned' }>,
): Promise<OpenOutcome> {
  const { plan, basis } = planned;
  await recordEndings(rt, planned);
  const trail = auditTrail(rt, 'open', basis.caller, basis.state, basis.opening, basis.account);
  if (planned.unchanged) {
    const record = await trail.append(
      trail.record(
        'unchanged',
        { vault: textHash(basis.state.vault), key: textHash(basis.state.keyPolicy) },
        null,
      ),
    );
    return { kind: 'unchanged', plan, unchanged: { backupFile: null, record } };
  }
  const write = await writePolicies(rt, basis.state, trail, {
    order: ['key', 'vault'],
    rollBackFirst: true,
    expected: basis.target,
    texts: plan.texts,
    write: { vault: true, key: true },
    readBackError: 'read-back differs from what was written',
  });
  if (write.failure) {
    return { kind: 'write-failed', plan, write, failure: write.failure };
  }
  return { kind: 'opened', plan, write };
}
