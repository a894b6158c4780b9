/**
 * Defines one jest test per proof of a claim: the request is evaluated against the policy the stack
 * deploys (the builders' output, which test/stack.test.ts pins equal to the synthesized template),
 * and both the decision and the deciding statement must match.
 */
import { builtPolicies, evaluate, verdictOf } from '../../lib/analysis/iam';
import type { BackupAccountConfig } from '../../lib/config';
import { configWith } from '../support/config';
import { type Claim, proofsOf } from './table';

export function proveClaim(claim: Claim, config: BackupAccountConfig = configWith()): void {
  // The engine's first load of its IAM data is slow on a busy machine.
  vi.setConfig({ testTimeout: 60_000 });
  const policies = builtPolicies(config);
  const proofs = proofsOf(config, claim);
  test('the claim has proofs', () => expect(proofs.length).toBeGreaterThan(0));
  test.each(proofs.map((p) => [p.name, p] as const))('%s', async (_name, proof) => {
    const result = await evaluate(config, proof.policy, policies[proof.policy], proof.request);
    expect(result.ignoredContextKeys).toEqual([]);
    expect(verdictOf(result)).toEqual({ sid: undefined, ...proof.expected });
  });
}
