import {
  BackupClient,
  DescribeRestoreJobCommand,
  GetRestoreJobMetadataCommand,
  PutRestoreValidationResultCommand,
} from '@aws-sdk/client-backup';
import { DescribeTableCommand, DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { createHandler, settingsFromEnvironment } from '../../lib/functions/restore-test/index';
import { tableNameOf, validateRestore } from '../../lib/functions/restore-test/validate';

const backupMock = mockClient(BackupClient);
const dynamodbMock = mockClient(DynamoDBClient);
const snsMock = mockClient(SNSClient);
const s3Mock = mockClient(S3Client);
const clients = {
  backup: new BackupClient({ region: 'us-west-2' }),
  dynamodb: new DynamoDBClient({ region: 'us-west-2' }),
  sns: new SNSClient({ region: 'us-west-2' }),
  s3: new S3Client({ region: 'us-west-2' }),
};

const ACCOUNT = '000011114444';
const PLAN = `arn:aws:backup:us-west-2:${ACCOUNT}:restore-testing-plan:compactconnect_general_restore_testing-abc123`;
const TOPIC = `arn:aws:sns:us-west-2:${ACCOUNT}:compactconnect-backup-alerts`;
const TABLE = 'awsbackup-restore-test-0a1b2c3d';
const TABLE_ARN = `arn:aws:dynamodb:us-west-2:${ACCOUNT}:table/${TABLE}`;
const POINT = `arn:aws:backup:us-west-2:${ACCOUNT}:recovery-point:rp-1`;
const JOB = 'job-1';
const settings = {
  planName: 'compactconnect_general_restore_testing',
  planArn: PLAN,
  topicArn: TOPIC,
  maxSilenceHours: 364,
  sampleSize: 25,
  readyChecks: 3,
  readyDelayMs: 0,
  evidenceBucket: `compactconnect-backup-evidence-${ACCOUNT}-us-west-2`,
};
const event = {
  'detail-type': 'Restore Job State Change',
  detail: { restoreJobId: JOB, status: 'COMPLETED' },
};
const KEYS = [
  { AttributeName: 'pk', KeyType: 'HASH' as const },
  { AttributeName: 'sk', KeyType: 'RANGE' as const },
];
/** Item values the function reads; none of them may appear in a report, an alert or a log. */
const SECRET = 'licensee-ssn-123-45-6789';

beforeEach(() => {
  backupMock.reset();
  dynamodbMock.reset();
  snsMock.reset();
  s3Mock.reset();
  s3Mock.on(PutObjectCommand).resolves({ VersionId: 'v1' });
  backupMock.on(DescribeRestoreJobCommand).resolves({
    RestoreJobId: JOB,
    Status: 'COMPLETED',
    CreatedResourceArn: TABLE_ARN,
    RecoveryPointArn: POINT,
    CreatedBy: { RestoreTestingPlanArn: PLAN },
  });
  backupMock.on(GetRestoreJobMetadataCommand).resolves({ Metadata: { targetTableName: TABLE } });
  backupMock.on(PutRestoreValidationResultCommand).resolves({});
  dynamodbMock
    .on(DescribeTableCommand)
    .resolves({ Table: { TableName: TABLE, TableStatus: 'ACTIVE', KeySchema: KEYS } });
  dynamodbMock.on(ScanCommand).resolves({ Items: [{ pk: { S: SECRET }, sk: { S: SECRET } }], Count: 1 });
  snsMock.on(PublishCommand).resolves({ MessageId: 'm-1' });
});

/** Everything the function sent or logged, as one string, to search for item contents. */
function everythingSaid(logged: string[]): string {
  const sent = [
    ...backupMock.commandCalls(PutRestoreValidationResultCommand),
    ...snsMock.commandCalls(PublishCommand),
    ...s3Mock.commandCalls(PutObjectCommand),
  ].map((c) => JSON.stringify(c.args[0].input));
  return [...sent, ...logged].join('\n');
}

function reported() {
  return backupMock.commandCalls(PutRestoreValidationResultCommand).map((c) => c.args[0].input);
}

test('a ready, non-empty table with the recorded key schema is reported SUCCESSFUL; no alert, no item in the log', async () => {
  backupMock.on(GetRestoreJobMetadataCommand).resolves({ Metadata: { KeySchema: JSON.stringify(KEYS) } });
  const logged: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void logged.push(line));
  const outcome = await createHandler(clients, settings)(event);
  log.mockRestore();
  expect(outcome).toEqual({
    result: 'SUCCESSFUL',
    restoreJobId: JOB,
    table: TABLE,
    message: `table ${TABLE} is ACTIVE, its key schema is as recorded, and a sample of its items was read`,
  });
  expect(reported()).toEqual([
    {
      RestoreJobId: JOB,
      ValidationStatus: 'SUCCESSFUL',
      ValidationStatusMessage: outcome && 'message' in outcome ? outcome.message : '',
    },
  ]);
  expect(dynamodbMock).toHaveReceivedCommandWith(ScanCommand, { TableName: TABLE, Limit: 25 });
  expect(snsMock).not.toHaveReceivedCommand(PublishCommand);
  expect(logged).toHaveLength(1);
  expect(everythingSaid(logged)).not.toContain(SECRET);
});

