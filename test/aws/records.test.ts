// Evidence bucket and restored-data tracking calls: the request each sends (every page), the value
// it returns, and which AWS errors are answers rather than failures.
import { ListRecoveryPointsByResourceCommand, ListRestoreJobsCommand } from '@aws-sdk/client-backup';
import {
  DeleteTableCommand,
  DescribeContinuousBackupsCommand,
  DescribeExportCommand,
  DescribeTableCommand,
  ListBackupsCommand,
  ListExportsCommand,
  ListTablesCommand,
} from '@aws-sdk/client-dynamodb';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { ACCOUNT, mockedAws, mocks, serviceError } from './support';

const TABLE_ARN = `arn:aws:dynamodb:us-west-2:${ACCOUNT}:table/t`;
const AT = new Date('2030-03-01T09:00:00Z');

describe('evidence bucket', () => {
  test('putNewObject writes JSON only where no object is (If-None-Match); putEvidence writes as given', async () => {
    const aws = mockedAws();
    mocks.s3.on(PutObjectCommand).resolves({ VersionId: 'v1' });
    await expect(aws.putNewObject('b', 'k.json', '{}')).resolves.toBe('v1');
    expect(mocks.s3).toHaveReceivedCommandWith(PutObjectCommand, {
      Bucket: 'b',
      Key: 'k.json',
      Body: '{}',
      ContentType: 'application/json',
      IfNoneMatch: '*',
    });
    await expect(aws.putEvidence('b', 'r.md', '# r', 'text/markdown')).resolves.toBe('v1');
    const plain = mocks.s3.commandCalls(PutObjectCommand)[1].args[0].input;
    expect(plain).toEqual({ Bucket: 'b', Key: 'r.md', Body: '# r', ContentType: 'text/markdown' });
    mocks.s3.on(PutObjectCommand).resolves({});
    await expect(aws.putEvidence('b', 'r.md', '# r', 'text/markdown')).resolves.toBe('');
    mocks.s3.on(PutObjectCommand).rejects(serviceError('PreconditionFailed'));
    await expect(aws.putNewObject('b', 'k.json', '{}')).rejects.toThrow('PreconditionFailed');
  });

  test('listKeys reads every page and returns the keys in order', async () => {
    const aws = mockedAws();
    mocks.s3
      .on(ListObjectsV2Command, { ContinuationToken: undefined })
      .resolves({ Contents: [{ Key: 'p/2' }, {}], IsTruncated: true, NextContinuationToken: 't' })
      .on(ListObjectsV2Command, { ContinuationToken: 't' })
      .resolves({ Contents: [{ Key: 'p/1' }], IsTruncated: false });
    await expect(aws.listKeys('b', 'p/')).resolves.toEqual(['p/1', 'p/2']);
    expect(mocks.s3).toHaveReceivedCommandWith(ListObjectsV2Command, { Bucket: 'b', Prefix: 'p/' });
  });

  test('getObjectText and objectRetention', async () => {
    const aws = mockedAws();
    mocks.s3.on(GetObjectCommand, { Bucket: 'b', Key: 'k' }).resolves({
      Body: { transformToString: async () => 'text' } as never,
    });
    mocks.s3
      .on(HeadObjectCommand, { Bucket: 'b', Key: 'k' })
      .resolves({ ObjectLockMode: 'COMPLIANCE', ObjectLockRetainUntilDate: AT });
    await expect(aws.getObjectText('b', 'k')).resolves.toBe('text');
    await expect(aws.objectRetention('b', 'k')).resolves.toEqual({
      mode: 'COMPLIANCE',
      retainUntil: '2030-03-01T09:00:00.000Z',
    });
    mocks.s3.on(HeadObjectCommand).resolves({});
    await expect(aws.objectRetention('b', 'k')).resolves.toEqual({ mode: undefined, retainUntil: undefined });
    mocks.s3.on(GetObjectCommand).resolves({});
    await expect(aws.getObjectText('b', 'k')).rejects.toThrow('AWS returned no body for s3://b/k');
  });
});

