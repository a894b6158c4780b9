/**
 * Defines one jest test per proof of a claim: the request is evaluated against the policy of the
 * synthesized template (what deploys), and both the decision and the deciding statement must match.
 */
import type { BackupAccountConfig } from '../../lib/config';
import { configWith, synthesize } from '../support/config';
import { ASSUMPTIONS, deployedPolicies, evaluate, type PolicyJson, type PolicyName } from '../support/iam';
import { type Claim, proofsOf } from './table';

export function proveClaim(claim: Claim, config: BackupAccountConfig = configWith()): void {
  // Synthesis and the engine's first load of its IAM data are slow on a busy machine.
  jest.setTimeout(60_000);
  let policies: Record<PolicyName, PolicyJson>;
  beforeAll(() => {
    policies = deployedPolicies(synthesize(config).template, config);
  });
  const proofs = proofsOf(config, claim);
  test('the claim has proofs', () => expect(proofs.length).toBeGreaterThan(0));
  test.each(proofs.map((p) => [p.name, p] as const))('%s', async (_name, proof) => {
    // Assumptions this proof rests on (see ASSUMPTIONS in test/support/iam.ts for their sources):
    for (const id of proof.assumptions) expect(ASSUMPTIONS[id].source).toMatch(/\S/);
    const result = await evaluate(config, proof.policy, policies[proof.policy], proof.request);
    expect(result.ignoredContextKeys).toEqual([]);
    expect({ decision: result.decision, sid: result.sid }).toEqual({ sid: undefined, ...proof.expected });
  });
}
