import { auditTrail } from '../audit-trail';
import { baselinePolicies } from '../baseline';
import { CliError, describeError, EXIT, type ExitCode } from '../../cli';
import { describePolicyState, inspect, inspectPolicy, policyDiff } from '../inspect';
import { parsedOrUndefined, policyText, textHash } from '../../policies/policy-json';
import type { Runtime } from '../runtime';
import { assertKeyPolicyWritable } from '../safety';
import { checkedCaller, hashesNow, readDeployed } from '../state';
import { readBack } from '../verify';

export interface CloseOptions {
  /** Print what would change; write nothing. */
  readonly dryRun?: boolean;
}

/**
 * Puts back the exact baseline policies, vault first (the gate to the data closes first), then the
 * key, and reads them back. It fails closed: if the key write fails after the vault was sealed, the
 * vault stays sealed (undoing a seal would re-open access); the exit code says the pair is
 * inconsistent, and running close again finishes the job.
 */
export async function runClose(rt: Runtime, options: CloseOptions = {}): Promise<ExitCode> {
  const caller = await checkedCaller(rt);
  const state = await readDeployed(rt);
  const baseline = baselinePolicies(rt.config);
  const texts = { vault: policyText(baseline.vault), key: policyText(baseline.key) };
  const current = inspect({ vault: state.vault, key: state.keyPolicy }, baseline, rt.now());
  const grant = current.state === 'OPEN' || current.state === 'EXPIRED' ? current.grant : undefined;

  const { record, finish, saveBefore } = auditTrail(rt, 'close', caller, state, grant);

  if (current.state === 'SEALED') {
    rt.out('SEALED already: both SSN policies are the baseline; nothing to write.');
    if (!options.dryRun)
      finish(record('unchanged', { vault: textHash(state.vault), key: textHash(state.keyPolicy) }, null));
    return EXIT.ok;
  }

  const vaultState = inspectPolicy('vault', state.vault, baseline.vault);
  const keyState = inspectPolicy('key', state.keyPolicy, baseline.key);
  rt.out('Sealing the SSN backups: putting back the baseline policies');
  rt.out(`  ${describePolicyState('vault', vaultState)}`);
  rt.out(`  ${describePolicyState('key', keyState)}`);
  const writeVault = vaultState.state !== 'sealed';
  const writeKey = keyState.state !== 'sealed';
  if (writeVault) {
    rt.out(`Changes to the access policy of vault ${state.vaultName}:`);
    for (const line of policyDiff(parsedOrUndefined(state.vault), baseline.vault)) rt.out(`  ${line}`);
  }
  if (writeKey) {
    rt.out(`Changes to the key policy of ${state.key.arn}:`);
    for (const line of policyDiff(parsedOrUndefined(state.keyPolicy), baseline.key)) rt.out(`  ${line}`);
  }
  if (options.dryRun) {
    rt.out('Dry run: nothing written.');
    return EXIT.ok;
  }
  assertKeyPolicyWritable(baseline.key, baseline.key, texts.key);

  const backupFile = saveBefore();

  if (writeVault) {
    try {
      await rt.aws.putVaultPolicy(state.vaultName, texts.vault);
    } catch (error) {
      const { message, exitCode } = describeError(error);
      finish(record('failed-nothing-changed', await hashesNow(rt, state), backupFile, message));
      throw new CliError(`Writing the vault policy failed; nothing was changed. ${message}`, exitCode);
    }
  }
  if (writeKey) {
    try {
      await rt.aws.putKeyPolicy(state.key.keyId, texts.key);
    } catch (error) {
      const { message } = describeError(error);
      const outcome = writeVault ? 'failed-inconsistent' : 'failed-nothing-changed';
      finish(record(outcome, await hashesNow(rt, state), backupFile, message));
      throw new CliError(
        writeVault
          ? `The vault is sealed, but writing the key policy failed (${message}). Restores stay blocked by the vault; run close again to seal the key.`
          : `Writing the key policy failed; nothing was changed. ${message}`,
        writeVault ? EXIT.inconsistent : describeError(error).exitCode,
      );
    }
  }

  const check = await readBack(rt, state, baseline, texts);
  const after = await hashesNow(rt, state);
  if (!check.vault || !check.key) {
    finish(record('failed-inconsistent', after, backupFile, 'read-back differs from the baseline'));
    throw new CliError(
      `The baseline was written, but reading back gives something else (${[!check.vault && 'vault', !check.key && 'key'].filter(Boolean).join(' and ')}): run status.`,
      EXIT.inconsistent,
    );
  }
  rt.out(
    `SEALED: verified by reading back both policies${check.byteIdentical ? ' (byte for byte the baseline)' : ' (same meaning as the baseline; the service reformatted the text)'}.`,
  );
  finish(record('applied', after, backupFile));
  return EXIT.ok;
}
