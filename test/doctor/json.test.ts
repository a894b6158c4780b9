import { jsonText } from '../../lib/cli';
import { reportJson, runDoctor } from '../../lib/doctor';
import { aws, context, healthyWorld, install, PLAN_ARN, serviceError, SSN, TRAIL_ARN } from './fixture';

/** The report as `--json` prints it, parsed back. */
async function printed() {
  return JSON.parse(jsonText(reportJson(await runDoctor(aws(), context()))));
}

test('--json: each check as id, title, status, summary, details and facts, worded as the text words it', async () => {
  install(healthyWorld());
  const json = await printed();
  const trail = json.checks.find((c: { id: string }) => c.id === 'cloudtrail');
  expect(Object.keys(trail)).toEqual(['id', 'title', 'status', 'summary', 'details', 'facts']);
  expect(trail).toMatchObject({
    title: 'CloudTrail in us-west-2',
    summary: 'management-events logs write management events, KMS included: the alerts can fire',
  });
  expect(Object.keys(json)).toEqual(['ok', 'account', 'region', 'checkedAt', 'counts', 'checks']);
});

test("--json: a trail's read error is its one line, as the detail line quotes it", async () => {
  const world = install(healthyWorld());
  world.failures.trailSelectors.push(serviceError('TrailNotFoundException', 'Unknown trail'));
  const trail = (await printed()).checks.find((c: { id: string }) => c.id === 'cloudtrail');
  expect(trail.facts.trails).toEqual([
    {
      arn: TRAIL_ARN,
      organization: false,
      multiRegion: true,
      readError: 'TrailNotFoundException: Unknown trail',
    },
  ]);
});

test("--json: a plan's selection is its one line, as the detail line quotes it", async () => {
  const world = install(healthyWorld());
  world.restoreTestingPlanList = [{ name: 'ssn_plan', arn: PLAN_ARN, schedule: undefined }];
  world.planVaults.set('ssn_plan', { includeVaults: [SSN.vaultArn], excludeVaults: [] });
  world.planSelections.set('ssn_plan', [{ name: 'tables', resourceType: 'DynamoDB' }]);
  const plans = (await printed()).checks.find((c: { id: string }) => c.id === 'restore-plans');
  expect(plans.facts).toEqual({
    plans: 1,
    selectingSsn: [
      {
        planName: 'ssn_plan',
        includeVaults: [SSN.vaultArn],
        excludeVaults: [],
        selections: ['tables (DynamoDB)'],
      },
    ],
  });
});

test('--json: a check without facts has no facts key; the credentials check lists its status first', async () => {
  const world = install(healthyWorld());
  world.callerAccount = '000099998888';
  const [account] = (await printed()).checks;
  expect(Object.keys(account)).toEqual(['id', 'status', 'title', 'summary', 'details']);
});
