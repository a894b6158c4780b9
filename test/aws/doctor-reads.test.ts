// The health check's reads (vault lock, key state, stack, alert topic, trails, bucket settings,
// restore testing): the request each sends (every page), the value it returns, and which AWS
// errors are answers rather than failures.
import {
  DescribeBackupVaultCommand,
  GetRestoreTestingPlanCommand,
  ListRecoveryPointsByBackupVaultCommand,
  ListRestoreJobsCommand,
  ListRestoreTestingPlansCommand,
  ListRestoreTestingSelectionsCommand,
} from '@aws-sdk/client-backup';
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
} from '@aws-sdk/client-cloudtrail';
import { DescribeKeyCommand, GetKeyRotationStatusCommand, ListAliasesCommand } from '@aws-sdk/client-kms';
import {
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
} from '@aws-sdk/client-s3';
import { ListSubscriptionsByTopicCommand } from '@aws-sdk/client-sns';
import { mockedAws, mocks, serviceError } from './support';

const AT = new Date('2030-03-01T09:00:00Z');
const LATER = new Date('2030-05-30T00:00:00Z');

describe('vault', () => {
  test('vaultState: the lock and contents; none on ResourceNotFoundException', async () => {
    const aws = mockedAws();
    mocks.backup.on(DescribeBackupVaultCommand, { BackupVaultName: 'v' }).resolves({
      BackupVaultArn: 'arn:vault',
      EncryptionKeyArn: 'arn:key',
      CreationDate: AT,
      Locked: true,
      LockDate: LATER,
      MinRetentionDays: 90,
      NumberOfRecoveryPoints: 42,
    });
    await expect(aws.vaultState('v')).resolves.toEqual({
      arn: 'arn:vault',
      encryptionKeyArn: 'arn:key',
      createdAt: AT,
      locked: true,
      lockDate: LATER,
      minRetentionDays: 90,
      maxRetentionDays: undefined,
      recoveryPoints: 42,
    });
    mocks.backup.on(DescribeBackupVaultCommand).rejects(serviceError('ResourceNotFoundException'));
    await expect(aws.vaultState('v')).resolves.toBeUndefined();
    mocks.backup.on(DescribeBackupVaultCommand).rejects(serviceError('AccessDeniedException'));
    await expect(aws.vaultState('v')).rejects.toThrow('AccessDeniedException');
  });

  test('vaultRecoveryPoints: every page, created after the date (or ever)', async () => {
    const aws = mockedAws();
    mocks.backup
      .on(ListRecoveryPointsByBackupVaultCommand, { NextToken: undefined })
      .resolves({ RecoveryPoints: [{ Status: 'COMPLETED', CreationDate: AT }], NextToken: 'n' })
      .on(ListRecoveryPointsByBackupVaultCommand, { NextToken: 'n' })
      .resolves({ RecoveryPoints: [{}] });
    await expect(aws.vaultRecoveryPoints('v', AT)).resolves.toEqual([
      { status: 'COMPLETED', createdAt: AT },
      { status: 'UNKNOWN', createdAt: undefined },
    ]);
    expect(mocks.backup).toHaveReceivedCommandWith(ListRecoveryPointsByBackupVaultCommand, {
      BackupVaultName: 'v',
      ByCreatedAfter: AT,
    });
    await aws.vaultRecoveryPoints('v', undefined);
    const last = mocks.backup.commandCalls(ListRecoveryPointsByBackupVaultCommand).at(-2)?.args[0].input;
    expect(last).toEqual({ BackupVaultName: 'v', ByCreatedAfter: undefined, NextToken: undefined });
  });
});

