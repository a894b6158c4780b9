// The drill's calls (tables, AWS Backup jobs, a key's event history) and the client factory: the
// request each sends, the value it returns, and which AWS errors are answers rather than failures.
import {
  BackupClient,
  DeleteRecoveryPointCommand,
  DescribeBackupJobCommand,
  DescribeCopyJobCommand,
  DescribeRecoveryPointCommand,
  DescribeRegionSettingsCommand,
  DescribeRestoreJobCommand,
  GetRecoveryPointRestoreMetadataCommand,
  StartBackupJobCommand,
  StartCopyJobCommand,
  StartRestoreJobCommand,
  TagResourceCommand,
} from '@aws-sdk/client-backup';
import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { sdkClients } from '../../lib/aws/clients';
import { MAX_KEY_EVENTS } from '../../lib/aws';
import { mockedAws, mocks, serviceError } from './support';

const AT = new Date('2030-03-01T09:00:00Z');
const LATER = new Date('2030-03-01T09:20:00Z');

describe('tables', () => {
  test('createTable: on-demand, keyed by one string attribute, tagged; an existing table is not an error', async () => {
    const aws = mockedAws();
    mocks.dynamodb.on(CreateTableCommand).resolves({});
    await expect(aws.createTable('t', 'pk', { drill: 'd1' })).resolves.toEqual({ created: true });
    expect(mocks.dynamodb).toHaveReceivedCommandWith(CreateTableCommand, {
      TableName: 't',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      Tags: [{ Key: 'drill', Value: 'd1' }],
    });
    mocks.dynamodb.on(CreateTableCommand).rejects(serviceError('ResourceInUseException'));
    await expect(aws.createTable('t', 'pk', {})).resolves.toEqual({ created: false });
    mocks.dynamodb.on(CreateTableCommand).rejects(serviceError('AccessDeniedException'));
    await expect(aws.createTable('t', 'pk', {})).rejects.toThrow('AccessDeniedException');
  });

  test('putItems: 25 a request, strings and numbers typed, unprocessed items retried after a pause', async () => {
    const aws = mockedAws();
    const items = Array.from({ length: 26 }, (_, i) => ({ pk: `p${i}`, sequence: i }));
    const first = { PutRequest: { Item: { pk: { S: 'p0' }, sequence: { N: '0' } } } };
    mocks.dynamodb
      .on(BatchWriteItemCommand)
      .resolvesOnce({ UnprocessedItems: { t: [first] } })
      .resolves({ UnprocessedItems: {} });
    const pauses: number[] = [];
    await aws.putItems('t', items, async (ms) => {
      pauses.push(ms);
    });
    const calls = mocks.dynamodb
      .commandCalls(BatchWriteItemCommand)
      .map((c) => c.args[0].input.RequestItems?.t);
    expect(calls.map((c) => c?.length)).toEqual([25, 1, 1]);
    expect(calls[0]?.[0]).toEqual(first);
    expect(calls[1]).toEqual([first]);
    expect(pauses).toEqual([200]);
  });

  test('putItems gives up when DynamoDB keeps items unprocessed', async () => {
    const aws = mockedAws();
    const stuck = { PutRequest: { Item: { pk: { S: 'p0' } } } };
    mocks.dynamodb.on(BatchWriteItemCommand).resolves({ UnprocessedItems: { t: [stuck] } });
    await expect(aws.putItems('t', [{ pk: 'p0' }], async () => undefined)).rejects.toThrow(
      'DynamoDB left 1 items of t unwritten',
    );
  });

  test('scanItems: every page, consistent, as plain values', async () => {
    const aws = mockedAws();
    mocks.dynamodb
      .on(ScanCommand, { ExclusiveStartKey: undefined })
      .resolves({ Items: [{ pk: { S: 'a' }, sequence: { N: '1' } }], LastEvaluatedKey: { pk: { S: 'a' } } })
      .on(ScanCommand, { ExclusiveStartKey: { pk: { S: 'a' } } })
      .resolves({ Items: [{ pk: { S: 'b' }, sequence: { N: '2' } }] });
    await expect(aws.scanItems('t')).resolves.toEqual([
      { pk: 'a', sequence: 1 },
      { pk: 'b', sequence: 2 },
    ]);
    expect(mocks.dynamodb).toHaveReceivedCommandWith(ScanCommand, { TableName: 't', ConsistentRead: true });
    mocks.dynamodb.on(ScanCommand).rejects(serviceError('AccessDeniedException'));
    await expect(aws.scanItems('t')).rejects.toThrow('AccessDeniedException');
  });

  test('deleteTableIfExists: deleted, or gone on ResourceNotFoundException', async () => {
    const aws = mockedAws();
    mocks.dynamodb.on(DeleteTableCommand, { TableName: 't' }).resolves({});
    await expect(aws.deleteTableIfExists('t')).resolves.toBe('deleted');
    mocks.dynamodb.on(DeleteTableCommand).rejects(serviceError('ResourceNotFoundException'));
    await expect(aws.deleteTableIfExists('t')).resolves.toBe('gone');
  });
});