test('an empty table is reported FAILED and alerted, without item contents', async () => {
  dynamodbMock.on(ScanCommand).resolves({ Items: [], Count: 0 });
  const outcome = await validateRestore(clients, settings, event.detail);
  const reason = `table ${TABLE} is empty: a scan returned no item`;
  expect(outcome).toEqual({ result: 'FAILED', restoreJobId: JOB, table: TABLE, message: reason });
  expect(reported()).toEqual([
    { RestoreJobId: JOB, ValidationStatus: 'FAILED', ValidationStatusMessage: reason },
  ]);
  expect(snsMock).toHaveReceivedCommandTimes(PublishCommand, 1);
  const alert = snsMock.commandCalls(PublishCommand)[0].args[0].input;
  expect(alert.TopicArn).toBe(TOPIC);
  expect(alert.Subject).toBe('CompactConnect backups: a restore test failed validation');
  expect(alert.Message).toContain(
    `Restore test ${JOB} (recovery point ${POINT}) failed validation:\n${reason}`,
  );
});

test('an empty first page with more to read is read on, within a bound', async () => {
  dynamodbMock
    .on(ScanCommand)
    .resolvesOnce({ Items: [], LastEvaluatedKey: { pk: { S: 'x' } } })
    .resolvesOnce({ Items: [{ pk: { S: SECRET } }] });
  const outcome = await validateRestore(clients, settings, event.detail);
  expect(outcome.result).toBe('SUCCESSFUL');
  expect(dynamodbMock).toHaveReceivedCommandTimes(ScanCommand, 2);
});

test('a key schema other than the one recorded in the restore metadata is reported FAILED, naming attributes only', async () => {
  backupMock.on(GetRestoreJobMetadataCommand).resolves({
    Metadata: { keySchema: JSON.stringify([{ AttributeName: 'id', KeyType: 'HASH' }]) },
  });
  const outcome = await validateRestore(clients, settings, event.detail);
  const reason = `table ${TABLE} has the key schema pk HASH, sk RANGE; the restore metadata records id HASH`;
  expect(outcome).toEqual({ result: 'FAILED', restoreJobId: JOB, table: TABLE, message: reason });
  expect(reported()).toEqual([
    { RestoreJobId: JOB, ValidationStatus: 'FAILED', ValidationStatusMessage: reason },
  ]);
  expect(dynamodbMock).not.toHaveReceivedCommand(ScanCommand);
});

test('without a key schema in the restore metadata, the schema is not compared (AWS records none that it documents)', async () => {
  const outcome = await validateRestore(clients, settings, event.detail);
  expect(outcome.result).toBe('SUCCESSFUL');
});

test('a restored table that does not exist is reported FAILED', async () => {
  const missing = Object.assign(new Error('Requested resource not found'), {
    name: 'ResourceNotFoundException',
  });
  dynamodbMock.on(DescribeTableCommand).rejects(missing);
  const outcome = await validateRestore(clients, settings, event.detail);
  const reason = `the restored table ${TABLE} does not exist`;
  expect(outcome).toEqual({ result: 'FAILED', restoreJobId: JOB, table: TABLE, message: reason });
  expect(reported()).toEqual([
    { RestoreJobId: JOB, ValidationStatus: 'FAILED', ValidationStatusMessage: reason },
  ]);
});