describe('key', () => {
  test('keyState and keyRotation', async () => {
    const aws = mockedAws();
    mocks.kms.on(DescribeKeyCommand, { KeyId: 'arn:key' }).resolves({
      KeyMetadata: { KeyId: 'k-1', KeyState: 'PendingDeletion', Enabled: false, DeletionDate: LATER },
    });
    mocks.kms
      .on(GetKeyRotationStatusCommand, { KeyId: 'arn:key' })
      .resolves({ KeyRotationEnabled: true, RotationPeriodInDays: 365 });
    await expect(aws.keyState('arn:key')).resolves.toEqual({
      keyId: 'k-1',
      keyState: 'PendingDeletion',
      enabled: false,
      deletionDate: LATER,
    });
    await expect(aws.keyRotation('arn:key')).resolves.toEqual({ enabled: true, periodDays: 365 });
    mocks.kms.on(GetKeyRotationStatusCommand).resolves({});
    await expect(aws.keyRotation('arn:key')).resolves.toEqual({ enabled: false, periodDays: undefined });
  });

  test('aliasTarget: read page by page until the alias is found; none when no page has it', async () => {
    const aws = mockedAws();
    mocks.kms
      .on(ListAliasesCommand, { Marker: undefined })
      .resolves({
        Aliases: [{ AliasName: 'alias/aws/backup', TargetKeyId: 'x' }],
        Truncated: true,
        NextMarker: 'm2',
      })
      .on(ListAliasesCommand, { Marker: 'm2' })
      .resolves({ Aliases: [{ AliasName: 'alias/k', TargetKeyId: 'k-1' }], Truncated: false });
    await expect(aws.aliasTarget('alias/k')).resolves.toBe('k-1');
    expect(mocks.kms).toHaveReceivedCommandWith(ListAliasesCommand, { Marker: 'm2' });
    await expect(aws.aliasTarget('alias/aws/backup')).resolves.toBe('x');
    expect(mocks.kms).toHaveReceivedCommandTimes(ListAliasesCommand, 3);
    await expect(aws.aliasTarget('alias/none')).resolves.toBeUndefined();
  });
});

test('findStack: the stack; none on ValidationError or an empty answer; other errors thrown', async () => {
  const aws = mockedAws();
  mocks.cloudformation.on(DescribeStacksCommand, { StackName: 'S' }).resolves({
    Stacks: [{ StackId: 'arn:stack/S', StackName: 'S', StackStatus: 'CREATE_COMPLETE', CreationTime: AT }],
  });
  await expect(aws.findStack('S')).resolves.toEqual({
    stackId: 'arn:stack/S',
    status: 'CREATE_COMPLETE',
    outputs: {},
    lastUpdated: '2030-03-01T09:00:00.000Z',
  });
  mocks.cloudformation.on(DescribeStacksCommand).resolves({ Stacks: [] });
  await expect(aws.findStack('S')).resolves.toBeUndefined();
  mocks.cloudformation.on(DescribeStacksCommand).rejects(serviceError('ValidationError'));
  await expect(aws.findStack('S')).resolves.toBeUndefined();
  mocks.cloudformation.on(DescribeStacksCommand).rejects(serviceError('AccessDenied'));
  await expect(aws.findStack('S')).rejects.toThrow('AccessDenied');
});

test('topicSubscriptions: every page, pending ones unconfirmed; none on NotFoundException', async () => {
  const aws = mockedAws();
  mocks.sns
    .on(ListSubscriptionsByTopicCommand, { NextToken: undefined })
    .resolves({
      Subscriptions: [
        { Protocol: 'email', Endpoint: 'a@example.com', SubscriptionArn: 'PendingConfirmation' },
      ],
      NextToken: 't2',
    })
    .on(ListSubscriptionsByTopicCommand, { NextToken: 't2' })
    .resolves({
      Subscriptions: [{ Protocol: 'https', Endpoint: 'https://x', SubscriptionArn: 'arn:topic:1' }],
    });
  await expect(aws.topicSubscriptions('arn:topic')).resolves.toEqual([
    { protocol: 'email', endpoint: 'a@example.com', confirmed: false },
    { protocol: 'https', endpoint: 'https://x', confirmed: true },
  ]);
  expect(mocks.sns).toHaveReceivedCommandWith(ListSubscriptionsByTopicCommand, { TopicArn: 'arn:topic' });
  mocks.sns.on(ListSubscriptionsByTopicCommand).rejects(serviceError('NotFoundException'));
  await expect(aws.topicSubscriptions('arn:topic')).resolves.toBeUndefined();
  mocks.sns.on(ListSubscriptionsByTopicCommand).rejects(serviceError('AuthorizationErrorException'));
  await expect(aws.topicSubscriptions('arn:topic')).rejects.toThrow('AuthorizationErrorException');
});

