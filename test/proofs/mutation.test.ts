// Every statement is load-bearing: each mutant of each deployed policy (a statement, a condition, a
// condition value or an action removed; a principal widened to "*") must make at least one proof of
// the table fail. The same rows drive the proof tests, so a surviving mutant means a missing proof,
// or a part of a policy that does nothing.
import { configWith } from '../support/config';
import {
  builtPolicies,
  evaluateAnalysed,
  type PolicyJson,
  POLICY_NAMES,
  type PolicyName,
} from '../../lib/analysis/iam';
import { type ApplyingStatements, mayChange, mutantsOf } from '../../lib/analysis/mutants';
import { FirstFailing } from '../support/first-failing';
import { type Proof, proofTable } from './table';

// The engine's first load of its IAM data is slow on a busy machine.
jest.setTimeout(60_000);
const config = configWith();
const policies = builtPolicies(config);
const proofs = proofTable(config);

/** What a version of its policy gives the proof: whether it holds, and which statements apply. */
async function verdict(
  proof: Proof,
  policy: PolicyJson,
): Promise<{ holds: boolean; applying: ApplyingStatements }> {
  const { evaluation, applying } = await evaluateAnalysed(config, proof.policy, policy, proof.request);
  const holds = evaluation.decision === proof.expected.decision && evaluation.sid === proof.expected.sid;
  return { holds, applying };
}

const proofsOf = (name: PolicyName) => proofs.filter((p) => p.policy === name);

/** What the deployed policies give each proof, evaluated once. */
const onDeployed = new Map<Proof, ReturnType<typeof verdict>>();
function verdictOnDeployed(proof: Proof): ReturnType<typeof verdict> {
  if (!onDeployed.has(proof)) onDeployed.set(proof, verdict(proof, policies[proof.policy]));
  return onDeployed.get(proof) as ReturnType<typeof verdict>;
}

const firstFailing = new FirstFailing<Proof>();
/** A proof that fails on this mutant, if any, among those it can change. */
async function killerOf(mutant: (typeof mutants)[number]): Promise<Proof | undefined> {
  const changeable: Proof[] = [];
  for (const proof of proofsOf(mutant.name)) {
    if (mayChange(mutant, (await verdictOnDeployed(proof)).applying)) changeable.push(proof);
  }
  return firstFailing.find(changeable, async (proof) => !(await verdict(proof, mutant.policy)).holds);
}

const mutants = POLICY_NAMES.flatMap((name) =>
  mutantsOf(policies[name]).map((m) => ({ name, ...m, label: `${name}: ${m.description}` })),
);
const survivors: string[] = [];
let killed = 0;

test.each(POLICY_NAMES.map((n) => [n]))(
  'every proof of the %s policy holds before mutation',
  async (name) => {
    const failing: string[] = [];
    for (const proof of proofsOf(name)) if (!(await verdictOnDeployed(proof)).holds) failing.push(proof.name);
    expect(failing).toEqual([]);
  },
);

test.each(mutants.map((m) => [m.label, m] as const))('killed: %s', async (label, mutant) => {
  expect(JSON.stringify(mutant.policy)).not.toEqual(JSON.stringify(policies[mutant.name]));
  const killer = await killerOf(mutant);
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
