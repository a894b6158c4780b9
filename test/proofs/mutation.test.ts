// Every statement is load-bearing: each mutant of each deployed policy (a statement, a condition, a
// condition value or an action removed; a principal widened to "*") must make at least one proof of
// the table fail. The same rows drive the proof tests, so a surviving mutant means a missing proof,
// or a part of a policy that does nothing.
import { configWith } from '../support/config';
import { builtPolicies, POLICY_NAMES, type PolicyName } from '../../lib/analysis/iam';
import { mutantsOf } from '../../lib/analysis/mutants';
import { MutantKiller } from '../support/mutant-killer';
import { type Proof, proofOn, proofTable } from './table';

// The engine's first load of its IAM data is slow on a busy machine.
vi.setConfig({ testTimeout: 60_000 });
const config = configWith();
const policies = builtPolicies(config);
const proofs = proofTable(config);

const proofsOf = (name: PolicyName) => proofs.filter((p) => p.policy === name);
const killer = new MutantKiller<Proof>(
  (proof, policy) => proofOn(config, proof, policy),
  (proof) => policies[proof.policy],
);

const mutants = POLICY_NAMES.flatMap((name) =>
  mutantsOf(policies[name]).map((m) => ({ name, ...m, label: `${name}: ${m.description}` })),
);
const survivors: string[] = [];
let killed = 0;

test.each(POLICY_NAMES.map((n) => [n]))(
  'every proof of the %s policy holds before mutation',
  async (name) => {
    expect((await killer.failingUnmutated(proofsOf(name))).map((p) => p.name)).toEqual([]);
  },
);

test.each(mutants.map((m) => [m.label, m] as const))('killed: %s', async (label, mutant) => {
  expect(JSON.stringify(mutant.policy)).not.toEqual(JSON.stringify(policies[mutant.name]));
  const failing = await killer.killer(mutant, proofsOf(mutant.name));
  if (failing) killed += 1;
  else survivors.push(label);
  expect(failing).toBeDefined();
});

afterAll(() => {
  const lines = [
    `mutation score: ${killed}/${mutants.length} killed`,
    ...survivors.map((s) => `  survived: ${s}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
});
