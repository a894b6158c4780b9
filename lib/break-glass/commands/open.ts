import { auditTrail } from '../audit-trail';
import { baselinePolicies, type PolicyPair } from '../baseline';
import { CliError, describeError, EXIT, type ExitCode, RefusedError } from '../../cli';
import { type Grant, openPolicies } from '../grant';
import { checkDuration, checkPrincipal, checkReason, DEFAULT_MAX_DURATION, expiryAfter } from '../input';
import { describePolicyState, hasExpired, inspectPolicy, type PolicyState, policyDiff } from '../inspect';
import { parsedOrUndefined, policyText, samePolicy, textHash } from '../../policies/policy-json';
import type { Runtime } from '../runtime';
import { assertKeyPolicyWritable } from '../safety';
import { checkedCaller, type DeployedState, hashesNow, readDeployed, span } from '../state';
import { readBack } from '../verify';

export interface OpenOptions {
  readonly principal?: string;
  readonly reason?: string;
  readonly duration?: string;
  /** @default DEFAULT_MAX_DURATION (12h) */
  readonly maxDuration?: string;
  /** Print the plan and the exact diff; write nothing. */
  readonly dryRun?: boolean;
  /** Apply without asking. */
  readonly yes?: boolean;
}

/** Open is possible from the baseline, or over an opening of the same principal, or an expired one. */
function blocker(name: 'vault' | 'key', state: PolicyState, grant: Grant, now: Date): string | undefined {
  if (state.state === 'sealed') return undefined;
  if (state.state === 'open') {
    if (state.grant.principalArn === grant.principalArn || hasExpired(state.grant, now)) return undefined;
    return `${describePolicyState(name, state)}: run close first if that access must end`;
  }
  return `${describePolicyState(name, state)}: run status to see the difference; close puts the baseline back`;
}

function printPlan(
  rt: Runtime,
  state: DeployedState,
  grant: Grant,
  before: PolicyPair | undefined,
  target: PolicyPair,
) {
  const now = rt.now();
  rt.out('Break-glass opening of the SSN backups');
  rt.out(`  principal: ${grant.principalArn}`);
  rt.out(`  until:     ${grant.expiry} (${span(now, grant.expiry)})`);
  rt.out(`  reason:    ${grant.reason}`);
  rt.out(`  account ${rt.config.backupAccountId}, region ${rt.region}`);
  rt.out(`Changes to the access policy of vault ${state.vaultName}:`);
  for (const line of policyDiff(before?.vault, target.vault)) rt.out(`  ${line}`);
  rt.out(`Changes to the key policy of ${state.key.arn}:`);
  for (const line of policyDiff(before?.key, target.key)) rt.out(`  ${line}`);
}

/**
 * Gives one role temporary restore access: key policy first, then the vault policy (the gate to
 * the data opens last). If the vault write fails, the key policy is put back as it was.
 */
export async function runOpen(rt: Runtime, options: OpenOptions): Promise<ExitCode> {
  const principalArn = checkPrincipal(options.principal, rt.config);
  const reason = checkReason(options.reason);
  if (options.duration === undefined)
    throw new CliError('--duration is required, such as 2h or 90m', EXIT.usage);
  const durationMs = checkDuration(options.duration, options.maxDuration ?? DEFAULT_MAX_DURATION);
  const grant: Grant = { principalArn, reason, expiry: expiryAfter(rt.now(), durationMs) };

  const caller = await checkedCaller(rt);
  const state = await readDeployed(rt);
  const baseline = baselinePolicies(rt.config);
  const now = rt.now();
  const vaultState = inspectPolicy('vault', state.vault, baseline.vault);
  const keyState = inspectPolicy('key', state.keyPolicy, baseline.key);
  const blockers = [blocker('vault', vaultState, grant, now), blocker('key', keyState, grant, now)].filter(
    (b): b is string => b !== undefined,
  );
  if (blockers.length > 0) {
    throw new RefusedError(
      `Nothing written; the SSN policies are not in a state open can start from:\n  ${blockers.join('\n  ')}`,
    );
  }

  const target = openPolicies(baseline, grant);
  const texts = { vault: policyText(target.vault), key: policyText(target.key) };
  assertKeyPolicyWritable(target.key, baseline.key, texts.key);
  const before = { vault: parsedOrUndefined(state.vault), key: parsedOrUndefined(state.keyPolicy) };
  printPlan(rt, state, grant, before.vault && before.key ? (before as PolicyPair) : undefined, target);

  if (options.dryRun) {
    rt.out('Exact policy texts that open would write:');
    rt.out(`  vault ${state.vaultName}: ${texts.vault}`);
    rt.out(`  key ${state.key.arn}: ${texts.key}`);
    rt.out('Dry run: nothing written.');
    return EXIT.ok;
  }

  const { record, finish, saveBefore } = auditTrail(rt, 'open', caller, state, grant);

  if (
    before.vault &&
    before.key &&
    samePolicy(before.vault, target.vault) &&
    samePolicy(before.key, target.key)
  ) {
    rt.out('The policies already carry exactly this opening: nothing to write.');
    finish(record('unchanged', { vault: textHash(state.vault), key: textHash(state.keyPolicy) }, null));
    return EXIT.ok;
  }

  if (!options.yes) {
    if (!rt.confirm) {
      throw new RefusedError('Nothing written: pass --yes to apply (there is no terminal to confirm on).');
    }
    if (!(await rt.confirm('Apply these changes? Type "yes" to continue: '))) {
      throw new RefusedError('Nothing written: not confirmed.');
    }
  }

  const backupFile = saveBefore();

  try {
    await rt.aws.putKeyPolicy(state.key.keyId, texts.key);
  } catch (error) {
    const { message, exitCode } = describeError(error);
    finish(record('failed-nothing-changed', await hashesNow(rt, state), backupFile, message));
    throw new CliError(`Writing the key policy failed; nothing was changed. ${message}`, exitCode);
  }
  try {
    await rt.aws.putVaultPolicy(state.vaultName, texts.vault);
  } catch (error) {
    const cause = describeError(error).message;
    try {
      await rt.aws.putKeyPolicy(state.key.keyId, state.keyPolicy);
    } catch (rollbackError) {
      const rollback = describeError(rollbackError).message;
      finish(
        record(
          'failed-inconsistent',
          await hashesNow(rt, state),
          backupFile,
          `${cause} | rollback: ${rollback}`,
        ),
      );
      throw new CliError(
        `Writing the vault policy failed (${cause}) and putting the key policy back failed too (${rollback}). The key policy may be open while the vault is not: run close (the previous policies are in ${backupFile}).`,
        EXIT.inconsistent,
      );
    }
    finish(record('failed-rolled-back', await hashesNow(rt, state), backupFile, cause));
    throw new CliError(
      `Writing the vault policy failed (${cause}); the key policy was put back as it was. Nothing is open; retrying is safe.`,
      EXIT.rolledBack,
    );
  }

  const check = await readBack(rt, state, target, texts);
  const after = await hashesNow(rt, state);
  if (!check.vault || !check.key) {
    finish(record('failed-inconsistent', after, backupFile, 'read-back differs from what was written'));
    throw new CliError(
      `Both policies were written, but reading them back gives something else (${[!check.vault && 'vault', !check.key && 'key'].filter(Boolean).join(' and ')}): run status.`,
      EXIT.inconsistent,
    );
  }
  rt.out(
    `OPEN: ${grant.principalArn} may restore from ${state.vaultName} and decrypt with the SSN key until ${grant.expiry}; access ends by itself then. Run close when done.`,
  );
  finish(record('applied', after, backupFile));
  return EXIT.ok;
}
