import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main as breakGlass } from '../../bin/break-glass';
import { ACCESS_DENIED_HINT, type DoctorCliDeps, main } from '../../bin/doctor';
import { EXIT } from '../../lib/cli';
import { CHECK_KINDS, runDoctor } from '../../lib/doctor';
import { RESTORE_TESTING_PLAN_NAME } from '../../lib/stack-facts';
import { exampleContext, PROJECT_ROOT } from '../support/config';
import { tempFolder } from '../support/temp';
import { aws, context, healthyWorld, install, NOW, serviceError, TRAIL_ARN } from './fixture';

/** An operator's folder: the example configuration with an alert address, in backup-account.json. */
const cwd = tempFolder('doctor-cli-');
writeFileSync(
  join(cwd, 'backup-account.json'),
  JSON.stringify({ ...exampleContext(), alert_emails: ['backup-alerts@example.com'] }),
);

function deps() {
  const out: string[] = [];
  const err: string[] = [];
  const made: { region: string; profile?: string }[] = [];
  const value: DoctorCliDeps = {
    cwd,
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    now: () => NOW,
    aws: (options) => {
      made.push(options);
      return aws();
    },
    profiles: async () => ['backup-prod'],
  };
  return { deps: value, out, err, made };
}

/** No line of a message looks like a stack frame. */
const NO_STACK = /^\s+at /m;

describe('the health check speaks as itself', () => {
  test('--help: its own name and usage, the checks it makes and what they read, its own options', async () => {
    const d = deps();
    expect(await main(['--help'], d.deps)).toBe(EXIT.ok);
    const help = d.out.join('\n');
    expect(help).toMatch(/^Usage: doctor \[options\]$/m);
    expect(help).not.toMatch(/break-glass doctor|--audit-log/);
    for (const kind of CHECK_KINDS) expect(help).toContain(`  ${kind.name}: ${kind.passes} (${kind.reads})`);
    for (const option of ['--days <n>', '--json', '--other-region', '--profile <name>', '--config <path>'])
      expect(help).toContain(option);
    expect(help).toContain('It reads only');
  });

  test("--help lists only the exit codes it returns, 0 and 15 in the health check's words", async () => {
    const d = deps();
    await main(['--help'], d.deps);
    const codes = d.out
      .join('\n')
      .split('\n')
      .flatMap((line) => /^ {2} ?(\d{1,2}) {2}/.exec(line)?.[1] ?? []);
    expect(codes.map(Number)).toEqual([0, 1, 2, 4, 5, 6, 7, 13, 15]);
    expect(d.out.join('\n')).toContain(' 0  every check ran and none FAILed');
    expect(d.out.join('\n')).toContain('15  at least one check FAILed');
    expect(d.out.join('\n')).not.toMatch(/status: (SEALED|OPEN)|run cleanup|audit:/);
  });

  test('the help names every kind of check the run makes, and no other', async () => {
    // Every check runDoctor makes in a full run, and the one it makes with another account's credentials.
    install(healthyWorld());
    const full = await runDoctor(aws(), context(), { restoreTestingPlanName: RESTORE_TESTING_PLAN_NAME });
    install(healthyWorld()).callerAccount = '000099998888';
    const wrongAccount = await runDoctor(aws(), context());
    const made = new Set([...full.checks, ...wrongAccount.checks].map((c) => c.id.split(':')[0]));
    expect([...made].sort()).toEqual(CHECK_KINDS.map((k) => k.id).sort());
  });

  test("AccessDenied: a `doctor:` line that names the read permissions it needs, not break-glass's", async () => {
    install(healthyWorld()).failures.callerIdentity.push(
      serviceError('AccessDenied', 'User is not authorized to perform: sts:GetCallerIdentity'),
    );
    const d = deps();
    expect(await main([], d.deps)).toBe(EXIT.accessDenied);
    expect(d.out).toEqual([]);
    expect(d.err).toEqual([
      'doctor: Access denied by AWS: User is not authorized to perform: sts:GetCallerIdentity. The health check only reads: use a role of the backup account allowed its read actions (the BackupAccountDoctor policy in docs/doctor.md: Describe, Get, List and Lookup on CloudFormation, AWS Backup, KMS, SNS, CloudTrail, DynamoDB and S3, and sts:GetCallerIdentity).',
    ]);
    expect(d.err.join('\n')).not.toMatch(/edit/);
  });

  test("the AccessDenied hint names the guide's policy and every service whose reads it lists", () => {
    const guide = readFileSync(join(PROJECT_ROOT, 'docs', 'doctor.md'), 'utf8');
    const block = guide.slice(guide.indexOf('```json\n', guide.indexOf('The role that runs it needs')));
    const policy = JSON.parse(block.slice('```json\n'.length, block.indexOf('\n```')));
    expect(policy.Statement[0].Sid).toBe('BackupAccountDoctor');
    expect(ACCESS_DENIED_HINT).toContain(`the ${policy.Statement[0].Sid} policy in docs/doctor.md`);
    const services: Record<string, string> = {
      backup: 'AWS Backup',
      cloudformation: 'CloudFormation',
      cloudtrail: 'CloudTrail',
      dynamodb: 'DynamoDB',
      kms: 'KMS',
      s3: 'S3',
      sns: 'SNS',
      sts: 'sts:GetCallerIdentity',
    };
    const prefixes = [...new Set<string>(policy.Statement[0].Action.map((a: string) => a.split(':')[0]))];
    for (const prefix of prefixes) expect(ACCESS_DENIED_HINT).toContain(services[prefix] ?? `(${prefix}?)`);
  });

  test('--audit-log is not an option of the health check: a usage error naming it, before any AWS call', async () => {
    const d = deps();
    expect(await main(['--audit-log', 'audit.jsonl'], d.deps)).toBe(EXIT.usage);
    expect(d.err.join('\n')).toContain("error: unknown option '--audit-log'");
    expect(d.err.at(-1)).toBe('(run doctor --help for usage)');
    expect(d.made).toEqual([]);
  });

  test('a word after the options is a usage error: the health check has no commands', async () => {
    const d = deps();
    expect(await main(['status'], d.deps)).toBe(EXIT.usage);
    expect(d.err.join('\n')).toMatch(/too many arguments/);
    expect(d.made).toEqual([]);
  });
});