describe('trails', () => {
  test('trails: shadow trails included; a trail without ARN is named by its name', async () => {
    const aws = mockedAws();
    mocks.cloudtrail.on(DescribeTrailsCommand, { includeShadowTrails: true }).resolves({
      trailList: [
        {
          TrailARN: 'arn:trail/a',
          HomeRegion: 'us-east-1',
          IsMultiRegionTrail: true,
          IsOrganizationTrail: true,
        },
        { Name: 'b' },
      ],
    });
    await expect(aws.trails()).resolves.toEqual([
      { arn: 'arn:trail/a', homeRegion: 'us-east-1', multiRegion: true, organization: true },
      { arn: 'b', homeRegion: undefined, multiRegion: false, organization: false },
    ]);
  });

  test('trailLogging and trailSelectors, basic and advanced', async () => {
    const aws = mockedAws();
    mocks.cloudtrail.on(GetTrailStatusCommand, { Name: 'arn:trail/a' }).resolves({ IsLogging: true });
    mocks.cloudtrail.on(GetEventSelectorsCommand, { TrailName: 'arn:trail/a' }).resolves({
      EventSelectors: [
        { ReadWriteType: 'WriteOnly', IncludeManagementEvents: true, ExcludeManagementEventSources: ['x'] },
      ],
      AdvancedEventSelectors: [
        {
          Name: 'n',
          FieldSelectors: [{ Field: 'eventSource', NotEquals: ['kms.amazonaws.com'], StartsWith: ['k'] }],
        },
      ],
    });
    await expect(aws.trailLogging('arn:trail/a')).resolves.toBe(true);
    await expect(aws.trailSelectors('arn:trail/a')).resolves.toEqual({
      basic: [
        { readWriteType: 'WriteOnly', includeManagementEvents: true, excludeManagementEventSources: ['x'] },
      ],
      advanced: [
        {
          fieldSelectors: [
            {
              field: 'eventSource',
              equals: undefined,
              startsWith: ['k'],
              endsWith: undefined,
              notEquals: ['kms.amazonaws.com'],
              notStartsWith: undefined,
              notEndsWith: undefined,
            },
          ],
        },
      ],
    });
    mocks.cloudtrail.on(GetTrailStatusCommand).resolves({});
    await expect(aws.trailLogging('arn:trail/a')).resolves.toBe(false);
  });
});

test('bucketSettings: the four reads, Object Lock only when enabled, years as days, every public block', async () => {
  const aws = mockedAws();
  mocks.s3.on(GetObjectLockConfigurationCommand, { Bucket: 'b' }).resolves({
    ObjectLockConfiguration: {
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Years: 6 } },
    },
  });
  mocks.s3.on(GetBucketVersioningCommand, { Bucket: 'b' }).resolves({ Status: 'Enabled' });
  const blocked = {
    BlockPublicAcls: true,
    IgnorePublicAcls: true,
    BlockPublicPolicy: true,
    RestrictPublicBuckets: true,
  };
  mocks.s3
    .on(GetPublicAccessBlockCommand, { Bucket: 'b' })
    .resolves({ PublicAccessBlockConfiguration: blocked });
  mocks.s3.on(GetBucketPolicyCommand, { Bucket: 'b' }).resolves({ Policy: '{}' });
  await expect(aws.bucketSettings('b')).resolves.toEqual({
    lockMode: 'COMPLIANCE',
    retentionDays: 2190,
    versioning: 'Enabled',
    publicAccessBlocked: true,
    policy: '{}',
  });
  mocks.s3.on(GetObjectLockConfigurationCommand).resolves({
    ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 30 } } },
  });
  mocks.s3
    .on(GetPublicAccessBlockCommand)
    .resolves({ PublicAccessBlockConfiguration: { ...blocked, RestrictPublicBuckets: false } });
  await expect(aws.bucketSettings('b')).resolves.toMatchObject({
    lockMode: undefined,
    retentionDays: 30,
    publicAccessBlocked: false,
  });
  mocks.s3.on(GetBucketPolicyCommand).rejects(serviceError('NoSuchBucketPolicy'));
  await expect(aws.bucketSettings('b')).rejects.toThrow('NoSuchBucketPolicy');
});

