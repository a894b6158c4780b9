/**
 * A mocked backup account for the health check: real SDK clients whose `send` is mocked
 * (aws-sdk-client-mock), answering from a `World` that each test starts healthy and then breaks.
 */
import {
  BackupClient,
  DescribeBackupVaultCommand,
  type DescribeBackupVaultOutput,
  GetBackupVaultAccessPolicyCommand,
  GetRestoreTestingPlanCommand,
  ListRecoveryPointsByBackupVaultCommand,
  ListRecoveryPointsByResourceCommand,
  ListRestoreJobsCommand,
  ListRestoreTestingPlansCommand,
  ListRestoreTestingSelectionsCommand,
  type RecoveryPointByBackupVault,
  ResourceNotFoundException,
  type RestoreJobsListMember,
  type RestoreTestingPlanForList,
  type RestoreTestingRecoveryPointSelection,
  type RestoreTestingSelectionForList,
} from '@aws-sdk/client-backup';
import {
  type BackupSummary,
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListBackupsCommand,
  ListExportsCommand,
  ListTablesCommand,
  ResourceNotFoundException as TableNotFound,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  CloudTrailClient,
  DescribeTrailsCommand,
  type Event,
  GetEventSelectorsCommand,
  type GetEventSelectorsResponse,
  GetTrailStatusCommand,
  LookupEventsCommand,
  type Trail,
} from '@aws-sdk/client-cloudtrail';
import {
  type AliasListEntry,
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  type KeyMetadata,
  KMSClient,
  ListAliasesCommand,
} from '@aws-sdk/client-kms';
import { ListSubscriptionsByTopicCommand, SNSClient, type Subscription } from '@aws-sdk/client-sns';
import {
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { policyDocument } from '../../lib/policies/documents';
import { evidenceBucketPolicyStatements } from '../../lib/policies/evidence-statements';
import { mockClient } from 'aws-sdk-client-mock';
import { policyText } from '../../lib/policies/policy-json';
import type { BackupAccountConfig } from '../../lib/config';
import type { DoctorClients, DoctorContext } from '../../lib/doctor';
import { expectedDestinations } from '../../lib/doctor/expected';
import { type DestinationKind, outputName } from '../../lib/policies/destinations';
import { keyPolicy, vaultPolicy } from '../../lib/policies/documents';
import { configWith } from '../support/config';

export const config: BackupAccountConfig = configWith({ alert_emails: ['backup-alerts@example.com'] });
export const ACCOUNT = config.backupAccountId;
export const SOURCE_ACCOUNT = config.sourceAccountIds[0];
export const REGION = config.backupRegion;
export const NOW = new Date('2030-03-01T10:00:00.000Z');
export const [GENERAL, SSN] = expectedDestinations(config, REGION);

export const KEY_ID: Record<DestinationKind, string> = {
  general: '11111111-2222-4333-8444-555555555555',
  ssn: '66666666-7777-4888-8999-aaaaaaaaaaaa',
};
export const KEY_ARN: Record<DestinationKind, string> = {
  general: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${KEY_ID.general}`,
  ssn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${KEY_ID.ssn}`,
};
export const STACK_ID = `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/BackupAccountStack/0000aaaa-1111-4222-8333-444455556666`;
export const TOPIC_ARN = `arn:aws:sns:${REGION}:${ACCOUNT}:compactconnect-backup-alerts`;
export const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/management-events`;
export const PLAN_NAME = 'general_restore_test';
export const PLAN_ARN = `arn:aws:backup:${REGION}:${ACCOUNT}:restore-testing-plan:${PLAN_NAME}-abc123`;
export const SLR_ARN = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/backup.amazonaws.com/AWSServiceRoleForBackup`;

export const HOUR = 3_600_000;
export const hoursAgo = (h: number) => new Date(NOW.getTime() - h * HOUR);

export const cfnMock = mockClient(CloudFormationClient);
export const backupMock = mockClient(BackupClient);
export const kmsMock = mockClient(KMSClient);
export const snsMock = mockClient(SNSClient);
export const cloudtrailMock = mockClient(CloudTrailClient);
export const stsMock = mockClient(STSClient);
export const dynamodbMock = mockClient(DynamoDBClient);
export const s3Mock = mockClient(S3Client);

export function serviceError(name: string, message = `${name} from the mock`): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: {} });
}

