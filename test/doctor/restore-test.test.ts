import { ListRestoreJobsCommand, ListRestoreTestingPlansCommand } from '@aws-sdk/client-backup';
import { checkRestoreTest } from '../../lib/doctor/checks/restore-test';
import {
  backupMock,
  clients,
  context,
  healthyWorld,
  hoursAgo,
  install,
  PLAN_ARN,
  PLAN_NAME,
  serviceError,
  type World,
} from './fixture';

const run = (planName: string | undefined = PLAN_NAME) => checkRestoreTest(clients(), context(), planName);

function withPlan(jobs: World['restoreJobs'] = []): World {
  const world = healthyWorld();
  world.plans = [
    {
      RestoreTestingPlanName: 'another_plan',
      RestoreTestingPlanArn: `${PLAN_ARN}-other`,
      ScheduleExpression: 'cron(0 1 * * ? *)',
      CreationTime: hoursAgo(1000),
    },
    {
      RestoreTestingPlanName: PLAN_NAME,
      RestoreTestingPlanArn: PLAN_ARN,
      ScheduleExpression: 'cron(0 5 ? * SUN *)',
      CreationTime: hoursAgo(1000),
    },
  ];
  world.restoreJobs = jobs.map((j) => ({ CreatedBy: { RestoreTestingPlanArn: PLAN_ARN }, ...j }));
  return world;
}

test('SKIP: restore testing off is reported, never failed, and AWS is not asked', async () => {
  install(healthyWorld());
  expect(await checkRestoreTest(clients(), context(), undefined)).toMatchObject({
    id: 'restore-test',
    status: 'SKIP',
    summary: 'off in this configuration: no backup is restored to prove it restores',
  });
  expect(backupMock).not.toHaveReceivedCommand(ListRestoreTestingPlansCommand);
});

test('PASS: the last finished test, its date and result', async () => {
  // GIVEN
  install(
    withPlan([
      { RestoreJobId: 'old', Status: 'FAILED', StatusMessage: 'old failure', CreationDate: hoursAgo(200) },
      {
        RestoreJobId: 'last',
        Status: 'COMPLETED',
        ValidationStatus: 'SUCCESSFUL',
        CreationDate: hoursAgo(30),
      },
      { RestoreJobId: 'running', Status: 'RUNNING', CreationDate: hoursAgo(1) },
    ]),
  );
  // WHEN
  const result = await run();
  // THEN
  expect(result).toMatchObject({
    status: 'PASS',
    summary: 'last test 2030-02-28 (30h ago): restore COMPLETED, validation SUCCESSFUL',
    details: ['1 restore test in progress'],
    facts: { planArn: PLAN_ARN, last: { restoreJobId: 'last' }, inProgress: 1 },
  });
  expect(backupMock).toHaveReceivedCommandWith(ListRestoreJobsCommand, { ByRestoreTestingPlanArn: PLAN_ARN });
});

test('FAIL: a failed validation gives its reason', async () => {
  install(
    withPlan([
      {
        Status: 'COMPLETED',
        ValidationStatus: 'FAILED',
        ValidationStatusMessage: 'the restored table holds no items',
        CreationDate: hoursAgo(30),
      },
    ]),
  );
  expect(await run()).toMatchObject({
    status: 'FAIL',
    summary:
      'last test 2030-02-28 (30h ago): restore COMPLETED, validation FAILED: the restored table holds no items',
  });
});

test('FAIL: a failed restore job gives its status message', async () => {
  install(
    withPlan([{ Status: 'FAILED', StatusMessage: 'Access denied to KMS key', CreationDate: hoursAgo(30) }]),
  );
  expect((await run()).summary).toBe(
    'last test 2030-02-28 (30h ago): restore FAILED, validation not reported: Access denied to KMS key',
  );
});

test('WARN: a completed restore whose validation never reported', async () => {
  install(withPlan([{ Status: 'COMPLETED', CreationDate: hoursAgo(30) }]));
  expect((await run()).status).toBe('WARN');
});

test('WARN: no finished test yet (one still validating does not count)', async () => {
  install(withPlan([{ Status: 'COMPLETED', ValidationStatus: 'VALIDATING', CreationDate: hoursAgo(2) }]));
  expect(await run()).toMatchObject({
    status: 'WARN',
    summary: `no finished restore test yet (plan ${PLAN_NAME}, cron(0 5 ? * SUN *))`,
    details: ['1 restore test in progress'],
  });
});

test('FAIL: restore testing configured but its plan is not deployed', async () => {
  install(healthyWorld());
  expect(await run()).toMatchObject({
    status: 'FAIL',
    summary: `the configuration turns it on, but plan ${PLAN_NAME} is not deployed in us-west-2`,
  });
});

test('plans and jobs are read across pages', async () => {
  install(withPlan());
  const world = withPlan();
  backupMock
    .on(ListRestoreTestingPlansCommand)
    .resolvesOnce({ RestoreTestingPlans: [world.plans[0]], NextToken: 'p2' })
    .resolvesOnce({ RestoreTestingPlans: [world.plans[1]] });
  backupMock
    .on(ListRestoreJobsCommand)
    .resolvesOnce({ RestoreJobs: [{ Status: 'FAILED', CreationDate: hoursAgo(300) }], NextToken: 'j2' })
    .resolvesOnce({
      RestoreJobs: [{ Status: 'COMPLETED', ValidationStatus: 'SUCCESSFUL', CreationDate: hoursAgo(10) }],
    });
  expect((await run()).status).toBe('PASS');
  expect(backupMock).toHaveReceivedCommandWith(ListRestoreTestingPlansCommand, { NextToken: 'p2' });
  expect(backupMock).toHaveReceivedCommandWith(ListRestoreJobsCommand, {
    ByRestoreTestingPlanArn: PLAN_ARN,
    NextToken: 'j2',
  });
});

test('FAIL: restore jobs that cannot be read', async () => {
  install(withPlan());
  backupMock.on(ListRestoreJobsCommand).rejects(serviceError('AccessDeniedException', 'no ListRestoreJobs'));
  expect(await run()).toMatchObject({
    status: 'FAIL',
    summary: 'cannot be read: AccessDeniedException: no ListRestoreJobs',
  });
});
