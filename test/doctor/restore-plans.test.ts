import { checkRestorePlans, vaultPatternMatches } from '../../lib/doctor/checks/restore-plans';
import {
  ACCOUNT,
  aws,
  context,
  GENERAL,
  healthyWorld,
  install,
  PLAN_ARN,
  serviceError,
  SSN,
  type World,
  worded,
} from './fixture';

/** The check's result, with the words the report prints for it. */
const run = async () => worded(await checkRestorePlans(aws(), context(), SSN));

/** One plan named `name` whose recovery point selection has these vault lists. */
function withPlan(name: string, include: string[], exclude?: string[]): World {
  const world = healthyWorld();
  world.restoreTestingPlanList.push({
    name,
    arn: `${PLAN_ARN}-${name}`,
    schedule: 'cron(0 5 ? * SUN *)',
  });
  world.planVaults.set(name, { includeVaults: include, excludeVaults: exclude ?? [] });
  world.planSelections.set(name, [{ name: 'tables', resourceType: 'DynamoDB' }]);
  return world;
}

test("PASS: the stack's plan names only the general vault", async () => {
  install(withPlan('general_restore_test', [GENERAL.vaultArn]));
  expect(await run()).toMatchObject({
    id: 'restore-plans',
    status: 'PASS',
    summary: `none of 1 plan can select the SSN vault ${SSN.vaultName}`,
    finding: { kind: 'plans', plans: 1, selectingSsn: [] },
    facts: { plans: 1, selectingSsn: [] },
  });
});

test('FAIL: a plan that includes the SSN vault, naming the plan, its vault lists and its selections', async () => {
  install(withPlan('ssn_plan', [SSN.vaultArn]));
  expect(await run()).toMatchObject({
    status: 'FAIL',
    finding: {
      kind: 'plans',
      selectingSsn: [
        {
          planName: 'ssn_plan',
          includeVaults: [SSN.vaultArn],
          excludeVaults: [],
          selections: [{ name: 'tables', resourceType: 'DynamoDB' }],
        },
      ],
    },
    summary: `1 plan can select the SSN vault ${SSN.vaultName}: a restore test would restore SSN data into this account`,
    details: [
      `ssn_plan: IncludeVaults ["${SSN.vaultArn}"], ExcludeVaults []; selections: tables (DynamoDB). Exclude ${SSN.vaultArn} or name only other vaults.`,
    ],
  });
});

test('FAIL: "*" without excluding the SSN vault, or excluding only another vault', async () => {
  for (const exclude of [undefined, [GENERAL.vaultArn]]) {
    install(withPlan('everything', ['*'], exclude));
    expect((await run()).status).toBe('FAIL');
  }
});

test('FAIL: an ARN pattern with a wildcard that matches the SSN vault', async () => {
  install(withPlan('pattern', [`arn:aws:backup:*:${ACCOUNT}:backup-vault:CompactConnect*`]));
  expect((await run()).status).toBe('FAIL');
});

test('PASS: "*" with the SSN vault excluded, by its ARN or by a pattern', async () => {
  for (const exclude of [[SSN.vaultArn], ['arn:aws:backup:*:*:backup-vault:*-SSN']]) {
    install(withPlan('everything', ['*'], exclude));
    expect((await run()).status).toBe('PASS');
  }
});

test('vault patterns: "*" matches any vault; other characters match only themselves', () => {
  expect(vaultPatternMatches('*', SSN.vaultArn)).toBe(true);
  expect(vaultPatternMatches(SSN.vaultArn, SSN.vaultArn)).toBe(true);
  expect(vaultPatternMatches(GENERAL.vaultArn, SSN.vaultArn)).toBe(false);
  expect(vaultPatternMatches(SSN.vaultArn.replace('SSN', 'SS.'), SSN.vaultArn)).toBe(false);
  expect(vaultPatternMatches(`${SSN.vaultArn}-other`, SSN.vaultArn)).toBe(false);
});

test('every plan is read, not only the first (the SDK mapping reads every page: test/aws)', async () => {
  const world = withPlan('first', [GENERAL.vaultArn]);
  world.restoreTestingPlanList.push({ name: 'second', arn: `${PLAN_ARN}-2`, schedule: undefined });
  world.planVaults.set('second', { includeVaults: ['*'], excludeVaults: [] });
  install(world);
  expect(await run()).toMatchObject({ status: 'FAIL', facts: { plans: 2 } });
  expect(world.callsOf('restoreTestingVaults')).toEqual([['first'], ['second']]);
});

test('FAIL: plans that cannot be read', async () => {
  install(withPlan('first', [GENERAL.vaultArn])).failures.restoreTestingVaults.push(
    serviceError('AccessDeniedException', 'no GetRestoreTestingPlan'),
  );
  expect(await run()).toMatchObject({
    status: 'FAIL',
    finding: { kind: 'unreadable', failure: { name: 'AccessDeniedException' } },
    summary: 'cannot be read: AccessDeniedException: no GetRestoreTestingPlan',
  });
});
