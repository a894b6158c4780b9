// Every statement that an opening adds or changes must decide something: each mutant of it (the
// statement, a condition, a condition value or an action removed; a principal widened to "*") must
// change the decision of at least one request, of the break-glass table (requests.ts) or of the
// stack's proofs of the SSN vault and key (test/proofs/table.ts: they hold on the opened policies
// too, since the opening changes nothing for anyone but P: decision and deciding statement). A surviving mutant means a missing
// request, or a part of the opened policies that decides nothing given the rest: those are listed in
// EQUIVALENT with the reason, and must survive (so the list stays exact).
import { BREAK_GLASS_SID } from '../../lib/break-glass/grant';
import type { PolicyJson } from '../../lib/policies/policy-json';
import { SID } from '../../lib/policies';
import { evaluate, type PolicyJson as HarnessPolicy, type StatementJson } from '../support/iam';
import { mutantsOf } from '../proofs/mutants';
import { proofTable } from '../proofs/table';
import { decide } from './iam';
import { breakGlassRequests, config, opened, sealed } from './requests';

jest.setTimeout(120_000);

type SsnPolicy = 'ssnVault' | 'ssnKey';
const NAMES: readonly SsnPolicy[] = ['ssnVault', 'ssnKey'];
const OPENED: Record<SsnPolicy, HarnessPolicy> = {
  ssnVault: opened.vault as unknown as HarnessPolicy,
  ssnKey: opened.key as unknown as HarnessPolicy,
};
const SEALED: Record<SsnPolicy, PolicyJson> = { ssnVault: sealed.vault, ssnKey: sealed.key };

/**
 * Mutants whose every decision is that of the opened policy: another statement of it already decides
 * the same. None is a missing request; none is removable without changing what the opening means.
 */
const EQUIVALENT: Record<string, string> = {
  'ssnVault: remove condition ArnEquals aws:PrincipalArn of DenyEmergencyRestoreOperationsAfterExpiry':
    'DenyEmergencyRestoreOperations (ArnNotEquals P) denies everyone else at every time',
  'ssnVault: remove action backup:StartCopyJob from DenyEmergencyRestoreOperationsAfterExpiry':
    'BreakGlassDenyCopyOut denies P copy-out at every time',
  'ssnVault: remove action backup:CopyFromBackupVault from DenyEmergencyRestoreOperationsAfterExpiry':
    'BreakGlassDenyCopyOut denies P copy-out at every time',
  'ssnVault: remove condition DateLessThan aws:CurrentTime of BreakGlassRestoreAccess…':
    'DenyEmergencyRestoreOperationsAfterExpiry denies P both actions from the expiry on; `status` reads the expiry from this condition',
  'ssnVault: widen principal arn:aws:iam::000011114444:role/SsnRestore of BreakGlassRestoreAccess… to "*"':
    'DenyEmergencyRestoreOperations denies everyone else both actions; `status` reads the principal from it',
  'ssnKey: remove condition BoolIfExists aws:PrincipalIsAWSService of DenySSNKeyDecryptOperationsAfterExpiry':
    'copied from the baseline DENY; ArnEquals P already leaves out service principals',
  'ssnKey: remove condition ArnNotLike aws:PrincipalArn of DenySSNKeyDecryptOperationsAfterExpiry':
    'copied from the baseline DENY; ArnEquals P already leaves out the service-linked role',
  'ssnKey: remove condition ArnEquals aws:PrincipalArn of DenySSNKeyDecryptOperationsAfterExpiry':
    'DenySSNKeyDecryptOperations (same conditions, ArnNotEquals P) denies everyone else at every time',
  'ssnKey: remove action kms:CreateGrant from DenySSNKeyDecryptOperationsAfterExpiry':
    'BreakGlassDenyGrants and DenyGrantsNotForAWSServices deny P direct grants at every time; a grant through a service carries kms:ViaService, which this DENY leaves out',
  'ssnKey: remove statement BreakGlassDenyGrants':
    'DenyGrantsNotForAWSServices (CT.KMS.PR.3, in the baseline) denies every direct grant not for an AWS resource, P included, at every time',
};

/** One request of either table: its name, and whether the policy gives it the expected decision. */
interface Check {
  readonly name: string;
  readonly policy: SsnPolicy;
  readonly holds: (policy: HarnessPolicy) => Promise<boolean>;
}

