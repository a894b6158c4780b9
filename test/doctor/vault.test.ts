import { checkVault, type VaultPart } from '../../lib/doctor/checks/vault';
import { configWith } from '../support/config';
import {
  aws,
  context,
  GENERAL,
  healthyWorld,
  hoursAgo,
  install,
  KEY_ARN,
  NOW,
  serviceError,
  SSN,
  worded,
} from './fixture';

/** The check's result, with the words the report prints for it. */
const run = async (options: { expectedKey?: string; ctx?: ReturnType<typeof context> } = {}) =>
  worded(
    await checkVault(
      aws(),
      options.ctx ?? context(),
      SSN,
      'expectedKey' in options ? options.expectedKey : KEY_ARN.ssn,
    ),
  );

/** The vault's parts, by kind. */
const part = (result: Awaited<ReturnType<typeof run>>, kind: VaultPart['kind']) =>
  result.finding.kind === 'vault' ? result.finding.parts.find((p) => p.kind === kind) : undefined;

test('PASS: lock as configured, the date it becomes immutable, the stack key, count and newest copy', async () => {
  // GIVEN
  install(healthyWorld());
  // WHEN
  const result = await run();
  // THEN
  expect(result).toMatchObject({
    id: 'vault:ssn',
    status: 'PASS',
    title: 'SSN vault CompactConnectBackupVault-SSN',
    summary:
      "compliance lock, Locked, becomes immutable on 2030-05-30 (in 90d), retention at least 90 days; key 66666666-7777-4888-8999-aaaaaaaaaaaa (the stack's); 42 recovery points, newest 3h ago",
  });
  expect(result.finding).toEqual({
    kind: 'vault',
    parts: [
      {
        kind: 'lock',
        status: 'PASS',
        locked: true,
        mode: 'compliance',
        lockDate: new Date('2030-05-30T00:00:00Z'),
        minRetentionDays: 90,
        maxRetentionDays: undefined,
        wantedMode: 'compliance',
        mismatches: [],
      },
      { kind: 'key', status: 'PASS', keyArn: KEY_ARN.ssn, expectedKeyArn: KEY_ARN.ssn },
      {
        kind: 'recovery-points',
        status: 'PASS',
        count: 42,
        newest: hoursAgo(3),
        freshnessHours: 26,
        vaultCreated: new Date('2029-12-01T00:00:00Z'),
      },
    ],
  });
  expect(result.facts).toMatchObject({
    lockMode: 'compliance',
    locked: true,
    minRetentionDays: 90,
    recoveryPoints: 42,
  });
  expect(result.facts?.newestRecoveryPoint).toEqual(hoursAgo(3));
  // The newest is found within the freshness window, without listing the whole vault.
  expect(aws().callsOf('vaultRecoveryPoints')).toEqual([['CompactConnectBackupVault-SSN', hoursAgo(26)]]);
});

test('PASS: a lock date in the past reads "immutable since"', async () => {
  const world = healthyWorld();
  world.vaults.get(SSN.vaultName)!.lockDate = new Date('2029-06-01T00:00:00Z');
  install(world);
  expect((await run()).summary).toMatch(/^compliance lock, Locked, immutable since 2029-06-01, /);
});

test('PASS: governance mode (no lock date) when the configuration sets no changeable period', async () => {
  const world = healthyWorld();
  world.vaults.get(SSN.vaultName)!.lockDate = undefined;
  install(world);
  const ctx = context({
    config: configWith({ vault_lock_mode: 'governance', vault_lock_changeable_for_days: undefined }),
  });
  const result = await run({ ctx });
  expect(result.status).toBe('PASS');
  expect(result.summary).toMatch(
    /^governance lock, Locked, removable by privileged principals, retention at least 90 days;/,
  );
});

test('FAIL: a vault without Vault Lock', async () => {
  const world = healthyWorld();
  Object.assign(world.vaults.get(SSN.vaultName)!, {
    locked: false,
    lockDate: undefined,
    minRetentionDays: undefined,
  });
  install(world);
  const result = await run();
  expect(result.status).toBe('FAIL');
  expect(part(result, 'lock')).toMatchObject({ status: 'FAIL', locked: false, mode: undefined });
  expect(result.summary).toMatch(
    /^Vault Lock is not protecting the vault \(Locked: false\); expected compliance mode;/,
  );
});

test('FAIL: governance mode deployed where the configuration asks for compliance, and other retention bounds', async () => {
  const world = healthyWorld();
  Object.assign(world.vaults.get(SSN.vaultName)!, {
    lockDate: undefined,
    minRetentionDays: 30,
    maxRetentionDays: 400,
  });
  install(world);
  const result = await run();
  expect(result.status).toBe('FAIL');
  expect(part(result, 'lock')).toMatchObject({
    mismatches: [
      { kind: 'mode', wanted: 'compliance' },
      { kind: 'min-retention', wanted: 90 },
      { kind: 'max-retention', wanted: undefined },
    ],
  });
  expect(result.summary).toMatch(
    /^governance lock, Locked, removable by privileged principals, retention 30 to 400 days \(the configuration says compliance mode, the configuration's minimum is 90 days, the configuration's maximum is none\);/,
  );
});

