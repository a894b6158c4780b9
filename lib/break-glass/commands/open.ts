import { CliError, EXIT, type ExitCode, RefusedError } from '../../cli';
import { parsedOrUndefined, policyText, samePolicy, textHash } from '../../policies/policy-json';
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
import type { Confirm, Runtime } from '../runtime';
import { checkedCaller, isoSeconds, readDeployed } from '../state';
import { failureExitCode, type WriteFailure, type WriteOutcome, writePolicies } from '../transaction';

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

export interface OpenResult {
  readonly exitCode: ExitCode;
  readonly plan: OpenPlan;
  readonly dryRun: boolean;
  /** The policies already carried this opening: the audit record of that. */
  readonly unchanged?: { readonly backupFile: null; readonly record: AuditRecord };
  readonly write?: WriteOutcome;
  /** Why it failed, for the operator (standard error). */
  readonly error?: string;
}

const KEY_OFFLINE = '(the SSN key: its ARN is known only once deployed)';

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

function checkedOpening(rt: Runtime, options: OpenOptions): Opening {
  const principalArn = checkPrincipal(options.principal, rt.config);
  const reason = checkReason(options.reason);
  if (options.duration === undefined)
    throw new CliError('--duration is required, such as 2h or 90m', EXIT.usage);
  const durationMs = checkDuration(options.duration, options.maxDuration ?? DEFAULT_MAX_DURATION);
  return { principalArn, reason, expiry: expiryAfter(rt.now(), durationMs) };
}

function basePlan(rt: Runtime, opening: Opening, target: PolicyPair, before: Partial<PolicyPair>) {
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

/** The preview of `open --dry-run --offline`: the opening's exact statements, from the configuration alone. */
export function previewOpen(rt: Omit<Runtime, 'aws'>, options: OpenOptions): OpenResult {
  const opening = checkedOpening(rt as Runtime, options);
  const baseline = baselinePolicies(rt.config);
  const target = openPolicies(baseline, opening);
  const plan: OpenPlan = {
    ...basePlan(rt as Runtime, opening, target, baseline),
    vaultName: ssnTargets(rt.config).vaultName,
    keyArn: KEY_OFFLINE,
    offline: true,
    restoreCommand: restoreCommand({
      region: rt.region,
      vaultName: ssnTargets(rt.config).vaultName,
      principalArn: opening.principalArn,
      keyArn: '<the SSN key ARN: npm run break-glass -- integration>',
    }),
  };
  return { exitCode: EXIT.ok, plan, dryRun: true };
}

/** The role's name from its ARN (the path is not part of the name). */
function roleName(arn: string): string {
  return arn.split('/').pop() ?? arn;
}

function failureMessage(failure: WriteFailure, backupFile: string): string {
  switch (failure.stage) {
    case 'first':
    case 'second':
      return `Writing the ${failure.policy} policy failed; nothing was changed. ${failure.cause}`;
    case 'rolled-back':
      return `Writing the vault policy failed (${failure.cause}); the key policy was put back as it was. Nothing is open; retrying is safe.`;
    case 'rollback':
      return `Writing the vault policy failed (${failure.cause}) and putting the key policy back failed too (${failure.rollbackError}). The key policy may be open while the vault is not: run close (the previous policies are in ${backupFile}).`;
    case 'read-back':
      return `Both policies were written, but reading them back gives something else (${failure.differs.join(' and ')}): run status.`;
  }
}

/**
 * Gives one role temporary restore access: key policy first, then the vault policy (the gate to
 * the data opens last). If the vault write fails, the key policy is put back as it was.
 */
export async function runOpen(
  rt: Runtime,
  options: OpenOptions,
  confirm?: Confirm<OpenPlan>,
): Promise<OpenResult> {
  const opening = checkedOpening(rt, options);
  const caller = await checkedCaller(rt);
  const state = await readDeployed(rt);
  const account = await AccountRecord.read(rt);
  const deployed = await deployedBaseline(rt);
  const baseline = deployed.baseline;
  const now = rt.now();
  /** A refused attempt is recorded too (when it can be); the refusal stands either way. */
  const refuse = async (message: string): Promise<never> => {
    if (!options.dryRun) {
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
          error: message,
        })
        .catch(() => undefined);
    }
    throw new RefusedError(message);
  };
  if (state.aliasDrift) {
    await refuse(
      `Nothing written: the alias ${state.aliasDrift.alias} ${state.aliasDrift.aliasKeyArn ? `names key ${state.aliasDrift.aliasKeyArn}` : 'does not exist'}, but vault ${state.vaultName} encrypts with key ${state.key.arn}. Run status, and find out who changed the alias before opening.`,
    );
  }
  const vaultState = inspectPolicy('vault', state.vault, baseline.vault);
  const keyState = inspectPolicy('key', state.keyPolicy, baseline.key, baseline.openingViaServices);
  const blockers = [
    blocker('vault', vaultState, opening, now),
    blocker('key', keyState, opening, now),
  ].filter((b): b is string => b !== undefined);
  if (blockers.length > 0) {
    await refuse(
      `Nothing written; the SSN policies are not in a state open can start from:\n  ${blockers.join('\n  ')}`,
    );
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
  if (options.dryRun) return { exitCode: EXIT.ok, plan, dryRun: true };

  const sealed = vaultState.kind === 'sealed' && keyState.kind === 'sealed';
  await recordStackEnding(account, stackEnding(openingInTrail(account.entries), account.stack, sealed), {
    account: rt.config.backupAccountId,
    region: rt.region,
    vaultName: state.vaultName,
  });
  const expired = [vaultState, keyState].find(
    (p): p is Extract<PolicyState, { kind: 'open' }> => p.kind === 'open' && hasExpired(p.opening, now),
  );
  if (expired)
    await recordExpiry(account, expired.opening, {
      account: rt.config.backupAccountId,
      region: rt.region,
      vaultName: state.vaultName,
      command: 'open',
    });
  const trail = auditTrail(rt, 'open', caller, state, opening, account);
  if (
    before.vault &&
    before.key &&
    samePolicy(before.vault, target.vault) &&
    samePolicy(before.key, target.key)
  ) {
    const record = await trail.append(
      trail.record('unchanged', { vault: textHash(state.vault), key: textHash(state.keyPolicy) }, null),
    );
    return { exitCode: EXIT.ok, plan, dryRun: false, unchanged: { backupFile: null, record } };
  }

  if (!options.yes) {
    if (!confirm) await refuse('Nothing written: pass --yes to apply (there is no terminal to confirm on).');
    else if (!(await confirm(plan))) await refuse('Nothing written: not confirmed.');
  }

  const write = await writePolicies(rt, state, trail, {
    order: ['key', 'vault'],
    rollBackFirst: true,
    expected: target,
    texts: plan.texts,
    write: { vault: true, key: true },
    readBackError: 'read-back differs from what was written',
  });
  if (write.failure) {
    return {
      exitCode: failureExitCode(write.failure),
      plan,
      dryRun: false,
      write,
      error: failureMessage(write.failure, write.backupFile),
    };
  }
  return { exitCode: EXIT.ok, plan, dryRun: false, write };
}