describe('restore testing', () => {
  const plan = (n: string) => ({
    RestoreTestingPlanName: n,
    RestoreTestingPlanArn: `arn:plan:${n}`,
    ScheduleExpression: 'cron(0 5 ? * SUN *)',
    CreationTime: AT,
  });

  test('restoreTestingPlans reads every page; findRestoreTestingPlan stops at the page that has it', async () => {
    const aws = mockedAws();
    mocks.backup
      .on(ListRestoreTestingPlansCommand, { NextToken: undefined })
      .resolves({ RestoreTestingPlans: [plan('a')], NextToken: 'p2' })
      .on(ListRestoreTestingPlansCommand, { NextToken: 'p2' })
      .resolves({ RestoreTestingPlans: [plan('b')] });
    await expect(aws.restoreTestingPlans()).resolves.toEqual([
      { name: 'a', arn: 'arn:plan:a', schedule: 'cron(0 5 ? * SUN *)' },
      { name: 'b', arn: 'arn:plan:b', schedule: 'cron(0 5 ? * SUN *)' },
    ]);
    expect(mocks.backup).toHaveReceivedCommandTimes(ListRestoreTestingPlansCommand, 2);
    await expect(aws.findRestoreTestingPlan('a')).resolves.toMatchObject({ arn: 'arn:plan:a' });
    expect(mocks.backup).toHaveReceivedCommandTimes(ListRestoreTestingPlansCommand, 3);
    await expect(aws.findRestoreTestingPlan('b')).resolves.toMatchObject({ arn: 'arn:plan:b' });
    await expect(aws.findRestoreTestingPlan('c')).resolves.toBeUndefined();
  });

  test("a plan's vaults and selections, and the restore jobs it ran", async () => {
    const aws = mockedAws();
    mocks.backup.on(GetRestoreTestingPlanCommand, { RestoreTestingPlanName: 'a' }).resolves({
      RestoreTestingPlan: {
        RestoreTestingPlanName: 'a',
        ScheduleExpression: 'x',
        RecoveryPointSelection: {
          Algorithm: 'LATEST_WITHIN_WINDOW',
          IncludeVaults: ['*'],
          ExcludeVaults: ['arn:v'],
        },
      } as never,
    });
    mocks.backup
      .on(ListRestoreTestingSelectionsCommand, { NextToken: undefined })
      .resolves({
        RestoreTestingSelections: [
          { RestoreTestingSelectionName: 't', ProtectedResourceType: 'DynamoDB' } as never,
        ],
        NextToken: 's2',
      })
      .on(ListRestoreTestingSelectionsCommand, { NextToken: 's2' })
      .resolves({ RestoreTestingSelections: [{} as never] });
    mocks.backup
      .on(ListRestoreJobsCommand, { NextToken: undefined })
      .resolves({
        RestoreJobs: [{ RestoreJobId: 'j1', Status: 'FAILED', CreationDate: AT }],
        NextToken: 'j2',
      })
      .on(ListRestoreJobsCommand, { NextToken: 'j2' })
      .resolves({
        RestoreJobs: [{ RestoreJobId: 'j2', ValidationStatus: 'FAILED', ValidationStatusMessage: 'empty' }],
      });
    await expect(aws.restoreTestingVaults('a')).resolves.toEqual({
      includeVaults: ['*'],
      excludeVaults: ['arn:v'],
    });
    await expect(aws.restoreTestingSelections('a')).resolves.toEqual([
      { name: 't', resourceType: 'DynamoDB' },
      { name: undefined, resourceType: undefined },
    ]);
    const jobs = await aws.restoreTestJobs('arn:plan:a');
    expect(jobs.map((j) => [j.restoreJobId, j.status, j.validationStatus, j.validationMessage])).toEqual([
      ['j1', 'FAILED', undefined, undefined],
      ['j2', undefined, 'FAILED', 'empty'],
    ]);
    expect(mocks.backup).toHaveReceivedCommandWith(ListRestoreJobsCommand, {
      ByRestoreTestingPlanArn: 'arn:plan:a',
    });
  });
});
