import { jsonText } from '../../lib/cli';
import { renderText, reportJson, runDoctor } from '../../lib/doctor';
import { aws, context, healthyWorld, install, KEY_ARN, serviceError, SSN } from './fixture';

test('a healthy account: every check passes, restore testing off is skipped, and the text has one line per check', async () => {
  // GIVEN
  install(healthyWorld());
  // WHEN
  const report = await runDoctor(aws(), context());
  // THEN
  expect(report.ok).toBe(true);
  expect(report.checks.map((c) => `${c.status} ${c.id}`)).toEqual([
    'PASS stack',
    'PASS vault:general',
    'PASS key:general',
    'PASS policies:general',
    'PASS vault:ssn',
    'PASS key:ssn',
    'PASS policies:ssn',
    'PASS alerts',
    'PASS cloudtrail',
    'PASS evidence',
    'PASS kms-events:general',
    'PASS kms-events:ssn',
    'SKIP restore-test',
    'PASS restore-plans',
    'PASS restored:ssn',
  ]);
  expect(report.counts).toEqual({ PASS: 14, WARN: 0, FAIL: 0, SKIP: 1 });
  const lines = renderText(report);
  expect(lines[0]).toBe(
    'Health check of account 000011114444, region us-west-2, at 2030-03-01T10:00:00.000Z:',
  );
  expect(lines.filter((l) => /^(PASS|WARN|FAIL|SKIP) {1,2}\S/.test(l))).toHaveLength(15);
  expect(lines).toContain(
    'PASS  SSN policies (break-glass): SEALED: the vault and key policies are the baseline',
  );
  expect(lines.at(-1)).toBe('15 checks: 14 PASS, 0 WARN, 0 FAIL, 1 SKIP');
});

test('--json: one object with the same checks and their facts', async () => {
  install(healthyWorld());
  const report = await runDoctor(aws(), context(), { restoreTestingPlanName: undefined });
  const json = JSON.parse(jsonText(reportJson(report)));
  expect(json).toMatchObject({ ok: true, account: '000011114444', region: 'us-west-2', counts: { FAIL: 0 } });
  expect(json.checks).toHaveLength(15);
  expect(json.checks.find((c: { id: string }) => c.id === 'vault:ssn').facts).toMatchObject({
    encryptionKeyArn: KEY_ARN.ssn,
    lockDate: '2030-05-30T00:00:00.000Z',
  });
});

test('one failing check does not hide the others; the report is not ok', async () => {
  const world = install(healthyWorld());
  const vaultState = world.vaultState.bind(world);
  world.vaultState = async (name) => {
    if (name === SSN.vaultName) throw serviceError('AccessDeniedException', 'no DescribeBackupVault');
    return vaultState(name);
  };
  const report = await runDoctor(aws(), context());
  expect(report.ok).toBe(false);
  expect(report.counts.FAIL).toBe(1);
  expect(report.checks.find((c) => c.id === 'vault:ssn')?.status).toBe('FAIL');
  // The SSN key is still checked, through the stack's output.
  expect(report.checks.find((c) => c.id === 'key:ssn')?.status).toBe('PASS');
  expect(report.checks).toHaveLength(15);
});

test('the KMS event lookups run one after the other (CloudTrail allows two a second)', async () => {
  const world = install(healthyWorld());
  let running = 0;
  let most = 0;
  let lookups = 0;
  world.keyEvents = async () => {
    lookups += 1;
    most = Math.max(most, ++running);
    await new Promise((resolve) => setTimeout(resolve, 5));
    running -= 1;
    return { events: [], truncated: false };
  };
  await runDoctor(aws(), context());
  expect(most).toBe(1);
  expect(lookups).toBe(2);
});

test('credentials of another account: one FAIL, and nothing else is read', async () => {
  const world = healthyWorld();
  world.callerAccount = '000099990000';
  install(world);
  const report = await runDoctor(aws(), context());
  expect(report.ok).toBe(false);
  expect(report.checks).toEqual([
    {
      check: 'account',
      id: 'account',
      status: 'FAIL',
      finding: {
        kind: 'other-account',
        account: '000099990000',
        arn: 'arn:aws:sts::000099990000:assumed-role/Administrator/jane',
        expected: '000011114444',
      },
    },
  ]);
  expect(reportJson(report).checks).toEqual([
    {
      id: 'account',
      status: 'FAIL',
      title: 'Credentials',
      summary:
        "for account 000099990000 (arn:aws:sts::000099990000:assumed-role/Administrator/jane), but the configuration's backup_account_id is 000011114444: use a profile of the backup account, or the right configuration",
      details: [],
    },
  ]);
  expect(world.calls.map((c) => c.method)).toEqual(['callerIdentity']);
});

test('without credentials the run stops with the SDK error, for the command line to explain', async () => {
  install(healthyWorld()).failures.callerIdentity.push(
    serviceError('CredentialsProviderError', 'Could not load credentials from any providers'),
  );
  await expect(runDoctor(aws(), context())).rejects.toMatchObject({ name: 'CredentialsProviderError' });
});