test('a table that stays CREATING is reported FAILED after the bounded checks', async () => {
  dynamodbMock.on(DescribeTableCommand).resolves({ Table: { TableName: TABLE, TableStatus: 'CREATING' } });
  const outcome = await validateRestore(clients, settings, event.detail);
  expect(outcome).toMatchObject({
    result: 'FAILED',
    message: `table ${TABLE} is CREATING, not ACTIVE, after 3 checks`,
  });
  expect(dynamodbMock).toHaveReceivedCommandTimes(DescribeTableCommand, 3);
});

test('a table that becomes ACTIVE during the checks passes', async () => {
  dynamodbMock
    .on(DescribeTableCommand)
    .resolvesOnce({ Table: { TableStatus: 'CREATING' } })
    .resolves({ Table: { TableStatus: 'ACTIVE', KeySchema: KEYS } });
  expect((await validateRestore(clients, settings, event.detail)).result).toBe('SUCCESSFUL');
});

test.each([
  ['DescribeTable', 'ThrottlingException'],
  ['Scan', 'ProvisionedThroughputExceededException'],
])('throttling on %s fails the invocation (to be retried) and reports nothing', async (call, name) => {
  const throttled = Object.assign(new Error('Rate exceeded'), { name });
  if (call === 'Scan') dynamodbMock.on(ScanCommand).rejects(throttled);
  else dynamodbMock.on(DescribeTableCommand).rejects(throttled);
  await expect(createHandler(clients, settings)(event)).rejects.toThrow('Rate exceeded');
  expect(backupMock).not.toHaveReceivedCommand(PutRestoreValidationResultCommand);
  expect(snsMock).not.toHaveReceivedCommand(PublishCommand);
});

test.each(['SUCCESSFUL', 'FAILED', 'TIMED_OUT'])(
  'a result already reported (%s) is not reported again, and the table is not read',
  async (status) => {
    backupMock.on(DescribeRestoreJobCommand).resolves({
      RestoreJobId: JOB,
      Status: 'COMPLETED',
      CreatedResourceArn: TABLE_ARN,
      CreatedBy: { RestoreTestingPlanArn: PLAN },
      ValidationStatus: status as never,
    });
    const outcome = await validateRestore(clients, settings, event.detail);
    expect(outcome).toEqual({ result: 'already-reported', restoreJobId: JOB, status });
    expect(backupMock).not.toHaveReceivedCommand(PutRestoreValidationResultCommand);
    expect(dynamodbMock).not.toHaveReceivedCommand(DescribeTableCommand);
  },
);

test('a job of another plan, or a manual restore, is ignored', async () => {
  backupMock
    .on(DescribeRestoreJobCommand)
    .resolves({ RestoreJobId: JOB, Status: 'COMPLETED', CreatedResourceArn: TABLE_ARN });
  const outcome = await validateRestore(clients, settings, event.detail);
  expect(outcome).toEqual({
    result: 'ignored',
    restoreJobId: JOB,
    reason: 'the job was not started by this restore testing plan',
  });
  expect(backupMock).not.toHaveReceivedCommand(PutRestoreValidationResultCommand);
});

test('a restored resource that is not a DynamoDB table is reported FAILED', async () => {
  backupMock.on(DescribeRestoreJobCommand).resolves({
    RestoreJobId: JOB,
    Status: 'COMPLETED',
    CreatedResourceArn: `arn:aws:ec2:us-west-2:${ACCOUNT}:volume/vol-1`,
    CreatedBy: { RestoreTestingPlanArn: PLAN },
  });
  const outcome = await validateRestore(clients, settings, event.detail);
  expect(outcome).toMatchObject({
    result: 'FAILED',
    message: expect.stringMatching(/is not a DynamoDB table$/),
  });
});

test('table names are read from DynamoDB table ARNs only', () => {
  expect(tableNameOf(TABLE_ARN)).toBe(TABLE);
  expect(tableNameOf(`${TABLE_ARN}/backup/01`)).toBeUndefined();
  expect(tableNameOf('arn:aws:s3:::bucket')).toBeUndefined();
  expect(tableNameOf(undefined)).toBeUndefined();
});