test("npm run doctor without arguments: runs every check in the configuration's backup region", async () => {
  // GIVEN
  install(healthyWorld());
  const d = deps();
  // WHEN
  const code = await main([], d.deps);
  // THEN
  expect(code).toBe(EXIT.ok);
  expect(d.made).toEqual([{ region: 'us-west-2', profile: undefined }]);
  expect(d.out[0]).toMatch(/^Health check of account 000011114444, region us-west-2/);
  expect(d.out.at(-1)).toBe('15 checks: 14 PASS, 0 WARN, 0 FAIL, 1 SKIP');
});

test('--profile: the clients are made with it', async () => {
  install(healthyWorld());
  const d = deps();
  expect(await main(['--profile', 'backup-prod'], d.deps)).toBe(EXIT.ok);
  expect(d.made).toEqual([{ region: 'us-west-2', profile: 'backup-prod' }]);
});

test('a FAIL exits 15; --json prints one JSON object', async () => {
  install(healthyWorld()).trailList = [];
  const d = deps();
  expect(await main(['--json'], d.deps)).toBe(EXIT.unhealthy);
  expect(d.out).toHaveLength(1);
  expect(JSON.parse(d.out[0])).toMatchObject({ ok: false, counts: { FAIL: 1 } });
});

test('--days: the KMS lines read that many days', async () => {
  const world = healthyWorld();
  world.logging.set(TRAIL_ARN, false);
  install(world);
  const d = deps();
  expect(await main(['--json', '--days', '30'], d.deps)).toBe(EXIT.unhealthy);
  const report = JSON.parse(d.out[0]);
  expect(report.checks.find((c: { id: string }) => c.id === 'kms-events:ssn').title).toBe(
    'KMS events on alias/compactconnect-ssn-backup-key (last 30 days)',
  );
});

test('-c overrides the configuration, as for the app', async () => {
  install(healthyWorld());
  const d = deps();
  expect(await main(['-c', 'freshness_alert_hours=2'], d.deps)).toBe(EXIT.unhealthy);
  expect(d.out.join('\n')).toContain('none within freshness_alert_hours (2 h)');
});

