// Every statement that an opening adds or changes must decide something: each mutant of it (the
// statement, a condition, a condition value or an action removed; a principal widened to "*") must
// change the decision of at least one request, of the break-glass table (requests.ts) or of the
// stack's proofs of the SSN vault and key (test/proofs/table.ts: they hold on the opened policies
// too, since the opening changes nothing for anyone but P: decision and deciding statement). A surviving mutant means a missing
// request, or a part of the opened policies that decides nothing given the rest: those are listed in
// EQUIVALENT with the reason, and must survive (so the list stays exact).
import type { PolicyJson } from '../../lib/policies/policy-json';
import { SID } from '../../lib/policies';
import { proofOn, proofTable } from '../proofs/table';
import { evaluateAnalysed } from '../../lib/analysis/iam';
import {
  EQUIVALENT,
  mutants,
  NAMES,
  OPENED,
  openingStatements,
  type SsnPolicy,
  withoutReason,
} from './mutants';
import { MutantKiller, type Verdict } from '../support/mutant-killer';
import { at, breakGlassRequests, config } from './requests';

vi.setConfig({ testTimeout: 120_000 });

/** One request of either table: its name, and what a version of its policy gives it. */
interface Check {
  readonly name: string;
  readonly policy: SsnPolicy;
  readonly verdict: (policy: PolicyJson) => Promise<Verdict>;
}

const checks: Check[] = [
  ...breakGlassRequests().map((r) => ({
    name: r.name,
    policy: r.policy,
    verdict: async (policy: PolicyJson) => {
      const { evaluation, applying } = await evaluateAnalysed(
        config,
        r.policy,
        policy,
        at(r.who, r.action, r.time),
      );
      return { holds: evaluation.decision === r.expected, applying };
    },
  })),
  ...proofTable(config).flatMap((proof) =>
    proof.policy === 'ssnVault' || proof.policy === 'ssnKey'
      ? [
          {
            name: `stack proof: ${proof.name}`,
            policy: proof.policy,
            verdict: (policy: PolicyJson) => proofOn(config, proof, policy),
          },
        ]
      : [],
  ),
];

const checksOf = (name: SsnPolicy) => checks.filter((c) => c.policy === name);
const killer = new MutantKiller<Check>(
  (check, policy) => check.verdict(policy),
  (check) => OPENED[check.policy],
);

const survivors: string[] = [];
let killed = 0;

test('the mutated statements are exactly those the opening adds or changes', () => {
  const sids = NAMES.flatMap((name) =>
    OPENED[name].Statement.filter(openingStatements(name)).map((s) => withoutReason(s.Sid ?? '(no Sid)')),
  );
  expect(sids).toEqual([
    SID.denyEmergencyRestoreOperations,
    `${SID.denyEmergencyRestoreOperations}${SID.afterExpirySuffix}`,
    `${SID.breakGlassRestoreAccess}…`,
    SID.breakGlassDenyCopyOut,
    SID.denySsnKeyUseInBackupAccount,
    `${SID.denySsnKeyUseInBackupAccount}${SID.afterExpirySuffix}`,
    `${SID.breakGlassDecryptAccess}…`,
    SID.breakGlassDenyOtherKeyPaths,
  ]);
});

test('every declared equivalent mutant is a mutant of the opened policies', () => {
  const labels = new Set(mutants.map((m) => m.label));
  expect(Object.keys(EQUIVALENT).filter((label) => !labels.has(label))).toEqual([]);
});

test.each(NAMES.map((n) => [n]))('every request holds on the opened %s policy', async (name) => {
  expect((await killer.failingUnmutated(checksOf(name))).map((c) => c.name)).toEqual([]);
});

test.each(mutants.filter((m) => !EQUIVALENT[m.label]).map((m) => [m.label, m] as const))(
  'killed: %s',
  async (label, mutant) => {
    expect(JSON.stringify(mutant.policy)).not.toEqual(JSON.stringify(OPENED[mutant.name]));
    const failing = await killer.killer(mutant, checksOf(mutant.name));
    if (failing) killed += 1;
    else survivors.push(label);
    expect(failing).toBeDefined();
  },
);

test.each(mutants.filter((m) => EQUIVALENT[m.label]).map((m) => [m.label, m] as const))(
  'equivalent, survives: %s',
  async (label, mutant) => {
    const failing = await killer.killer(mutant, checksOf(mutant.name));
    if (failing) killed += 1;
    else survivors.push(label);
    expect(failing?.name).toBeUndefined();
  },
);

afterAll(() => {
  const equivalent = survivors.filter((s) => EQUIVALENT[s]).length;
  const lines = [
    `break-glass mutation score: ${killed}/${mutants.length} killed` +
      ` (${mutants.length - Object.keys(EQUIVALENT).length} must be killed; ${equivalent} declared equivalent survived)`,
    ...survivors.map(
      (s) => `  survived: ${s}${EQUIVALENT[s] ? ` (equivalent: ${EQUIVALENT[s]})` : ' (NOT DECLARED)'}`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
});