describe('AWS Backup jobs', () => {
  test('dynamoDbSettings: opted in, and with advanced features', async () => {
    const aws = mockedAws();
    mocks.backup.on(DescribeRegionSettingsCommand).resolves({
      ResourceTypeOptInPreference: { DynamoDB: true },
      ResourceTypeManagementPreference: {},
    });
    await expect(aws.dynamoDbSettings()).resolves.toEqual({ optedIn: true, advanced: false });
  });

  test('startBackupJob, startCopyJob and startRestoreJob send their input and return the job ID', async () => {
    const aws = mockedAws();
    mocks.backup.on(StartBackupJobCommand).resolves({ BackupJobId: 'b1' });
    mocks.backup.on(StartCopyJobCommand).resolves({ CopyJobId: 'c1' });
    mocks.backup.on(StartRestoreJobCommand).resolves({ RestoreJobId: 'r1' });
    await expect(
      aws.startBackupJob({
        tableArn: 'arn:t',
        vaultName: 'Default',
        roleArn: 'arn:role',
        idempotencyToken: 'x-1',
      }),
    ).resolves.toBe('b1');
    expect(mocks.backup).toHaveReceivedCommandWith(StartBackupJobCommand, {
      BackupVaultName: 'Default',
      ResourceArn: 'arn:t',
      IamRoleArn: 'arn:role',
      IdempotencyToken: 'x-1',
      Lifecycle: { DeleteAfterDays: 7 },
    });
    await expect(
      aws.startCopyJob({
        recoveryPointArn: 'arn:rp',
        sourceVaultName: 'Default',
        destinationVaultArn: 'arn:vault',
        roleArn: 'arn:role',
        retentionDays: 90,
        idempotencyToken: 'x-2',
      }),
    ).resolves.toBe('c1');
    expect(mocks.backup).toHaveReceivedCommandWith(StartCopyJobCommand, {
      RecoveryPointArn: 'arn:rp',
      SourceBackupVaultName: 'Default',
      DestinationBackupVaultArn: 'arn:vault',
      IamRoleArn: 'arn:role',
      IdempotencyToken: 'x-2',
      Lifecycle: { DeleteAfterDays: 90 },
    });
    await expect(
      aws.startRestoreJob({
        recoveryPointArn: 'arn:rp',
        roleArn: 'arn:role',
        metadata: { a: 'b' },
        idempotencyToken: 'x-3',
      }),
    ).resolves.toBe('r1');
    expect(mocks.backup).toHaveReceivedCommandWith(StartRestoreJobCommand, {
      RecoveryPointArn: 'arn:rp',
      IamRoleArn: 'arn:role',
      Metadata: { a: 'b' },
      ResourceType: 'DynamoDB',
      IdempotencyToken: 'x-3',
    });
    mocks.backup.on(StartCopyJobCommand).resolves({});
    await expect(
      aws.startCopyJob({
        recoveryPointArn: 'arn:rp',
        sourceVaultName: 'Default',
        destinationVaultArn: 'arn:vault',
        roleArn: 'arn:role',
        retentionDays: 90,
        idempotencyToken: 'x-2',
      }),
    ).rejects.toThrow('StartCopyJob returned no job ID');
  });

  test('backupJob, copyJob and restoreJob: the state as the drill follows it', async () => {
    const aws = mockedAws();
    mocks.backup.on(DescribeBackupJobCommand, { BackupJobId: 'b1' }).resolves({
      State: 'COMPLETED',
      RecoveryPointArn: 'arn:rp',
      CreationDate: AT,
      CompletionDate: LATER,
    });
    mocks.backup.on(DescribeCopyJobCommand, { CopyJobId: 'c1' }).resolves({
      CopyJob: { State: 'FAILED', StatusMessage: 'refused', DestinationRecoveryPointArn: 'arn:copy' },
    });
    mocks.backup
      .on(DescribeRestoreJobCommand, { RestoreJobId: 'r1' })
      .resolves({ CreatedResourceArn: 'arn:t' });
    await expect(aws.backupJob('b1')).resolves.toEqual({
      state: 'COMPLETED',
      message: undefined,
      recoveryPointArn: 'arn:rp',
      createdAt: AT,
      completedAt: LATER,
    });
    await expect(aws.copyJob('c1')).resolves.toMatchObject({
      state: 'FAILED',
      message: 'refused',
      recoveryPointArn: 'arn:copy',
    });
    await expect(aws.restoreJob('r1')).resolves.toMatchObject({
      state: 'UNKNOWN',
      createdResourceArn: 'arn:t',
    });
  });

  test('recoveryPoint: status, key and deletion date; none on ResourceNotFoundException', async () => {
    const aws = mockedAws();
    mocks.backup
      .on(DescribeRecoveryPointCommand, { BackupVaultName: 'v', RecoveryPointArn: 'arn:rp' })
      .resolves({
        Status: 'COMPLETED',
        EncryptionKeyArn: 'arn:key',
        CalculatedLifecycle: { DeleteAt: LATER },
      });
    await expect(aws.recoveryPoint('v', 'arn:rp')).resolves.toEqual({
      status: 'COMPLETED',
      encryptionKeyArn: 'arn:key',
      deleteAt: LATER,
    });
    mocks.backup.on(DescribeRecoveryPointCommand).rejects(serviceError('ResourceNotFoundException'));
    await expect(aws.recoveryPoint('v', 'arn:rp')).resolves.toBeUndefined();
  });

  test('restoreMetadata, tagRecoveryPoint and deleteRecoveryPointIfExists', async () => {
    const aws = mockedAws();
    mocks.backup.on(GetRecoveryPointRestoreMetadataCommand).resolves({ RestoreMetadata: { a: 'b' } });
    mocks.backup.on(TagResourceCommand).resolves({});
    mocks.backup
      .on(DeleteRecoveryPointCommand)
      .resolvesOnce({})
      .rejects(serviceError('ResourceNotFoundException'));
    await expect(aws.restoreMetadata('v', 'arn:rp')).resolves.toEqual({ a: 'b' });
    expect(mocks.backup).toHaveReceivedCommandWith(GetRecoveryPointRestoreMetadataCommand, {
      BackupVaultName: 'v',
      RecoveryPointArn: 'arn:rp',
    });
    await aws.tagRecoveryPoint('arn:rp', { drill: 'd1' });
    expect(mocks.backup).toHaveReceivedCommandWith(TagResourceCommand, {
      ResourceArn: 'arn:rp',
      Tags: { drill: 'd1' },
    });
    await expect(aws.deleteRecoveryPointIfExists('Default', 'arn:rp')).resolves.toBe('deleted');
    await expect(aws.deleteRecoveryPointIfExists('Default', 'arn:rp')).resolves.toBe('gone');
    expect(mocks.backup).toHaveReceivedCommandWith(DeleteRecoveryPointCommand, {
      BackupVaultName: 'Default',
      RecoveryPointArn: 'arn:rp',
    });
  });
});

