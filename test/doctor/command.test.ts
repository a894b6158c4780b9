import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { describeError, EXIT, type GlobalOptions } from '../../lib/cli';
import { type DoctorCommandOptions, runDoctorCommand } from '../../lib/doctor';
import { RESTORE_TESTING_PLAN_NAME } from '../../lib/policies/restore-testing-statements';
import { exampleContext } from '../support/config';
import { clients, healthyWorld, install, NOW, serviceError, stsMock } from './fixture';
import { tempFolder } from '../support/temp';

const dir = tempFolder('doctor-');
const configPath = join(dir, 'backup-account.json');
writeFileSync(
  configPath,
  JSON.stringify({ ...exampleContext(), alert_emails: ['backup-alerts@example.com'] }),
);

function deps() {
  const out: string[] = [];
  const err: string[] = [];
  const made: { region: string; profile?: string }[] = [];
  return {
    out,
    err,
    made,
    deps: {
      cwd: dir,
      now: () => NOW,
      out: (t: string) => out.push(t),
      err: (t: string) => err.push(t),
      clients: (o: { region: string; profile?: string }) => {
        made.push(o);
        return clients();
      },
      profiles: async () => ['backup-prod'],
    },
  };
}

const globals = (g: Partial<GlobalOptions> = {}): GlobalOptions => ({
  config: configPath,
  context: [],
  ...g,
});
const options = (o: Partial<DoctorCommandOptions> = {}): DoctorCommandOptions => ({
  json: false,
  days: '7',
  otherRegion: false,
  ...o,
});

test('a healthy account: exit 0, one line per check, in the backup region of the configuration', async () => {
  // GIVEN
  install(healthyWorld());
  const d = deps();
  // WHEN
  const code = await runDoctorCommand(globals({ profile: 'backup-prod' }), options(), d.deps);
  // THEN
  expect(code).toBe(EXIT.ok);
  expect(d.made).toEqual([{ region: 'us-west-2', profile: 'backup-prod' }]);
  expect(d.out[0]).toMatch(/^Health check of account 000011114444, region us-west-2/);
  expect(d.out.at(-1)).toBe('15 checks: 14 PASS, 0 WARN, 0 FAIL, 1 SKIP');
});

test('--json prints one JSON object; a FAIL exits with the unhealthy code', async () => {
  const world = healthyWorld();
  world.logging = {};
  install(world);
  const d = deps();
  const code = await runDoctorCommand(globals(), options({ json: true, days: '30' }), d.deps);
  expect(code).toBe(EXIT.unhealthy);
  expect(d.out).toHaveLength(1);
  const report = JSON.parse(d.out[0]);
  expect(report).toMatchObject({ ok: false, counts: { FAIL: 1 } });
  expect(report.checks.find((c: { id: string }) => c.id === 'kms-events:ssn').title).toBe(
    'KMS events on alias/compactconnect-ssn-backup-key (last 30 days)',
  );
});

test('-c overrides the configuration, as for the app', async () => {
  install(healthyWorld());
  const d = deps();
  const code = await runDoctorCommand(globals({ context: ['freshness_alert_hours=2'] }), options(), d.deps);
  expect(code).toBe(EXIT.unhealthy);
  expect(d.out.join('\n')).toContain('none within freshness_alert_hours (2 h)');
});

test.each(['0', '91', '7d', ''])('--days %j is refused with the allowed range', async (days) => {
  const d = deps();
  await expect(runDoctorCommand(globals(), options({ days }), d.deps)).rejects.toThrow(
    /^--days must be a whole number of days from 1 to 90/,
  );
});

test('--region other than backup_region is refused unless --other-region', async () => {
  install(healthyWorld());
  const d = deps();
  await expect(runDoctorCommand(globals({ region: 'eu-west-1' }), options(), d.deps)).rejects.toThrow(
    /--region eu-west-1 is not the configuration's backup_region us-west-2.*add --other-region/,
  );
  await runDoctorCommand(globals({ region: 'eu-west-1' }), options({ otherRegion: true }), d.deps);
  expect(d.made).toEqual([{ region: 'eu-west-1', profile: undefined }]);
});

test('a profile the AWS configuration files do not define: exit 4, and the defined ones are listed', async () => {
  const d = deps();
  const error = await runDoctorCommand(globals({ profile: 'nope' }), options(), d.deps).catch(
    (e: unknown) => e,
  );
  expect(describeError(error)).toEqual({
    exitCode: EXIT.noCredentials,
    message: expect.stringContaining('AWS profile "nope" not found') as unknown as string,
  });
  expect(d.made).toEqual([]);
});

test('without credentials: exit 4 with a message that says what to do, and nothing is printed first', async () => {
  install(healthyWorld());
  stsMock
    .on(GetCallerIdentityCommand)
    .rejects(serviceError('CredentialsProviderError', 'Could not load credentials from any providers'));
  const d = deps();
  const error = await runDoctorCommand(globals(), options(), d.deps).catch((e: unknown) => e);
  expect(describeError(error)).toEqual({
    exitCode: EXIT.noCredentials,
    message:
      'No usable AWS credentials (CredentialsProviderError: Could not load credentials from any providers). Sign in to the backup account (e.g. aws sso login --profile <name>) and pass --profile, or set AWS_PROFILE.',
  });
  expect(d.out).toEqual([]);
});

test("restore testing on in the configuration: the stack's plan is looked for, and its last test reported", async () => {
  const world = healthyWorld();
  const planArn =
    'arn:aws:backup:us-west-2:000011114444:restore-testing-plan:compactconnect_general_restore_testing-abc';
  world.plans = [
    {
      RestoreTestingPlanName: RESTORE_TESTING_PLAN_NAME,
      RestoreTestingPlanArn: planArn,
      ScheduleExpression: 'cron(0 5 ? * SUN *)',
      CreationTime: NOW,
    },
  ];
  world.restoreJobs = [
    {
      CreatedBy: { RestoreTestingPlanArn: planArn },
      Status: 'COMPLETED',
      ValidationStatus: 'FAILED',
      ValidationStatusMessage: 'the restored table holds no items',
      CreationDate: NOW,
    },
  ];
  install(world);
  const d = deps();
  const code = await runDoctorCommand(
    globals({ context: ['restore_testing_schedule=cron(0 5 ? * SUN *)'] }),
    options(),
    d.deps,
  );
  expect(code).toBe(EXIT.unhealthy);
  expect(d.out).toContain(
    'FAIL  Restore testing: last test 2030-03-01 (0m ago): restore COMPLETED, validation FAILED: the restored table holds no items',
  );
});