/** What the mocked account holds. Every test starts from `healthyWorld()` and changes what it tests. */
export interface World {
  callerAccount: string;
  stack?: { status: string; outputs: Record<string, string> };
  vaults: Record<string, DescribeBackupVaultOutput>;
  recoveryPoints: Record<string, RecoveryPointByBackupVault[]>;
  keys: Record<string, { meta: KeyMetadata; rotation: boolean }>;
  aliases: AliasListEntry[];
  vaultPolicies: Record<string, string | undefined>;
  keyPolicies: Record<string, string>;
  subscriptions: Subscription[];
  trails: Trail[];
  logging: Record<string, boolean>;
  selectors: Record<string, GetEventSelectorsResponse>;
  events: Record<string, Event[]>;
  plans: RestoreTestingPlanForList[];
  /** Each plan's recovery point selection (GetRestoreTestingPlan), by plan name. */
  planSelections: Record<string, RestoreTestingRecoveryPointSelection>;
  /** Each plan's selections (ListRestoreTestingSelections), by plan name. */
  selections: Record<string, RestoreTestingSelectionForList[]>;
  restoreJobs: RestoreJobsListMember[];
  /** DynamoDB tables of the backup account, and their backups. */
  tables: TableDescription[];
  backups: BackupSummary[];
  /** The evidence bucket: its settings, its policy, and its objects (key to text). */
  evidence: {
    lockMode: string | undefined;
    retentionDays: number;
    versioning: string | undefined;
    publicAccessBlock: Record<string, boolean>;
    policy: string | undefined;
    objects: Map<string, string>;
  };
}

/** A CloudTrail event as LookupEvents returns it, with the JSON record the check parses. */
export function trailEvent(record: {
  eventName: string;
  userIdentity: Record<string, unknown>;
  errorCode?: string;
}): Event {
  return {
    EventName: record.eventName,
    EventSource: 'kms.amazonaws.com',
    CloudTrailEvent: JSON.stringify(record),
  };
}

