import { BackupClient, ListRecoveryPointsByBackupVaultCommand } from '@aws-sdk/client-backup';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import {
  checkFreshness,
  type FreshnessSettings,
  settingsFromEnvironment,
} from '../../lib/functions/freshness/check';
import { createHandler } from '../../lib/functions/freshness/index';

const backupMock = mockClient(BackupClient);
const snsMock = mockClient(SNSClient);
const clients = {
  backup: new BackupClient({ region: 'us-west-2' }),
  sns: new SNSClient({ region: 'us-west-2' }),
};

const TOPIC = 'arn:aws:sns:us-west-2:000011114444:compactconnect-backup-alerts';
const GENERAL = { name: 'CompactConnectBackupVault', description: 'the general backup vault' };
const SSN = { name: 'CompactConnectBackupVault-SSN', description: 'the SSN backup vault' };
const settings: FreshnessSettings = {
  vaults: [GENERAL, SSN],
  freshnessHours: 26,
  checkIntervalMinutes: 60,
  reminderHourUtc: 15,
  topicArn: TOPIC,
  accountId: '000011114444',
  region: 'us-west-2',
};
// 10:05 UTC: not the reminder hour.
const NOW = new Date('2030-06-02T10:05:00.000Z');
const hoursBefore = (h: number) => new Date(NOW.getTime() - h * 3_600_000);

beforeEach(() => {
  backupMock.reset();
  snsMock.reset();
  snsMock.on(PublishCommand).resolves({ MessageId: 'm-1' });
});

function vaultHolds(vault: string, points: { hoursAgo: number; status?: string }[]) {
  backupMock.on(ListRecoveryPointsByBackupVaultCommand, { BackupVaultName: vault }).resolves({
    RecoveryPoints: points.map((p, i) => ({
      RecoveryPointArn: `arn:aws:backup:us-west-2:000011114444:recovery-point:${vault}-${i}`,
      CreationDate: hoursBefore(p.hoursAgo),
      Status: (p.status ?? 'COMPLETED') as never,
    })),
  });
}

test('asks each vault only for recovery points created since the look-back start', async () => {
  vaultHolds(GENERAL.name, [{ hoursAgo: 2 }]);
  vaultHolds(SSN.name, [{ hoursAgo: 3 }]);
  await checkFreshness(clients, settings, NOW);
  // 26 hours, plus one check interval (60 min) and the 10-minute margin.
  const since = new Date(NOW.getTime() - (26 * 60 + 70) * 60_000);
  expect(backupMock).toHaveReceivedCommandTimes(ListRecoveryPointsByBackupVaultCommand, 2);
  expect(backupMock).toHaveReceivedCommandWith(ListRecoveryPointsByBackupVaultCommand, {
    BackupVaultName: GENERAL.name,
    ByCreatedAfter: since,
  });
  expect(backupMock).toHaveReceivedCommandWith(ListRecoveryPointsByBackupVaultCommand, {
    BackupVaultName: SSN.name,
    ByCreatedAfter: since,
  });
});

test('fresh vaults publish nothing', async () => {
  vaultHolds(GENERAL.name, [{ hoursAgo: 30 }, { hoursAgo: 2 }]);
  vaultHolds(SSN.name, [{ hoursAgo: 25.9 }]);
  const report = await checkFreshness(clients, settings, NOW);
  expect(report.vaults.map((v) => v.state)).toEqual(['fresh', 'fresh']);
  expect(report.alert).toBeUndefined();
  expect(snsMock).not.toHaveReceivedCommand(PublishCommand);
});

test('a vault that went stale since the last run raises one alert naming it and its newest point', async () => {
  vaultHolds(GENERAL.name, [{ hoursAgo: 1 }]);
  vaultHolds(SSN.name, [{ hoursAgo: 26.5 }]);
  const report = await checkFreshness(clients, settings, NOW);
  expect(report.vaults[1]).toMatchObject({ state: 'stale', newlyStale: true });
  expect(snsMock).toHaveReceivedCommandTimes(PublishCommand, 1);
  const input = snsMock.commandCalls(PublishCommand)[0].args[0].input;
  expect(input.TopicArn).toBe(TOPIC);
  expect(input.Subject).toBe('CompactConnect backups: no new recovery point in 26 hours');
  expect(input.Message).toContain(
    '- No new recovery point in the SSN backup vault "CompactConnectBackupVault-SSN" for over 26 hours; ' +
      'the newest one was created at 2030-06-01T07:35:00.000Z.',
  );
  expect(input.Message).toContain('account 000011114444, region us-west-2');
  expect(input.Message).not.toContain('CompactConnectBackupVault"');
});

test('a vault that has been stale for longer is not repeated outside the reminder hour', async () => {
  vaultHolds(GENERAL.name, [{ hoursAgo: 1 }]);
  vaultHolds(SSN.name, []);
  const report = await checkFreshness(clients, settings, NOW);
  expect(report.vaults[1]).toEqual({ vault: SSN, state: 'stale', newest: undefined, newlyStale: false });
  expect(snsMock).not.toHaveReceivedCommand(PublishCommand);
});