test("FAIL: the vault is encrypted by another key than the stack's", async () => {
  const world = healthyWorld();
  world.vaults.get(SSN.vaultName)!.encryptionKeyArn = KEY_ARN.general;
  install(world);
  const result = await run();
  expect(result.status).toBe('FAIL');
  expect(part(result, 'key')).toEqual({
    kind: 'key',
    status: 'FAIL',
    keyArn: KEY_ARN.general,
    expectedKeyArn: KEY_ARN.ssn,
  });
  expect(result.summary).toContain(`key ${KEY_ARN.general} is not the stack's key ${KEY_ARN.ssn}`);
});

test('WARN: without the stack output, the key cannot be compared', async () => {
  install(healthyWorld());
  const result = await run({ expectedKey: undefined });
  expect(result.status).toBe('WARN');
  expect(part(result, 'key')).toMatchObject({ status: 'WARN', expectedKeyArn: undefined });
  expect(result.summary).toContain(`key ${KEY_ARN.ssn} (no stack output to compare with)`);
});

test('FAIL: no recovery point within freshness_alert_hours: the newest is searched over all time', async () => {
  const world = healthyWorld();
  world.vaults.get(SSN.vaultName)!.points = [
    { status: 'COMPLETED', createdAt: hoursAgo(80) },
    { status: 'COMPLETED', createdAt: hoursAgo(50) },
    // Not arrived: does not count.
    { status: 'CREATING', createdAt: hoursAgo(1) },
  ];
  install(world);
  const result = await run();
  expect(result.status).toBe('FAIL');
  expect(result.summary).toMatch(
    /42 recovery points, newest 2d ago: none within freshness_alert_hours \(26 h\)$/,
  );
  expect(result.facts?.newestRecoveryPoint).toEqual(hoursAgo(50));
  expect(world.callsOf('vaultRecoveryPoints')).toEqual([
    [SSN.vaultName, hoursAgo(26)],
    [SSN.vaultName, undefined],
  ]);
});

test('the newest arrived recovery point counts, whatever the order AWS lists them in', async () => {
  const world = healthyWorld();
  world.vaults.get(SSN.vaultName)!.points = [
    { status: 'COMPLETED', createdAt: hoursAgo(20) },
    { status: 'AVAILABLE', createdAt: hoursAgo(2) },
  ];
  install(world);
  const result = await run();
  expect(result.facts?.newestRecoveryPoint).toEqual(hoursAgo(2));
});

test('WARN: a new vault without recovery points is waiting for the first backup window', async () => {
  const world = healthyWorld();
  Object.assign(world.vaults.get(SSN.vaultName)!, {
    recoveryPointCount: 0,
    createdAt: hoursAgo(5),
    points: [],
  });
  install(world);
  const result = await run();
  expect(result.status).toBe('WARN');
  expect(part(result, 'recovery-points')).toMatchObject({ status: 'WARN', newest: undefined });
  expect(result.summary).toMatch(
    /; no completed recovery point yet \(vault created 5h ago; copies arrive after the environment's first backup window\)$/,
  );
});

test('FAIL: an old vault that never received a recovery point', async () => {
  const world = healthyWorld();
  world.vaults.get(SSN.vaultName)!.points = [];
  install(world);
  const result = await run();
  expect(result.status).toBe('FAIL');
  expect(result.summary).toMatch(/no completed recovery point since the vault was created on 2029-12-01$/);
});

test('FAIL: a vault that does not exist, or cannot be read', async () => {
  const world = healthyWorld();
  world.vaults.delete(SSN.vaultName);
  install(world);
  expect(await run()).toMatchObject({
    status: 'FAIL',
    finding: { kind: 'not-found', account: '000011114444', region: 'us-west-2' },
    summary: 'not found in account 000011114444, region us-west-2',
  });
  install(healthyWorld()).failures.vaultRecoveryPoints.push(serviceError('AccessDeniedException', 'no'));
  expect(await run()).toMatchObject({
    status: 'FAIL',
    finding: { kind: 'unreadable' },
    summary: 'cannot be read: AccessDeniedException: no',
  });
});

test('the general vault is titled as such', async () => {
  install(healthyWorld());
  const result = worded(await checkVault(aws(), context({ now: NOW }), GENERAL, KEY_ARN.general));
  expect(result).toMatchObject({
    id: 'vault:general',
    title: 'General vault CompactConnectBackupVault',
    status: 'PASS',
  });
});
