import { ListRecoveryPointsByBackupVaultCommand } from '@aws-sdk/client-backup';
import { checkVault } from '../../lib/doctor/checks/vault';
import { configWith } from '../support/config';
import {
  backupMock,
  clients,
  context,
  GENERAL,
  healthyWorld,
  hoursAgo,
  install,
  KEY_ARN,
  NOW,
  serviceError,
  SSN,
} from './fixture';

const run = (options: { expectedKey?: string; ctx?: ReturnType<typeof context> } = {}) =>
  checkVault(
    clients(),
    options.ctx ?? context(),
    SSN,
    'expectedKey' in options ? options.expectedKey : KEY_ARN.ssn,
  );

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
  expect(result.facts).toMatchObject({
    lockMode: 'compliance',
    locked: true,
    minRetentionDays: 90,
    recoveryPoints: 42,
  });
  expect(result.facts?.newestRecoveryPoint).toEqual(hoursAgo(3));
  // The newest is found within the freshness window, without listing the whole vault.
  expect(backupMock).toHaveReceivedCommandTimes(ListRecoveryPointsByBackupVaultCommand, 1);
  expect(backupMock).toHaveReceivedCommandWith(ListRecoveryPointsByBackupVaultCommand, {
    BackupVaultName: 'CompactConnectBackupVault-SSN',
    ByCreatedAfter: hoursAgo(26),
  });
});

test('PASS: a lock date in the past reads "immutable since"', async () => {
  const world = healthyWorld();
  world.vaults[SSN.vaultName].LockDate = new Date('2029-06-01T00:00:00Z');
  install(world);
  expect((await run()).summary).toMatch(/^compliance lock, Locked, immutable since 2029-06-01, /);
});

test('PASS: governance mode (no lock date) when the configuration sets no changeable period', async () => {
  const world = healthyWorld();
  delete world.vaults[SSN.vaultName].LockDate;
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
  world.vaults[SSN.vaultName] = {
    ...world.vaults[SSN.vaultName],
    Locked: false,
    LockDate: undefined,
    MinRetentionDays: undefined,
  };
  install(world);
  const result = await run();
  expect(result.status).toBe('FAIL');
  expect(result.summary).toMatch(
    /^Vault Lock is not protecting the vault \(Locked: false\); expected compliance mode;/,
  );
});

test('FAIL: governance mode deployed where the configuration asks for compliance, and other retention bounds', async () => {
  const world = healthyWorld();
  world.vaults[SSN.vaultName] = {
    ...world.vaults[SSN.vaultName],
    LockDate: undefined,
    MinRetentionDays: 30,
    MaxRetentionDays: 400,
  };
  install(world);
  const result = await run();
  expect(result.status).toBe('FAIL');
  expect(result.summary).toMatch(
    /^governance lock, Locked, removable by privileged principals, retention 30 to 400 days \(the configuration says compliance mode, the configuration's minimum is 90 days, the configuration's maximum is none\);/,
  );
});

test("FAIL: the vault is encrypted by another key than the stack's", async () => {
  const world = healthyWorld();
  world.vaults[SSN.vaultName].EncryptionKeyArn = KEY_ARN.general;
  install(world);
  const result = await run();
  expect(result.status).toBe('FAIL');
  expect(result.summary).toContain(`key ${KEY_ARN.general} is not the stack's key ${KEY_ARN.ssn}`);
});

test('WARN: without the stack output, the key cannot be compared', async () => {
  install(healthyWorld());
  const result = await run({ expectedKey: undefined });
  expect(result.status).toBe('WARN');
  expect(result.summary).toContain(`key ${KEY_ARN.ssn} (no stack output to compare with)`);
});

test('FAIL: no recovery point within freshness_alert_hours: the newest is searched over all time', async () => {
  const world = healthyWorld();
  world.recoveryPoints[SSN.vaultName] = [
    { Status: 'COMPLETED', CreationDate: hoursAgo(80) },
    { Status: 'COMPLETED', CreationDate: hoursAgo(50) },
    // Not arrived: does not count.
    { Status: 'CREATING', CreationDate: hoursAgo(1) },
  ];
  install(world);
  const result = await run();
  expect(result.status).toBe('FAIL');
  expect(result.summary).toMatch(
    /42 recovery points, newest 2d ago: none within freshness_alert_hours \(26 h\)$/,
  );
  expect(result.facts?.newestRecoveryPoint).toEqual(hoursAgo(50));
  expect(backupMock).toHaveReceivedCommandTimes(ListRecoveryPointsByBackupVaultCommand, 2);
});

test('the newest recovery point is found across pages', async () => {
  install(healthyWorld());
  backupMock
    .on(ListRecoveryPointsByBackupVaultCommand)
    .resolvesOnce({
      RecoveryPoints: [{ Status: 'COMPLETED', CreationDate: hoursAgo(20) }],
      NextToken: 'page-2',
    })
    .resolvesOnce({ RecoveryPoints: [{ Status: 'AVAILABLE', CreationDate: hoursAgo(2) }] });
  const result = await run();
  expect(result.facts?.newestRecoveryPoint).toEqual(hoursAgo(2));
  expect(backupMock).toHaveReceivedNthCommandWith(ListRecoveryPointsByBackupVaultCommand, 2, {
    NextToken: 'page-2',
  });
});

test('WARN: a new vault without recovery points is waiting for the first backup window', async () => {
  const world = healthyWorld();
  world.vaults[SSN.vaultName] = {
    ...world.vaults[SSN.vaultName],
    NumberOfRecoveryPoints: 0,
    CreationDate: hoursAgo(5),
  };
  world.recoveryPoints[SSN.vaultName] = [];
  install(world);
  const result = await run();
  expect(result.status).toBe('WARN');
  expect(result.summary).toMatch(
    /; no completed recovery point yet \(vault created 5h ago; copies arrive after the environment's first backup window\)$/,
  );
});

test('FAIL: an old vault that never received a recovery point', async () => {
  const world = healthyWorld();
  world.recoveryPoints[SSN.vaultName] = [];
  install(world);
  const result = await run();
  expect(result.status).toBe('FAIL');
  expect(result.summary).toMatch(/no completed recovery point since the vault was created on 2029-12-01$/);
});

test('FAIL: a vault that does not exist, or cannot be read', async () => {
  const world = healthyWorld();
  delete world.vaults[SSN.vaultName];
  install(world);
  expect(await run()).toMatchObject({
    status: 'FAIL',
    summary: 'not found in account 000011114444, region us-west-2',
  });
  install(healthyWorld());
  backupMock.on(ListRecoveryPointsByBackupVaultCommand).rejects(serviceError('AccessDeniedException', 'no'));
  expect(await run()).toMatchObject({ status: 'FAIL', summary: 'cannot be read: AccessDeniedException: no' });
});

test('the general vault is titled as such', async () => {
  install(healthyWorld());
  const result = await checkVault(clients(), context({ now: NOW }), GENERAL, KEY_ARN.general);
  expect(result).toMatchObject({
    id: 'vault:general',
    title: 'General vault CompactConnectBackupVault',
    status: 'PASS',
  });
});