describe("a key's event history", () => {
  test('keyEvents looks events up by the key ARN in the window, every page', async () => {
    const aws = mockedAws();
    mocks.cloudtrail
      .on(LookupEventsCommand, { NextToken: undefined })
      .resolves({ Events: [{ EventName: 'Decrypt', CloudTrailEvent: '{"a":1}' }], NextToken: 'n' })
      .on(LookupEventsCommand, { NextToken: 'n' })
      .resolves({ Events: [{ EventName: 'Encrypt' }] });
    await expect(aws.keyEvents('arn:key', AT, LATER)).resolves.toEqual({
      events: [
        { eventName: 'Decrypt', record: '{"a":1}' },
        { eventName: 'Encrypt', record: undefined },
      ],
      truncated: false,
    });
    expect(mocks.cloudtrail).toHaveReceivedCommandWith(LookupEventsCommand, {
      LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: 'arn:key' }],
      StartTime: AT,
      EndTime: LATER,
    });
  });

  test('keyEvents stops at MAX_KEY_EVENTS and says more remained', async () => {
    const aws = mockedAws();
    const page = Array.from({ length: 50 }, () => ({ EventName: 'Decrypt' }));
    mocks.cloudtrail.on(LookupEventsCommand).resolves({ Events: page, NextToken: 'more' });
    const { events, truncated } = await aws.keyEvents('arn:key', AT, LATER);
    expect(events).toHaveLength(MAX_KEY_EVENTS);
    expect(truncated).toBe(true);
  });
});

describe('client factory', () => {
  test('builds a client when it is first used, then keeps it', () => {
    const clients = sdkClients({ region: 'eu-west-1' });
    const backup = clients.backup;
    expect(backup).toBeInstanceOf(BackupClient);
    expect(clients.backup).toBe(backup);
    expect(Object.keys(clients)).toContain('sns');
  });
});