/** The AWS Backup service-linked role of this account, calling through AWS Backup. */
export const SLR_IDENTITY = {
  type: 'AssumedRole',
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/AWSServiceRoleForBackup/AWSBackup-AWSServiceRoleForBackup`,
  accountId: ACCOUNT,
  invokedBy: 'backup.amazonaws.com',
  sessionContext: { sessionIssuer: { type: 'Role', arn: SLR_ARN, accountId: ACCOUNT } },
};

export function healthyWorld(): World {
  const outputs: Record<string, string> = {};
  const vaults: World['vaults'] = {};
  const keys: World['keys'] = {};
  const vaultPolicies: World['vaultPolicies'] = {};
  const keyPolicies: World['keyPolicies'] = {};
  const recoveryPoints: World['recoveryPoints'] = {};
  const events: World['events'] = {};
  for (const d of [GENERAL, SSN]) {
    outputs[outputName(d.destination, 'BackupVaultName')] = d.vaultName;
    outputs[outputName(d.destination, 'BackupVaultArn')] = d.vaultArn;
    outputs[outputName(d.destination, 'BackupEncryptionKeyId')] = KEY_ID[d.kind];
    outputs[outputName(d.destination, 'BackupEncryptionKeyArn')] = KEY_ARN[d.kind];
    vaults[d.vaultName] = {
      BackupVaultName: d.vaultName,
      BackupVaultArn: d.vaultArn,
      EncryptionKeyArn: KEY_ARN[d.kind],
      CreationDate: new Date('2029-12-01T00:00:00Z'),
      NumberOfRecoveryPoints: 42,
      Locked: true,
      MinRetentionDays: 90,
      LockDate: new Date('2030-05-30T00:00:00Z'),
    };
    recoveryPoints[d.vaultName] = [
      { RecoveryPointArn: `${d.vaultArn}:rp-new`, Status: 'COMPLETED', CreationDate: hoursAgo(3) },
      { RecoveryPointArn: `${d.vaultArn}:rp-old`, Status: 'COMPLETED', CreationDate: hoursAgo(27) },
    ];
    keys[KEY_ARN[d.kind]] = {
      meta: {
        KeyId: KEY_ID[d.kind],
        Arn: KEY_ARN[d.kind],
        Enabled: true,
        KeyState: 'Enabled',
        KeyManager: 'CUSTOMER',
      },
      rotation: true,
    };
    vaultPolicies[d.vaultName] = policyText(vaultPolicy(d.kind, config));
    keyPolicies[KEY_ARN[d.kind]] = policyText(keyPolicy(d.kind, config));
    events[KEY_ARN[d.kind]] = [
      trailEvent({ eventName: 'GenerateDataKey', userIdentity: SLR_IDENTITY }),
      trailEvent({ eventName: 'CreateGrant', userIdentity: SLR_IDENTITY }),
    ];
  }
  return {
    callerAccount: ACCOUNT,
    stack: { status: 'UPDATE_COMPLETE', outputs },
    vaults,
    recoveryPoints,
    keys,
    aliases: [
      { AliasName: 'alias/aws/backup', TargetKeyId: '99999999-0000-4000-8000-000000000000' },
      { AliasName: GENERAL.aliasName, TargetKeyId: KEY_ID.general },
      { AliasName: SSN.aliasName, TargetKeyId: KEY_ID.ssn },
    ],
    vaultPolicies,
    keyPolicies,
    subscriptions: [
      {
        Protocol: 'email',
        Endpoint: 'backup-alerts@example.com',
        SubscriptionArn: `${TOPIC_ARN}:0000-sub`,
        TopicArn: TOPIC_ARN,
      },
    ],
    trails: [
      {
        Name: 'management-events',
        TrailARN: TRAIL_ARN,
        HomeRegion: 'us-east-1',
        IsMultiRegionTrail: true,
        IsOrganizationTrail: false,
      },
    ],
    logging: { [TRAIL_ARN]: true },
    selectors: {
      [TRAIL_ARN]: {
        TrailARN: TRAIL_ARN,
        EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }],
      },
    },
    events,
    plans: [],
    planSelections: {},
    selections: {},
    restoreJobs: [],
    tables: [],
    backups: [],
    evidence: {
      lockMode: 'COMPLIANCE',
      retentionDays: config.evidence.retentionDays,
      versioning: 'Enabled',
      publicAccessBlock: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
      policy: JSON.stringify(policyDocument(evidenceBucketPolicyStatements(config))),
      objects: new Map(),
    },
  };
}

function notFound(what: string): Error {
  return new ResourceNotFoundException({ message: `${what} not found`, $metadata: {} });
}

/** Points every mocked client at the world; later `.on(…)` calls in a test override one answer. */
export function install(world: World): World {
  for (const mock of [cfnMock, backupMock, kmsMock, snsMock, cloudtrailMock, stsMock, dynamodbMock, s3Mock])
    mock.reset();
  stsMock.on(GetCallerIdentityCommand).callsFake(async () => ({
    Account: world.callerAccount,
    Arn: `arn:aws:sts::${world.callerAccount}:assumed-role/Administrator/jane`,
    UserId: 'AROAEXAMPLE:jane',
  }));
  cfnMock.on(DescribeStacksCommand).callsFake(async () => {
    if (!world.stack)
      throw serviceError('ValidationError', 'Stack with id BackupAccountStack does not exist');
    return {
      Stacks: [
        {
          StackName: 'BackupAccountStack',
          StackId: STACK_ID,
          StackStatus: world.stack.status,
          CreationTime: new Date('2029-12-01T00:00:00Z'),
          Outputs: Object.entries(world.stack.outputs).map(([OutputKey, OutputValue]) => ({
            OutputKey,
            OutputValue,
          })),
        },
      ],
    };
  });
  backupMock
    .on(DescribeBackupVaultCommand)
    .callsFake(async ({ BackupVaultName }: { BackupVaultName: string }) => {
      const vault = world.vaults[BackupVaultName];
      if (!vault) throw notFound(`vault ${BackupVaultName}`);
      return vault;
    });
  backupMock
    .on(ListRecoveryPointsByBackupVaultCommand)
    .callsFake(
      async ({ BackupVaultName, ByCreatedAfter }: { BackupVaultName: string; ByCreatedAfter?: Date }) => ({
        RecoveryPoints: (world.recoveryPoints[BackupVaultName] ?? []).filter(
          (p) => !ByCreatedAfter || (p.CreationDate && p.CreationDate >= ByCreatedAfter),
        ),
      }),
    );
  backupMock
    .on(GetBackupVaultAccessPolicyCommand)
    .callsFake(async ({ BackupVaultName }: { BackupVaultName: string }) => {
      const policy = world.vaultPolicies[BackupVaultName];
      if (policy === undefined) throw notFound(`policy of ${BackupVaultName}`);
      return { BackupVaultName, Policy: policy };
    });
  backupMock.on(ListRestoreTestingPlansCommand).callsFake(async () => ({ RestoreTestingPlans: world.plans }));
  backupMock
    .on(ListRestoreJobsCommand)
    .callsFake(async ({ ByRestoreTestingPlanArn }: { ByRestoreTestingPlanArn?: string }) => ({
      RestoreJobs: world.restoreJobs.filter(
        (j) => j.CreatedBy?.RestoreTestingPlanArn === ByRestoreTestingPlanArn,
      ),
    }));
  backupMock
    .on(GetRestoreTestingPlanCommand)
    .callsFake(async ({ RestoreTestingPlanName }: { RestoreTestingPlanName: string }) => ({
      RestoreTestingPlan: {
        RestoreTestingPlanName,
        RecoveryPointSelection: world.planSelections[RestoreTestingPlanName],
      },
    }));
  backupMock
    .on(ListRestoreTestingSelectionsCommand)
    .callsFake(async ({ RestoreTestingPlanName }: { RestoreTestingPlanName: string }) => ({
      RestoreTestingSelections: world.selections[RestoreTestingPlanName] ?? [],
    }));
  backupMock.on(ListRecoveryPointsByResourceCommand).resolves({ RecoveryPoints: [] });
  dynamodbMock.on(DescribeTableCommand).callsFake(async ({ TableName }: { TableName: string }) => {
    const table = world.tables.find((t) => t.TableName === TableName || t.TableArn === TableName);
    if (!table) throw new TableNotFound({ message: 'Requested resource not found', $metadata: {} });
    return { Table: table };
  });
  dynamodbMock
    .on(ListTablesCommand)
    .callsFake(async () => ({ TableNames: world.tables.map((t) => t.TableName!) }));
  dynamodbMock.on(ListBackupsCommand).callsFake(async ({ TableName }: { TableName?: string }) => ({
    BackupSummaries: world.backups.filter((b) => b.TableName === TableName),
  }));
  dynamodbMock.on(ListExportsCommand).resolves({ ExportSummaries: [] });
  dynamodbMock.on(DescribeContinuousBackupsCommand).resolves({
    ContinuousBackupsDescription: {
      ContinuousBackupsStatus: 'ENABLED',
      PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'DISABLED' },
    },
  });
  const keyOf = (id: string) => {
    const key = world.keys[id] ?? Object.values(world.keys).find((k) => k.meta.KeyId === id);
    if (!key) throw serviceError('NotFoundException', `Key '${id}' does not exist`);
    return key;
  };
  kmsMock
    .on(DescribeKeyCommand)
    .callsFake(async ({ KeyId }: { KeyId: string }) => ({ KeyMetadata: keyOf(KeyId).meta }));
  kmsMock.on(GetKeyRotationStatusCommand).callsFake(async ({ KeyId }: { KeyId: string }) => {
    const key = keyOf(KeyId);
    return {
      KeyId: key.meta.KeyId,
      KeyRotationEnabled: key.rotation,
      RotationPeriodInDays: key.rotation ? 365 : undefined,
    };
  });
  kmsMock.on(ListAliasesCommand).callsFake(async () => ({ Aliases: world.aliases, Truncated: false }));
  kmsMock.on(GetKeyPolicyCommand).callsFake(async ({ KeyId }: { KeyId: string }) => ({
    PolicyName: 'default',
    Policy: world.keyPolicies[keyOf(KeyId).meta.Arn ?? ''],
  }));
  snsMock.on(ListSubscriptionsByTopicCommand).callsFake(async ({ TopicArn }: { TopicArn: string }) => {
    if (TopicArn !== TOPIC_ARN) throw serviceError('NotFoundException', 'Topic does not exist');
    return { Subscriptions: world.subscriptions };
  });
  cloudtrailMock.on(DescribeTrailsCommand).callsFake(async () => ({ trailList: world.trails }));
  cloudtrailMock
    .on(GetTrailStatusCommand)
    .callsFake(async ({ Name }: { Name: string }) => ({ IsLogging: world.logging[Name] }));
  cloudtrailMock
    .on(GetEventSelectorsCommand)
    .callsFake(async ({ TrailName }: { TrailName: string }) => world.selectors[TrailName]);
  cloudtrailMock
    .on(LookupEventsCommand)
    .callsFake(async ({ LookupAttributes }: { LookupAttributes: { AttributeValue: string }[] }) => ({
      Events: world.events[LookupAttributes[0].AttributeValue] ?? [],
    }));
  const e = world.evidence;
  s3Mock.on(GetObjectLockConfigurationCommand).callsFake(async () => ({
    ObjectLockConfiguration: e.lockMode
      ? {
          ObjectLockEnabled: 'Enabled',
          Rule: { DefaultRetention: { Mode: e.lockMode, Days: e.retentionDays } },
        }
      : undefined,
  }));
  s3Mock.on(GetBucketVersioningCommand).callsFake(async () => ({ Status: e.versioning }));
  s3Mock
    .on(GetPublicAccessBlockCommand)
    .callsFake(async () => ({ PublicAccessBlockConfiguration: e.publicAccessBlock }));
  s3Mock.on(GetBucketPolicyCommand).callsFake(async () => {
    if (e.policy === undefined) throw serviceError('NoSuchBucketPolicy');
    return { Policy: e.policy };
  });
  s3Mock.on(ListObjectsV2Command).callsFake(async ({ Prefix }: { Prefix?: string }) => ({
    Contents: [...e.objects.keys()].filter((k) => k.startsWith(Prefix ?? '')).map((Key) => ({ Key })),
    IsTruncated: false,
  }));
  s3Mock.on(GetObjectCommand).callsFake(async ({ Key }: { Key: string }) => {
    const text = e.objects.get(Key);
    if (text === undefined) throw serviceError('NoSuchKey');
    return { Body: { transformToString: async () => text } };
  });
  return world;
}

export function clients(): DoctorClients {
  return {
    cloudformation: new CloudFormationClient({ region: REGION }),
    s3: new S3Client({ region: REGION }),
    backup: new BackupClient({ region: REGION }),
    kms: new KMSClient({ region: REGION }),
    sns: new SNSClient({ region: REGION }),
    cloudtrail: new CloudTrailClient({ region: REGION }),
    sts: new STSClient({ region: REGION }),
    dynamodb: new DynamoDBClient({ region: REGION }),
  };
}

export function context(overrides: Partial<DoctorContext> = {}): DoctorContext {
  return { config, region: REGION, now: NOW, kmsEventDays: 7, ...overrides };
}
