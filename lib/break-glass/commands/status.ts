import { baselinePolicies } from '../baseline';
import { EXIT, type ExitCode } from '../../cli';
import { describePolicyState, inspect, type PolicyName, type PolicyState } from '../inspect';
import type { Runtime } from '../runtime';
import { checkedCaller, readDeployed, span } from '../state';

function printDrift(rt: Runtime, name: PolicyName, state: PolicyState) {
  rt.out(`  ${describePolicyState(name, state)}`);
  if (state.state !== 'drifted' || state.diff.length === 0) return;
  rt.out(`    diff against ${state.comparedWith} (- expected, + deployed):`);
  for (const line of state.diff) rt.out(`      ${line}`);
}

/** Compares the deployed SSN policies with the baseline; the exit code tells the state. */
export async function runStatus(rt: Runtime): Promise<ExitCode> {
  await checkedCaller(rt);
  const state = await readDeployed(rt);
  const now = rt.now();
  const result = inspect({ vault: state.vault, key: state.keyPolicy }, baselinePolicies(rt.config), now);
  const where = `vault ${state.vaultName}, key ${state.key.arn}`;
  switch (result.state) {
    case 'SEALED':
      rt.out(`SEALED: no break-glass access (${where} are the baseline).`);
      return EXIT.ok;
    case 'OPEN':
      rt.out(
        `OPEN: ${result.grant.principalArn} may restore from ${state.vaultName} and decrypt with the SSN key`,
      );
      rt.out(`  until:  ${result.grant.expiry} (${span(now, result.grant.expiry)})`);
      rt.out(`  reason: ${result.grant.reason}`);
      rt.out('  Run close when the restore is done.');
      return EXIT.open;
    case 'EXPIRED':
      rt.out(
        `EXPIRED: the opening for ${result.grant.principalArn} ended at ${result.grant.expiry} (${span(now, result.grant.expiry)}); nobody has access.`,
      );
      rt.out(`  reason: ${result.grant.reason}`);
      rt.out('  Its statements are still in the policies: run close to put the baseline back.');
      return EXIT.expired;
    case 'DRIFTED':
      rt.out(
        `DRIFTED: the SSN policies are neither the baseline nor an opening written by this tool (${where}).`,
      );
      printDrift(rt, 'vault', result.vault);
      printDrift(rt, 'key', result.key);
      rt.out('  close puts the baseline back (it saves the current policies first).');
      return EXIT.drifted;
  }
}