test("restore testing on in the configuration: the stack's plan is looked for, and its last test reported", async () => {
  const world = healthyWorld();
  const planArn = `arn:aws:backup:us-west-2:000011114444:restore-testing-plan:${RESTORE_TESTING_PLAN_NAME}-abc`;
  world.restoreTestingPlanList = [
    { name: RESTORE_TESTING_PLAN_NAME, arn: planArn, schedule: 'cron(0 5 ? * SUN *)' },
  ];
  world.testJobs.set(planArn, [
    {
      restoreJobId: undefined,
      status: 'COMPLETED',
      statusMessage: undefined,
      validationStatus: 'FAILED',
      validationMessage: 'the restored table holds no items',
      createdAt: NOW,
    },
  ]);
  install(world);
  const d = deps();
  expect(await main(['-c', 'restore_testing_schedule=cron(0 5 ? * SUN *)'], d.deps)).toBe(EXIT.unhealthy);
  expect(d.out).toContain(
    'FAIL  Restore testing: last test 2030-03-01 (0m ago): restore COMPLETED, validation FAILED: the restored table holds no items',
  );
});

test.each(['0', '91', '7d', ''])(
  '--days %j is a usage error (exit 2) with the allowed range, before any AWS call',
  async (days) => {
    const d = deps();
    expect(await main(['--days', days], d.deps)).toBe(EXIT.usage);
    expect(d.err).toEqual([
      `doctor: --days must be a whole number of days from 1 to 90 (CloudTrail's event history keeps 90 days), got ${JSON.stringify(days)}`,
    ]);
    expect(d.made).toEqual([]);
  },
);

test('--region other than backup_region is refused unless --other-region', async () => {
  install(healthyWorld());
  const refused = deps();
  expect(await main(['--region', 'eu-west-1'], refused.deps)).toBe(EXIT.usage);
  expect(refused.err.join('\n')).toMatch(
    /^doctor: --region eu-west-1 is not the configuration's backup_region us-west-2.*add --other-region$/m,
  );
  expect(refused.made).toEqual([]);
  const allowed = deps();
  await main(['--region', 'eu-west-1', '--other-region'], allowed.deps);
  expect(allowed.made).toEqual([{ region: 'eu-west-1', profile: undefined }]);
  expect(allowed.err).toContain(
    "Warning: --region eu-west-1 differs from the configuration's backup_region us-west-2.",
  );
});

test('a profile the AWS configuration files do not define: exit 4, and the defined ones are listed', async () => {
  const d = deps();
  expect(await main(['--profile', 'nope'], d.deps)).toBe(EXIT.noCredentials);
  expect(d.err).toEqual([expect.stringMatching(/^doctor: AWS profile "nope" not found .*backup-prod/)]);
  expect(d.made).toEqual([]);
});

test('without credentials: exit 4, one clear `doctor:` line, no stack trace, nothing printed first', async () => {
  install(healthyWorld()).failures.callerIdentity.push(
    serviceError('CredentialsProviderError', 'Could not load credentials from any providers'),
  );
  const d = deps();
  expect(await main([], d.deps)).toBe(EXIT.noCredentials);
  expect(d.out).toEqual([]);
  expect(d.err).toEqual([
    'doctor: No usable AWS credentials (CredentialsProviderError: Could not load credentials from any providers). Sign in to the backup account (e.g. aws sso login --profile <name>) and pass --profile, or set AWS_PROFILE.',
  ]);
  expect(d.err.join('\n')).not.toMatch(NO_STACK);
});

test('--json when the check cannot run: the error as one JSON object on stdout, the line on stderr', async () => {
  install(healthyWorld()).failures.callerIdentity.push(
    serviceError('CredentialsProviderError', 'Could not load credentials from any providers'),
  );
  const d = deps();
  expect(await main(['--json'], d.deps)).toBe(EXIT.noCredentials);
  expect(d.out).toHaveLength(1);
  expect(JSON.parse(d.out[0])).toEqual({
    error: expect.stringMatching(/^No usable AWS credentials \(CredentialsProviderError: /),
    exitCode: EXIT.noCredentials,
  });
  expect(d.err).toHaveLength(1);
  const usage = deps();
  expect(await main(['--json', '--days', 'many'], usage.deps)).toBe(EXIT.usage);
  expect(JSON.parse(usage.out.join('\n'))).toEqual({
    error: expect.stringContaining('--days must be a whole number of days from 1 to 90'),
    exitCode: EXIT.usage,
  });
});

test('break-glass doctor, the old way in, is a usage error that says where the health check went', async () => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await breakGlass(['doctor', '--json'], {
    cwd,
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    now: () => NOW,
    aws: () => {
      throw new Error('no AWS call is made');
    },
  });
  expect(code).toBe(EXIT.usage);
  expect(err).toEqual([
    'break-glass: doctor is a tool of its own: run npm run doctor (the same options, without "doctor")',
  ]);
});
