// Every statement is load-bearing: each mutant of each deployed policy (a statement, a condition, a
// condition value or an action removed; a principal widened to "*") must make at least one proof of
// the table fail. The same rows drive the proof tests, so a surviving mutant means a missing proof,
// or a part of a policy that does nothing.
import { configWith } from '../support/config';
import {
  builtPolicies,
  evaluate,
  type PolicyJson,
  POLICY_NAMES,
  type PolicyName,
} from '../../lib/analysis/iam';
import { mutantsOf } from '../../lib/analysis/mutants';
import { type Proof, proofTable } from './table';

// The engine's first load of its IAM data is slow on a busy machine.
jest.setTimeout(60_000);
const config = configWith();
const policies = builtPolicies(config);
const proofs = proofTable(config);

/** The names of the proofs that fail against this version of the named policy; with `firstOnly`, the first. */
async function failingProofs(name: PolicyName, policy: PolicyJson, firstOnly = false): Promise<string[]> {
  const failing: string[] = [];
  for (const proof of proofs.filter((p: Proof) => p.policy === name)) {
    const result = await evaluate(config, name, policy, proof.request);
    const expected = proof.expected;
    if (result.decision !== expected.decision || result.sid !== expected.sid) {
      failing.push(proof.name);
      if (firstOnly) break;
    }
  }
  return failing;
}

const mutants = POLICY_NAMES.flatMap((name) =>
  mutantsOf(policies[name]).map((m) => ({ name, ...m, label: `${name}: ${m.description}` })),
);
const survivors: string[] = [];
let killed = 0;

test.each(POLICY_NAMES.map((n) => [n]))(
  'every proof of the %s policy holds before mutation',
  async (name) => {
    expect(await failingProofs(name, policies[name])).toEqual([]);
  },
);

test.each(mutants.map((m) => [m.label, m] as const))('killed: %s', async (label, mutant) => {
  expect(JSON.stringify(mutant.policy)).not.toEqual(JSON.stringify(policies[mutant.name]));
  const failing = await failingProofs(mutant.name, mutant.policy, true);
  if (failing.length > 0) killed += 1;
  else survivors.push(label);
  expect(failing.length).toBeGreaterThan(0);
});

afterAll(() => {
  const lines = [
    `mutation score: ${killed}/${mutants.length} killed`,
    ...survivors.map((s) => `  survived: ${s}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
});
