import type { RestoreTestJob } from '../../lib/aws';
import { checkRestoreTest } from '../../lib/doctor/checks/restore-test';
import {
  aws,
  context,
  healthyWorld,
  hoursAgo,
  install,
  PLAN_ARN,
  PLAN_NAME,
  serviceError,
  type World,
  worded,
} from './fixture';

/** The check's result, with the words the report prints for it. */
const run = async (planName: string | undefined = PLAN_NAME) =>
  worded(await checkRestoreTest(aws(), context(), planName));

function withPlan(jobs: Partial<RestoreTestJob>[] = []): World {
  const world = healthyWorld();
  world.restoreTestingPlanList = [
    { name: 'another_plan', arn: `${PLAN_ARN}-other`, schedule: 'cron(0 1 * * ? *)' },
    { name: PLAN_NAME, arn: PLAN_ARN, schedule: 'cron(0 5 ? * SUN *)' },
  ];
  world.testJobs.set(
    PLAN_ARN,
    jobs.map((j) => ({
      restoreJobId: undefined,
      createdAt: undefined,
      status: undefined,
      statusMessage: undefined,
      validationStatus: undefined,
      validationMessage: undefined,
      ...j,
    })),
  );
  return world;
}

test('SKIP: restore testing off is reported, never failed, and AWS is not asked', async () => {
  install(healthyWorld());
  expect(worded(await checkRestoreTest(aws(), context(), undefined))).toMatchObject({
    id: 'restore-test',
    status: 'SKIP',
    finding: { kind: 'off' },
    summary: 'off in this configuration: no backup is restored to prove it restores',
  });
  expect(aws().calls).toEqual([]);
});

test('PASS: the last finished test, its date and result', async () => {
  // GIVEN
  install(
    withPlan([
      { restoreJobId: 'old', status: 'FAILED', statusMessage: 'old failure', createdAt: hoursAgo(200) },
      {
        restoreJobId: 'last',
        status: 'COMPLETED',
        validationStatus: 'SUCCESSFUL',
        createdAt: hoursAgo(30),
      },
      { restoreJobId: 'running', status: 'RUNNING', createdAt: hoursAgo(1) },
    ]),
  );
  // WHEN
  const result = await run();
  // THEN
  expect(result).toMatchObject({
    status: 'PASS',
    finding: {
      kind: 'finished',
      last: { restoreJobId: 'last', status: 'COMPLETED', validationStatus: 'SUCCESSFUL' },
      inProgress: 1,
    },
    summary: 'last test 2030-02-28 (30h ago): restore COMPLETED, validation SUCCESSFUL',
    details: ['1 restore test in progress'],
    facts: { planArn: PLAN_ARN, last: { restoreJobId: 'last' }, inProgress: 1 },
  });
  expect(aws().callsOf('findRestoreTestingPlan')).toEqual([[PLAN_NAME]]);
  expect(aws().callsOf('restoreTestJobs')).toEqual([[PLAN_ARN]]);
});

test('FAIL: a failed validation gives its reason', async () => {
  install(
    withPlan([
      {
        status: 'COMPLETED',
        validationStatus: 'FAILED',
        validationMessage: 'the restored table holds no items',
        createdAt: hoursAgo(30),
      },
    ]),
  );
  expect(await run()).toMatchObject({
    status: 'FAIL',
    finding: { kind: 'finished', last: { reason: 'the restored table holds no items' } },
    summary:
      'last test 2030-02-28 (30h ago): restore COMPLETED, validation FAILED: the restored table holds no items',
  });
});

test('FAIL: a failed restore job gives its status message', async () => {
  install(
    withPlan([{ status: 'FAILED', statusMessage: 'Access denied to KMS key', createdAt: hoursAgo(30) }]),
  );
  expect((await run()).summary).toBe(
    'last test 2030-02-28 (30h ago): restore FAILED, validation not reported: Access denied to KMS key',
  );
});

test('WARN: a completed restore whose validation never reported', async () => {
  install(withPlan([{ status: 'COMPLETED', createdAt: hoursAgo(30) }]));
  expect(await run()).toMatchObject({
    status: 'WARN',
    summary:
      'last test 2030-02-28 (30h ago): restore COMPLETED, validation not reported (the validation did not report a result)',
  });
});

test('WARN: no finished test yet (one still validating does not count)', async () => {
  install(withPlan([{ status: 'COMPLETED', validationStatus: 'VALIDATING', createdAt: hoursAgo(2) }]));
  expect(await run()).toMatchObject({
    status: 'WARN',
    finding: { kind: 'no-finished', planName: PLAN_NAME, inProgress: 1 },
    summary: `no finished restore test yet (plan ${PLAN_NAME}, cron(0 5 ? * SUN *))`,
    details: ['1 restore test in progress'],
  });
});

test('FAIL: restore testing configured but its plan is not deployed', async () => {
  install(healthyWorld());
  expect(await run()).toMatchObject({
    status: 'FAIL',
    finding: { kind: 'no-plan', planName: PLAN_NAME, region: 'us-west-2' },
    summary: `the configuration turns it on, but plan ${PLAN_NAME} is not deployed in us-west-2`,
  });
});

test('FAIL: restore jobs that cannot be read', async () => {
  install(withPlan()).failures.restoreTestJobs.push(
    serviceError('AccessDeniedException', 'no ListRestoreJobs'),
  );
  expect(await run()).toMatchObject({
    status: 'FAIL',
    finding: {
      kind: 'unreadable',
      failure: { name: 'AccessDeniedException', message: 'no ListRestoreJobs' },
    },
    summary: 'cannot be read: AccessDeniedException: no ListRestoreJobs',
  });
});