test('in the reminder hour, every stale vault is reported again', async () => {
  vaultHolds(GENERAL.name, []);
  vaultHolds(SSN.name, []);
  const reminderRun = new Date('2030-06-02T15:05:00.000Z');
  const report = await checkFreshness(clients, settings, reminderRun);
  expect(report.alert?.message).toContain(
    '- No new recovery point in the general backup vault "CompactConnectBackupVault" for over 26 hours; ' +
      'none was created in the last 26 hours or more (daily reminder: still stale).',
  );
  expect(report.alert?.message).toContain('"CompactConnectBackupVault-SSN"');
  expect(snsMock).toHaveReceivedCommandTimes(PublishCommand, 1);
});

test('recovery points that did not complete do not count as arrivals', async () => {
  vaultHolds(GENERAL.name, [
    { hoursAgo: 1, status: 'PARTIAL' },
    { hoursAgo: 2, status: 'EXPIRED' },
    { hoursAgo: 26.2 },
  ]);
  vaultHolds(SSN.name, [{ hoursAgo: 1, status: 'AVAILABLE' }]);
  const report = await checkFreshness(clients, settings, NOW);
  expect(report.vaults.map((v) => v.state)).toEqual(['stale', 'fresh']);
  expect(report.vaults[0]).toMatchObject({ newest: hoursBefore(26.2), newlyStale: true });
});

test('follows every page of the listing', async () => {
  backupMock
    .on(ListRecoveryPointsByBackupVaultCommand, { BackupVaultName: GENERAL.name, NextToken: undefined })
    .resolves({ RecoveryPoints: [{ CreationDate: hoursBefore(26.4), Status: 'COMPLETED' }], NextToken: 'p2' })
    .on(ListRecoveryPointsByBackupVaultCommand, { BackupVaultName: GENERAL.name, NextToken: 'p2' })
    .resolves({ RecoveryPoints: [{ CreationDate: hoursBefore(3), Status: 'COMPLETED' }] });
  vaultHolds(SSN.name, [{ hoursAgo: 3 }]);
  const report = await checkFreshness(clients, settings, NOW);
  expect(report.vaults[0]).toEqual({ vault: GENERAL, state: 'fresh', newest: hoursBefore(3) });
  expect(backupMock).toHaveReceivedCommandTimes(ListRecoveryPointsByBackupVaultCommand, 3);
});

test('a vault it cannot read is reported on every run, and the other vault is still checked', async () => {
  backupMock.on(ListRecoveryPointsByBackupVaultCommand, { BackupVaultName: GENERAL.name }).rejects(
    Object.assign(new Error('not authorized to perform ListRecoveryPointsByBackupVault'), {
      name: 'AccessDeniedException',
    }),
  );
  vaultHolds(SSN.name, [{ hoursAgo: 26.5 }]);
  const report = await checkFreshness(clients, settings, NOW);
  expect(report.vaults.map((v) => v.state)).toEqual(['unreadable', 'stale']);
  const input = snsMock.commandCalls(PublishCommand)[0].args[0].input;
  expect(input.Subject).toBe('CompactConnect backups: the freshness check failed');
  expect(input.Message).toContain(
    '- Could not check the general backup vault "CompactConnectBackupVault": AccessDeniedException: ' +
      'not authorized to perform ListRecoveryPointsByBackupVault.',
  );
  expect(input.Message).toContain('"CompactConnectBackupVault-SSN" for over 26 hours');
});

test('a failure to publish fails the run, so that Lambda retries it and then sends it to the dead-letter topic', async () => {
  vaultHolds(GENERAL.name, []);
  vaultHolds(SSN.name, [{ hoursAgo: 26.5 }]);
  snsMock.on(PublishCommand).rejects(new Error('KMS key disabled'));
  await expect(checkFreshness(clients, settings, NOW)).rejects.toThrow('KMS key disabled');
});

const ENV = {
  VAULTS: JSON.stringify([GENERAL, SSN]),
  FRESHNESS_HOURS: '26',
  CHECK_INTERVAL_MINUTES: '60',
  REMINDER_HOUR_UTC: '15',
  TOPIC_ARN: TOPIC,
  ACCOUNT_ID: '000011114444',
  AWS_REGION: 'us-west-2',
};

test('reads its settings from the environment the stack sets', () => {
  expect(settingsFromEnvironment(ENV)).toEqual(settings);
});

test.each([
  [{ TOPIC_ARN: undefined }, /environment variable TOPIC_ARN is not set/],
  [{ FRESHNESS_HOURS: '26h' }, /FRESHNESS_HOURS must be a whole number, got "26h"/],
  [{ VAULTS: '[{"vault":"x"}]' }, /VAULTS must be a JSON list/],
])('refuses a broken environment: %o', (change, expected) => {
  expect(() => settingsFromEnvironment({ ...ENV, ...change })).toThrow(expected);
});

test('the handler checks with the clock at invocation time', async () => {
  vaultHolds(GENERAL.name, [{ hoursAgo: 1 }]);
  vaultHolds(SSN.name, [{ hoursAgo: 1 }]);
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const handler = createHandler(clients, ENV, () => NOW);
  const report = await handler();
  expect(report.vaults.map((v) => v.state)).toEqual(['fresh', 'fresh']);
  expect(log).toHaveBeenCalledTimes(1);
  log.mockRestore();
});