test('an event of another type fails loudly', async () => {
  await expect(createHandler(clients, settings)({ 'detail-type': 'Something Else' })).rejects.toThrow(
    'restore testing: unexpected event type "Something Else"',
  );
});

test('settings come from the environment the stack sets; a missing one is named', () => {
  const env = {
    PLAN_NAME: 'p',
    PLAN_ARN: PLAN,
    TOPIC_ARN: TOPIC,
    MAX_SILENCE_HOURS: '364',
    EVIDENCE_BUCKET: settings.evidenceBucket,
  };
  expect(settingsFromEnvironment(env)).toEqual({
    ...settings,
    planName: 'p',
    readyChecks: 6,
    readyDelayMs: 10_000,
  });
  expect(() => settingsFromEnvironment({ ...env, PLAN_ARN: undefined })).toThrow(
    'restore testing: environment variable PLAN_ARN is not set',
  );
  expect(() => settingsFromEnvironment({ ...env, MAX_SILENCE_HOURS: 'soon' })).toThrow(
    /MAX_SILENCE_HOURS must be a whole number/,
  );
});

describe('records in the evidence bucket', () => {
  // The handler logs each outcome (names and counts); these tests read the records instead.
  beforeEach(() => void vi.spyOn(console, 'log').mockImplementation(() => undefined));
  afterEach(() => vi.restoreAllMocks());

  /** The records written into the evidence bucket, parsed. */
  function recorded() {
    return s3Mock.commandCalls(PutObjectCommand).map((c) => {
      const { Bucket, Key, IfNoneMatch, Body } = c.args[0].input;
      return { Bucket, Key, IfNoneMatch, body: JSON.parse(String(Body)) };
    });
  }

  test('each result is recorded once in the evidence bucket, after it is reported, with names and counts only', async () => {
    await createHandler(clients, settings)(event);
    expect(recorded()).toEqual([
      {
        Bucket: settings.evidenceBucket,
        Key: 'restore-tests/job-1.json',
        IfNoneMatch: '*',
        body: {
          restoreJobId: JOB,
          planArn: PLAN,
          result: 'SUCCESSFUL',
          message: expect.stringMatching(/^table awsbackup-restore-test-0a1b2c3d is ACTIVE/),
          recoveryPointArn: POINT,
          table: TABLE,
        },
      },
    ]);
    const report = backupMock.commandCalls(PutRestoreValidationResultCommand)[0];
    expect(report.calledBefore(s3Mock.commandCalls(PutObjectCommand)[0])).toBe(true);
  });

  test('a failed test is recorded as FAILED with its reason', async () => {
    dynamodbMock.on(ScanCommand).resolves({ Items: [], Count: 0 });
    await createHandler(clients, settings)(event);
    expect(recorded()[0].body).toMatchObject({
      result: 'FAILED',
      message: `table ${TABLE} is empty: a scan returned no item`,
    });
  });

  test('a redelivered event records a result reported before but not recorded; one already recorded is left as it is', async () => {
    backupMock.on(DescribeRestoreJobCommand).resolves({
      RestoreJobId: JOB,
      Status: 'COMPLETED',
      CreatedResourceArn: TABLE_ARN,
      RecoveryPointArn: POINT,
      CreatedBy: { RestoreTestingPlanArn: PLAN },
      ValidationStatus: 'SUCCESSFUL',
      ValidationStatusMessage: 'reported earlier',
    });
    expect(await createHandler(clients, settings)(event)).toMatchObject({ result: 'already-reported' });
    expect(recorded()[0].body).toMatchObject({ result: 'SUCCESSFUL', message: 'reported earlier' });
    s3Mock.on(PutObjectCommand).rejects(
      Object.assign(new Error('At least one of the pre-conditions you specified did not hold'), {
        name: 'PreconditionFailed',
        $metadata: { httpStatusCode: 412 },
      }),
    );
    await expect(createHandler(clients, settings)(event)).resolves.toMatchObject({
      result: 'already-reported',
    });
  });

  test('a record that cannot be written fails the invocation, so that the event is delivered again', async () => {
    s3Mock.on(PutObjectCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDenied' }));
    await expect(createHandler(clients, settings)(event)).rejects.toThrow('denied');
    expect(reported()).toHaveLength(1);
  });
});