const checks: Check[] = [
  ...breakGlassRequests().map((r) => ({
    name: r.name,
    policy: r.policy,
    holds: async (policy: HarnessPolicy) =>
      (await decide(config, r.policy, policy as unknown as PolicyJson, r.who, r.action, r.time)).decision ===
      r.expected,
  })),
  ...proofTable(config).flatMap((proof) =>
    proof.policy === 'ssnVault' || proof.policy === 'ssnKey'
      ? [
          {
            name: `stack proof: ${proof.name}`,
            policy: proof.policy,
            holds: async (policy: HarnessPolicy) => {
              const result = await evaluate(config, proof.policy, policy, proof.request);
              return result.decision === proof.expected.decision && result.sid === proof.expected.sid;
            },
          },
        ]
      : [],
  ),
];

/** The requests that fail on this version of the policy; with `firstOnly`, stops at the first. */
async function failingChecks(name: SsnPolicy, policy: HarnessPolicy, firstOnly = false): Promise<string[]> {
  const failing: string[] = [];
  for (const check of checks.filter((c) => c.policy === name)) {
    if (!(await check.holds(policy))) {
      failing.push(check.name);
      if (firstOnly) break;
    }
  }
  return failing;
}

/** The statements the opening adds or changes: those of the opened policy that the baseline lacks. */
function openingStatements(name: SsnPolicy): (statement: StatementJson) => boolean {
  const before = new Set(SEALED[name].Statement.map((s) => JSON.stringify(s)));
  return (statement) => !before.has(JSON.stringify(statement));
}

/** The ALLOW Sids end with the reason in hex: labels leave it out. */
const withoutReason = (text: string) =>
  text.replace(/(BreakGlass(?:Restore|Decrypt)Access)[0-9a-f]+/g, '$1…');

const mutants = NAMES.flatMap((name) =>
  mutantsOf(OPENED[name], openingStatements(name)).map((m) => ({
    name,
    ...m,
    label: withoutReason(`${name}: ${m.description}`),
  })),
);
const survivors: string[] = [];
let killed = 0;

test('the mutated statements are exactly those the opening adds or changes', () => {
  const sids = NAMES.flatMap((name) =>
    OPENED[name].Statement.filter(openingStatements(name)).map((s) => withoutReason(s.Sid ?? '(no Sid)')),
  );
  expect(sids).toEqual([
    SID.denyEmergencyRestoreOperations,
    `${SID.denyEmergencyRestoreOperations}${BREAK_GLASS_SID.afterExpirySuffix}`,
    `${BREAK_GLASS_SID.restoreAccess}…`,
    BREAK_GLASS_SID.denyCopyOut,
    SID.denySsnKeyDecryptOperations,
    `${SID.denySsnKeyDecryptOperations}${BREAK_GLASS_SID.afterExpirySuffix}`,
    `${BREAK_GLASS_SID.decryptAccess}…`,
    BREAK_GLASS_SID.denyGrants,
  ]);
});

test('every declared equivalent mutant is a mutant of the opened policies', () => {
  const labels = new Set(mutants.map((m) => m.label));
  expect(Object.keys(EQUIVALENT).filter((label) => !labels.has(label))).toEqual([]);
});

test.each(NAMES.map((n) => [n]))('every request holds on the opened %s policy', async (name) => {
  expect(await failingChecks(name, OPENED[name])).toEqual([]);
});

test.each(mutants.filter((m) => !EQUIVALENT[m.label]).map((m) => [m.label, m] as const))(
  'killed: %s',
  async (label, mutant) => {
    expect(JSON.stringify(mutant.policy)).not.toEqual(JSON.stringify(OPENED[mutant.name]));
    const failing = await failingChecks(mutant.name, mutant.policy, true);
    if (failing.length > 0) killed += 1;
    else survivors.push(label);
    expect(failing.length).toBeGreaterThan(0);
  },
);

test.each(mutants.filter((m) => EQUIVALENT[m.label]).map((m) => [m.label, m] as const))(
  'equivalent, survives: %s',
  async (label, mutant) => {
    const failing = await failingChecks(mutant.name, mutant.policy, true);
    if (failing.length > 0) killed += 1;
    else survivors.push(label);
    expect(failing).toEqual([]);
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
