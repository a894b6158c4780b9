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
import { FirstFailing } from '../support/first-failing';
import { type Proof, proofTable } from './table';

// The engine's first load of its IAM data is slow on a busy machine.
jest.setTimeout(60_000);
const config = configWith();
const policies = builtPolicies(config);
const proofs = proofTable(config);

/** Whether the proof fails against this version of its policy. */
async function fails(proof: Proof, policy: PolicyJson): Promise<boolean> {
  const result = await evaluate(config, proof.policy, policy, proof.request);
  return result.decision !== proof.expected.decision || result.sid !== proof.expected.sid;
}

const proofsOf = (name: PolicyName) => proofs.filter((p) => p.policy === name);
const firstFailing = new FirstFailing<Proof>();

const mutants = POLICY_NAMES.flatMap((name) =>
  mutantsOf(policies[name]).map((m) => ({ name, ...m, label: `${name}: ${m.description}` })),
);
const survivors: string[] = [];
let killed = 0;

test.each(POLICY_NAMES.map((n) => [n]))(
  'every proof of the %s policy holds before mutation',
  async (name) => {
    const failing: string[] = [];
    for (const proof of proofsOf(name)) if (await fails(proof, policies[name])) failing.push(proof.name);
    expect(failing).toEqual([]);
  },
);

test.each(mutants.map((m) => [m.label, m] as const))('killed: %s', async (label, mutant) => {
  expect(JSON.stringify(mutant.policy)).not.toEqual(JSON.stringify(policies[mutant.name]));
  const killer = await firstFailing.find(proofsOf(mutant.name), (proof) => fails(proof, mutant.policy));
  if (killer) killed += 1;
  else survivors.push(label);
  expect(killer).toBeDefined();
});

afterAll(() => {
  const lines = [
    `mutation score: ${killed}/${mutants.length} killed`,
    ...survivors.map((s) => `  survived: ${s}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
});