describe('restored data', () => {
  test('listRestoreJobs reads every page after the date', async () => {
    const aws = mockedAws();
    mocks.backup
      .on(ListRestoreJobsCommand, { NextToken: undefined })
      .resolves({
        RestoreJobs: [{ RestoreJobId: 'j1', Status: 'COMPLETED', CreationDate: AT }],
        NextToken: 'n',
      })
      .on(ListRestoreJobsCommand, { NextToken: 'n' })
      .resolves({ RestoreJobs: [{ RestoreJobId: 'j2', CreatedResourceArn: TABLE_ARN }] });
    const jobs = await aws.listRestoreJobs(AT);
    expect(jobs.map((j) => [j.restoreJobId, j.status, j.createdAt, j.createdResourceArn])).toEqual([
      ['j1', 'COMPLETED', '2030-03-01T09:00:00.000Z', undefined],
      ['j2', 'UNKNOWN', undefined, TABLE_ARN],
    ]);
    expect(mocks.backup).toHaveReceivedCommandWith(ListRestoreJobsCommand, { ByCreatedAfter: AT });
    mocks.backup.on(ListRestoreJobsCommand).resolves({ RestoreJobs: [{}] });
    await expect(aws.listRestoreJobs(AT)).rejects.toThrow('AWS returned no restore job ID');
  });

  test('describeTable: the table and where it was restored from; none on ResourceNotFoundException', async () => {
    const aws = mockedAws();
    mocks.dynamodb.on(DescribeTableCommand, { TableName: 't' }).resolves({
      Table: {
        TableName: 't',
        TableArn: TABLE_ARN,
        TableId: 'id-t',
        TableStatus: 'ACTIVE',
        CreationDateTime: AT,
        SSEDescription: { KMSMasterKeyArn: 'arn:key' },
        RestoreSummary: { SourceBackupArn: 'arn:rp', RestoreDateTime: AT, RestoreInProgress: false },
        Replicas: [{ RegionName: 'us-east-1' }, {}],
      },
    });
    await expect(aws.describeTable('t')).resolves.toEqual({
      name: 't',
      arn: TABLE_ARN,
      tableId: 'id-t',
      status: 'ACTIVE',
      createdAt: '2030-03-01T09:00:00.000Z',
      kmsKeyArn: 'arn:key',
      restoreSummary: {
        sourceBackupArn: 'arn:rp',
        sourceTableArn: undefined,
        restoredAt: '2030-03-01T09:00:00.000Z',
        inProgress: false,
      },
      replicaRegions: ['us-east-1'],
    });
    mocks.dynamodb.on(DescribeTableCommand).rejects(serviceError('ResourceNotFoundException'));
    await expect(aws.describeTable('t')).resolves.toBeUndefined();
    mocks.dynamodb.on(DescribeTableCommand).rejects(serviceError('AccessDeniedException'));
    await expect(aws.describeTable('t')).rejects.toThrow('AccessDeniedException');
  });

  test('listTableNames and listBackups read every page', async () => {
    const aws = mockedAws();
    mocks.dynamodb
      .on(ListTablesCommand, { ExclusiveStartTableName: undefined })
      .resolves({ TableNames: ['a'], LastEvaluatedTableName: 'a' })
      .on(ListTablesCommand, { ExclusiveStartTableName: 'a' })
      .resolves({ TableNames: ['b'] });
    await expect(aws.listTableNames()).resolves.toEqual(['a', 'b']);
    mocks.dynamodb
      .on(ListBackupsCommand, { ExclusiveStartBackupArn: undefined })
      .resolves({
        BackupSummaries: [{ BackupArn: 'arn:b1', TableName: 't' }, {}],
        LastEvaluatedBackupArn: 'arn:b1',
      })
      .on(ListBackupsCommand, { ExclusiveStartBackupArn: 'arn:b1' })
      .resolves({
        BackupSummaries: [{ BackupArn: 'arn:b2', BackupStatus: 'AVAILABLE', BackupType: 'USER' }],
      });
    const backups = await aws.listBackups('t');
    expect(backups.map((b) => [b.backupArn, b.status, b.type])).toEqual([
      ['arn:b1', 'UNKNOWN', 'UNKNOWN'],
      ['arn:b2', 'AVAILABLE', 'USER'],
    ]);
    expect(mocks.dynamodb).toHaveReceivedCommandWith(ListBackupsCommand, {
      TableName: 't',
      BackupType: 'ALL',
    });
  });

  test('pointInTimeRecovery: the window; none on TableNotFoundException', async () => {
    const aws = mockedAws();
    mocks.dynamodb.on(DescribeContinuousBackupsCommand, { TableName: 't' }).resolves({
      ContinuousBackupsDescription: {
        ContinuousBackupsStatus: 'ENABLED',
        PointInTimeRecoveryDescription: {
          PointInTimeRecoveryStatus: 'ENABLED',
          EarliestRestorableDateTime: AT,
          LatestRestorableDateTime: AT,
        },
      },
    });
    await expect(aws.pointInTimeRecovery('t')).resolves.toEqual({
      enabled: true,
      earliest: '2030-03-01T09:00:00.000Z',
      latest: '2030-03-01T09:00:00.000Z',
    });
    mocks.dynamodb.on(DescribeContinuousBackupsCommand).rejects(serviceError('TableNotFoundException'));
    await expect(aws.pointInTimeRecovery('t')).resolves.toBeUndefined();
  });

  test('listExports lists every page, then describes each export', async () => {
    const aws = mockedAws();
    mocks.dynamodb
      .on(ListExportsCommand, { NextToken: undefined })
      .resolves({ ExportSummaries: [{ ExportArn: 'arn:e1' }], NextToken: 'n' })
      .on(ListExportsCommand, { NextToken: 'n' })
      .resolves({ ExportSummaries: [{}] });
    mocks.dynamodb.on(DescribeExportCommand, { ExportArn: 'arn:e1' }).resolves({
      ExportDescription: { TableId: 'id-t', ExportStatus: 'COMPLETED', StartTime: AT, S3Bucket: 'x' },
    });
    await expect(aws.listExports(TABLE_ARN)).resolves.toEqual([
      {
        exportArn: 'arn:e1',
        tableId: 'id-t',
        status: 'COMPLETED',
        startedAt: '2030-03-01T09:00:00.000Z',
        s3Bucket: 'x',
      },
    ]);
    expect(mocks.dynamodb).toHaveReceivedCommandWith(ListExportsCommand, { TableArn: TABLE_ARN });
  });

  test('listRecoveryPointsByResource reads every page', async () => {
    const aws = mockedAws();
    mocks.backup
      .on(ListRecoveryPointsByResourceCommand, { NextToken: undefined })
      .resolves({ RecoveryPoints: [{ RecoveryPointArn: 'arn:rp1', BackupVaultName: 'v' }], NextToken: 'n' })
      .on(ListRecoveryPointsByResourceCommand, { NextToken: 'n' })
      .resolves({ RecoveryPoints: [{ RecoveryPointArn: 'arn:rp2', Status: 'COMPLETED', CreationDate: AT }] });
    await expect(aws.listRecoveryPointsByResource(TABLE_ARN)).resolves.toEqual([
      { recoveryPointArn: 'arn:rp1', vaultName: 'v', createdAt: undefined, status: 'UNKNOWN' },
      {
        recoveryPointArn: 'arn:rp2',
        vaultName: undefined,
        createdAt: '2030-03-01T09:00:00.000Z',
        status: 'COMPLETED',
      },
    ]);
    expect(mocks.backup).toHaveReceivedCommandWith(ListRecoveryPointsByResourceCommand, {
      ResourceArn: TABLE_ARN,
    });
  });

  test('deleteTable deletes by ARN, and a table that is gone is an error (break-glass records it)', async () => {
    const aws = mockedAws();
    mocks.dynamodb.on(DeleteTableCommand).resolves({});
    await aws.deleteTable(TABLE_ARN);
    expect(mocks.dynamodb).toHaveReceivedCommandWith(DeleteTableCommand, { TableName: TABLE_ARN });
    mocks.dynamodb.on(DeleteTableCommand).rejects(serviceError('ResourceNotFoundException'));
    await expect(aws.deleteTable(TABLE_ARN)).rejects.toThrow('ResourceNotFoundException');
  });
});
