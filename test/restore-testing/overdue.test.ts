import { BackupClient, GetRestoreTestingPlanCommand, ListRestoreJobsCommand } from '@aws-sdk/client-backup';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { checkOverdue } from '../../lib/functions/restore-test/overdue';

const backupMock = mockClient(BackupClient);
const snsMock = mockClient(SNSClient);
const clients = {
  backup: new BackupClient({ region: 'us-west-2' }),
  sns: new SNSClient({ region: 'us-west-2' }),
};
const PLAN =
  'arn:aws:backup:us-west-2:000011114444:restore-testing-plan:compactconnect_general_restore_testing-abc123';
const settings = {
  planName: 'compactconnect_general_restore_testing',
  planArn: PLAN,
  topicArn: 'arn:aws:sns:us-west-2:000011114444:compactconnect-backup-alerts',
  maxSilenceHours: 364,
};
const NOW = new Date('2030-06-02T15:20:00.000Z');
const hoursBefore = (h: number) => new Date(NOW.getTime() - h * 3_600_000);

beforeEach(() => {
  backupMock.reset();
  snsMock.reset();
  snsMock.on(PublishCommand).resolves({ MessageId: 'm-1' });
  backupMock.on(GetRestoreTestingPlanCommand).resolves({
    RestoreTestingPlan: { CreationTime: hoursBefore(2000) } as never,
  });
});

test('asks for completed jobs of the plan within the allowed silence, every page', async () => {
  backupMock
    .on(ListRestoreJobsCommand)
    .resolvesOnce({ RestoreJobs: [], NextToken: 't' })
    .resolvesOnce({
      RestoreJobs: [{ RestoreJobId: 'j', CompletionDate: hoursBefore(30), ValidationStatus: 'SUCCESSFUL' }],
    });
  expect(await checkOverdue(clients, settings, NOW)).toEqual({
    result: 'on-time',
    lastPassed: hoursBefore(30),
  });
  expect(backupMock).toHaveReceivedCommandWith(ListRestoreJobsCommand, {
    ByRestoreTestingPlanArn: PLAN,
    ByStatus: 'COMPLETED',
    ByCompleteAfter: hoursBefore(364),
  });
  expect(backupMock).toHaveReceivedCommandWith(ListRestoreJobsCommand, { NextToken: 't' });
  expect(snsMock).not.toHaveReceivedCommand(PublishCommand);
});

test('no completed test within the silence alerts, naming the plan and the undocumented cause', async () => {
  backupMock.on(ListRestoreJobsCommand).resolves({ RestoreJobs: [] });
  expect(await checkOverdue(clients, settings, NOW)).toEqual({
    result: 'overdue',
    since: hoursBefore(364),
    unvalidated: [],
  });
  const alert = snsMock.commandCalls(PublishCommand)[0].args[0].input;
  expect(alert.Subject).toBe('CompactConnect backups: no completed restore test');
  expect(alert.Message).toMatch(
    /^No restore test of the plan compactconnect_general_restore_testing has completed and passed validation since 2030-05-18T11:20:00.000Z \(364 hours/,
  );
  expect(alert.Message).toContain('copied in from another account (AWS does not document which)');
});

test('a plan younger than the allowed silence has not missed a test yet', async () => {
  backupMock.on(ListRestoreJobsCommand).resolves({ RestoreJobs: [] });
  backupMock
    .on(GetRestoreTestingPlanCommand)
    .resolves({ RestoreTestingPlan: { CreationTime: hoursBefore(100) } as never });
  expect(await checkOverdue(clients, settings, NOW)).toEqual({
    result: 'plan-too-new',
    planCreated: hoursBefore(100),
  });
  expect(snsMock).not.toHaveReceivedCommand(PublishCommand);
});

test('tests that completed but never passed validation (timed out, failed, not reported) are overdue too', async () => {
  backupMock.on(ListRestoreJobsCommand).resolves({
    RestoreJobs: [
      { RestoreJobId: 'a', CompletionDate: hoursBefore(200), ValidationStatus: 'TIMED_OUT' },
      { RestoreJobId: 'b', CompletionDate: hoursBefore(30), ValidationStatus: 'FAILED' },
      { RestoreJobId: 'c', CompletionDate: hoursBefore(2) },
    ],
  });
  expect(await checkOverdue(clients, settings, NOW)).toEqual({
    result: 'overdue',
    since: hoursBefore(364),
    unvalidated: ['TIMED_OUT', 'FAILED', 'none'],
  });
  expect(snsMock.commandCalls(PublishCommand)[0].args[0].input.Message).toContain(
    '3 restore job(s) completed without passing validation (validation status: TIMED_OUT, FAILED, none).',
  );
});
