/**
 * Mocked AWS for the break-glass tests: the SDK clients are real, their `send` is mocked
 * (aws-sdk-client-mock). The vault and key policies live in a small store, so that a write is seen
 * by the next read, as on AWS; failures are queued per operation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BackupClient,
  DescribeBackupVaultCommand,
  GetBackupVaultAccessPolicyCommand,
  ListRecoveryPointsByResourceCommand,
  ListRestoreJobsCommand,
  PutBackupVaultAccessPolicyCommand,
  type RecoveryPointByResource,
  ResourceNotFoundException,
  type RestoreJobsListMember,
} from '@aws-sdk/client-backup';
import {
  CloudFormationClient,
  DescribeStacksCommand,
  GetTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  type BackupSummary,
  DeleteTableCommand,
  DescribeContinuousBackupsCommand,
  DescribeExportCommand,
  DescribeTableCommand,
  DynamoDBClient,
  type ExportDescription,
  ListBackupsCommand,
  ListExportsCommand,
  ListTablesCommand,
  ResourceNotFoundException as TableNotFound,
  type TableDescription,
  TableNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { SNSClient } from '@aws-sdk/client-sns';
import { DescribeKeyCommand, GetKeyPolicyCommand, KMSClient, PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { awsFromClients } from '../../lib/aws';
import type { ToolClients } from '../../bin/break-glass';
import { baselinePolicies } from '../../lib/seal/baseline';
import type { Opening } from '../../lib/seal/opening';
import { openPolicies } from '../../lib/seal/opening';
import { policyText } from '../../lib/policies/policy-json';
import type { Runtime } from '../../lib/break-glass/runtime';
import { isoSeconds } from '../../lib/break-glass/state';
import {
  entryHash,
  entryText,
  TRAIL_PREFIX,
  type TrailEntry,
  type TrailEvent,
  trailKey,
} from '../../lib/break-glass/trail';
import type { BackupAccountConfig } from '../../lib/config';
import { configWith } from '../support/config';
import { tempFolder } from '../support/temp';

export const config: BackupAccountConfig = configWith();
export const ACCOUNT = config.backupAccountId;
export const KEY_ID = '66666666-7777-4888-8999-aaaaaaaaaaaa';
export const KEY_ARN = `arn:aws:kms:us-west-2:${ACCOUNT}:key/${KEY_ID}`;
export const VAULT = config.ssnBackupVaultName;
export const VAULT_ARN = `arn:aws:backup:us-west-2:${ACCOUNT}:backup-vault:${VAULT}`;
export const GENERAL_VAULT_ARN = `arn:aws:backup:us-west-2:${ACCOUNT}:backup-vault:${config.backupVaultName}`;
export const OPERATOR_ARN = `arn:aws:sts::${ACCOUNT}:assumed-role/Administrator/jane`;
export const RESTORER = `arn:aws:iam::${ACCOUNT}:role/SsnRestore`;
/** The fixed clock of every test. */
export const NOW = new Date('2030-03-01T10:00:00.000Z');

export const baseline = baselinePolicies(config);
export const BASELINE_TEXT = { vault: policyText(baseline.vault), key: policyText(baseline.key) };

export function openedText(grant: Opening): { vault: string; key: string } {
  const opened = openPolicies(baseline, grant);
  return { vault: policyText(opened.vault), key: policyText(opened.key) };
}

export const OPENING: Opening = {
  principalArn: RESTORER,
  expiry: '2030-03-01T12:00:00Z',
  reason: 'INC-1234 restore the licensee table',
};

/** The evidence bucket the stack's output names. */
export const BUCKET = `compactconnect-backup-evidence-${ACCOUNT}-us-west-2`;
export const STACK_ID = `arn:aws:cloudformation:us-west-2:${ACCOUNT}:stack/BackupAccountStack/1`;
/** When the stack was last deployed: before the fixed clock. */
export const DEPLOYED_AT = new Date('2030-02-20T09:00:00.000Z');

/** The stack's template as far as the tool reads it: the SSN vault, its key, and their policies. */
export function templateText(policies: { vault: unknown; key: unknown } = baseline): string {
  return JSON.stringify({
    Resources: {
      SsnVault: {
        Type: 'AWS::Backup::BackupVault',
        Properties: {
          BackupVaultName: VAULT,
          EncryptionKeyArn: { 'Fn::GetAtt': ['SsnKey', 'Arn'] },
          AccessPolicy: policies.vault,
        },
      },
      SsnKey: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: policies.key } },
    },
  });
}

export const backupMock = mockClient(BackupClient);
export const s3Mock = mockClient(S3Client);
export const kmsMock = mockClient(KMSClient);
export const stsMock = mockClient(STSClient);
export const cfnMock = mockClient(CloudFormationClient);
export const dynamodbMock = mockClient(DynamoDBClient);
export const iamMock = mockClient(IAMClient);

export function serviceError(name: string, message = `${name} from the mock`): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: {} });
}

/** What is deployed, and the failures the next calls of each operation meet. */
export interface FakeAws {
  vault: string | undefined;
  key: string;
  /** Restore jobs, as ListRestoreJobs returns them (two a page). */
  restoreJobs: RestoreJobsListMember[];
  /** DynamoDB tables by name, as DescribeTable returns them; DeleteTable removes one. */
  tables: Map<string, TableDescription>;
  /** Point-in-time recovery windows, by table name (a table not listed has it off). */
  pitr: Map<string, { earliest: Date; latest: Date }>;
  /** DynamoDB backups of every table, as ListBackups returns them. */
  backups: BackupSummary[];
  /** Exports to S3, as DescribeExport returns them. */
  exports: ExportDescription[];
  /** Recovery points in any vault, by resource ARN. */
  recoveryPoints: Map<string, RecoveryPointByResource[]>;
  /** One entry per coming write: an error to throw, or null to let that write succeed. */
  readonly failures: {
    putVault: (Error | null)[];
    putKey: (Error | null)[];
    putObject: (Error | null)[];
  };
  /** The evidence bucket: object key to text (the latest version). */
  objects: Map<string, string>;
  /** Each object's retention, as HeadObject reports it. */
  retention: Map<string, { mode?: string; until?: Date }>;
  /** The deployed stack: its template and last update. */
  stack: { template: string; lastUpdated: Date; outputs: Record<string, string> };
  /** Every write, in order: `s3:<key>`, `vault`, `key`, `delete:<table>`. */
  readonly writes: string[];
}

export function fakeAws(deployed: { vault: string | undefined; key: string } = BASELINE_TEXT): FakeAws {
  backupMock.reset();
  kmsMock.reset();
  stsMock.reset();
  cfnMock.reset();
  dynamodbMock.reset();
  iamMock.reset();
  s3Mock.reset();
  const fake: FakeAws = {
    vault: deployed.vault,
    key: deployed.key,
    restoreJobs: [],
    tables: new Map(),
    pitr: new Map(),
    backups: [],
    exports: [],
    recoveryPoints: new Map(),
    failures: { putVault: [], putKey: [], putObject: [] },
    objects: new Map(),
    retention: new Map(),
    stack: {
      template: templateText(),
      lastUpdated: DEPLOYED_AT,
      outputs: { EvidenceBucketName: BUCKET },
    },
    writes: [],
  };
  installRecord(fake);
  stsMock
    .on(GetCallerIdentityCommand)
    .resolves({ Account: ACCOUNT, Arn: OPERATOR_ARN, UserId: 'AROAEXAMPLE:jane' });
  backupMock
    .on(DescribeBackupVaultCommand, { BackupVaultName: VAULT })
    .resolves({ BackupVaultName: VAULT, BackupVaultArn: VAULT_ARN, EncryptionKeyArn: KEY_ARN });
  kmsMock
    .on(DescribeKeyCommand, { KeyId: KEY_ARN })
    .resolves({ KeyMetadata: { KeyId: KEY_ID, Arn: KEY_ARN } });
  kmsMock
    .on(DescribeKeyCommand, { KeyId: 'alias/compactconnect-ssn-backup-key' })
    .resolves({ KeyMetadata: { KeyId: KEY_ID, Arn: KEY_ARN } });
  installData(fake);
  iamMock.on(GetRoleCommand).resolves({});
  kmsMock.on(GetKeyPolicyCommand).callsFake(async () => ({ Policy: fake.key, PolicyName: 'default' }));
  kmsMock.on(PutKeyPolicyCommand).callsFake(async (input: { Policy: string }) => {
    const failure = fake.failures.putKey.shift();
    if (failure) throw failure;
    fake.key = input.Policy;
    fake.writes.push('key');
    return {};
  });
  backupMock.on(GetBackupVaultAccessPolicyCommand).callsFake(async () => {
    if (fake.vault === undefined) {
      throw new ResourceNotFoundException({ message: 'no policy', $metadata: {} });
    }
    return { BackupVaultName: VAULT, Policy: fake.vault };
  });
  backupMock.on(PutBackupVaultAccessPolicyCommand).callsFake(async (input: { Policy: string }) => {
    const failure = fake.failures.putVault.shift();
    if (failure) throw failure;
    fake.vault = input.Policy;
    fake.writes.push('vault');
    return {};
  });
  return fake;
}

const PAGE = 2;

/** The deployed stack (DescribeStacks, GetTemplate) and the evidence bucket (conditional writes). */
function installRecord(fake: FakeAws): void {
  cfnMock.on(DescribeStacksCommand).callsFake(async () => ({
    Stacks: [
      {
        StackId: STACK_ID,
        StackName: 'BackupAccountStack',
        StackStatus: 'UPDATE_COMPLETE',
        CreationTime: new Date('2030-01-01T00:00:00Z'),
        LastUpdatedTime: fake.stack.lastUpdated,
        Outputs: Object.entries(fake.stack.outputs).map(([OutputKey, OutputValue]) => ({
          OutputKey,
          OutputValue,
        })),
      },
    ],
  }));
  cfnMock.on(GetTemplateCommand).callsFake(async () => ({ TemplateBody: fake.stack.template }));
  s3Mock
    .on(PutObjectCommand)
    .callsFake(async (input: { Bucket: string; Key: string; Body: string; IfNoneMatch?: string }) => {
      const failure = fake.failures.putObject.shift();
      if (failure) throw failure;
      if (input.Bucket !== BUCKET) throw serviceError('NoSuchBucket');
      if (input.IfNoneMatch === '*' && fake.objects.has(input.Key))
        throw Object.assign(serviceError('PreconditionFailed'), { $metadata: { httpStatusCode: 412 } });
      fake.objects.set(input.Key, input.Body);
      fake.retention.set(input.Key, {
        mode: 'COMPLIANCE',
        until: new Date(NOW.getTime() + config.evidence.retentionDays * 86_400_000),
      });
      fake.writes.push(`s3:${input.Key}`);
      return { VersionId: `v${fake.objects.size}` };
    });
  s3Mock
    .on(ListObjectsV2Command)
    .callsFake(async ({ Prefix, ContinuationToken }: { Prefix?: string; ContinuationToken?: string }) => {
      const keys = [...fake.objects.keys()].filter((k) => k.startsWith(Prefix ?? '')).sort();
      const { items, next } = page(keys, ContinuationToken);
      return {
        Contents: items.map((Key) => ({ Key })),
        IsTruncated: next !== undefined,
        NextContinuationToken: next,
      };
    });
  s3Mock.on(GetObjectCommand).callsFake(async ({ Key }: { Key: string }) => {
    const text = fake.objects.get(Key);
    if (text === undefined) throw serviceError('NoSuchKey');
    return { Body: { transformToString: async () => text } };
  });
  s3Mock.on(HeadObjectCommand).callsFake(async ({ Key }: { Key: string }) => {
    const r = fake.retention.get(Key);
    if (!r) throw serviceError('NotFound');
    return { ObjectLockMode: r.mode, ObjectLockRetainUntilDate: r.until };
  });
}

/** One page of `items` from the token (an index, as text) on, and the next token when more remain. */
function page<T>(items: T[], token: string | undefined): { items: T[]; next?: string } {
  const from = token ? Number(token) : 0;
  const next = from + PAGE < items.length ? String(from + PAGE) : undefined;
  return { items: items.slice(from, from + PAGE), ...(next ? { next } : {}) };
}

const byNameOrArn = (fake: FakeAws, nameOrArn: string) =>
  fake.tables.get(nameOrArn) ?? [...fake.tables.values()].find((t) => t.TableArn === nameOrArn);

/** The restored data side of the account: restore jobs, tables and every kind of copy, paginated as AWS does. */
function installData(fake: FakeAws): void {
  backupMock
    .on(ListRestoreJobsCommand)
    .callsFake(async ({ ByCreatedAfter, NextToken }: { ByCreatedAfter?: Date; NextToken?: string }) => {
      const jobs = fake.restoreJobs.filter(
        (j) => !ByCreatedAfter || !j.CreationDate || j.CreationDate >= ByCreatedAfter,
      );
      const { items, next } = page(jobs, NextToken);
      return { RestoreJobs: items, NextToken: next };
    });
  dynamodbMock.on(DescribeTableCommand).callsFake(async ({ TableName }: { TableName: string }) => {
    const table = byNameOrArn(fake, TableName);
    if (!table) throw new TableNotFound({ message: 'Requested resource not found', $metadata: {} });
    return { Table: table };
  });
  dynamodbMock.on(ListTablesCommand).callsFake(async ({ ExclusiveStartTableName }) => {
    const names = [...fake.tables.keys()].sort();
    const from = ExclusiveStartTableName ? names.indexOf(ExclusiveStartTableName) + 1 : 0;
    const items = names.slice(from, from + PAGE);
    return {
      TableNames: items,
      ...(from + PAGE < names.length ? { LastEvaluatedTableName: items.at(-1) } : {}),
    };
  });
  dynamodbMock.on(DeleteTableCommand).callsFake(async ({ TableName }: { TableName: string }) => {
    const table = byNameOrArn(fake, TableName);
    if (!table) throw new TableNotFound({ message: 'Requested resource not found', $metadata: {} });
    fake.tables.delete(table.TableName!);
    fake.writes.push(`delete:${table.TableName}`);
    fake.pitr.delete(table.TableName!);
    return { TableDescription: { ...table, TableStatus: 'DELETING' } };
  });
  dynamodbMock
    .on(ListBackupsCommand)
    .callsFake(
      async ({
        TableName,
        ExclusiveStartBackupArn,
      }: {
        TableName?: string;
        ExclusiveStartBackupArn?: string;
      }) => {
        const backups = fake.backups.filter((b) => !TableName || b.TableName === TableName);
        const from = ExclusiveStartBackupArn
          ? backups.findIndex((b) => b.BackupArn === ExclusiveStartBackupArn) + 1
          : 0;
        const items = backups.slice(from, from + PAGE);
        return {
          BackupSummaries: items,
          ...(from + PAGE < backups.length ? { LastEvaluatedBackupArn: items.at(-1)?.BackupArn } : {}),
        };
      },
    );
  dynamodbMock
    .on(DescribeContinuousBackupsCommand)
    .callsFake(async ({ TableName }: { TableName: string }) => {
      if (!byNameOrArn(fake, TableName))
        throw new TableNotFoundException({ message: `Table not found: ${TableName}`, $metadata: {} });
      const window = fake.pitr.get(TableName);
      return {
        ContinuousBackupsDescription: {
          ContinuousBackupsStatus: 'ENABLED',
          PointInTimeRecoveryDescription: window
            ? {
                PointInTimeRecoveryStatus: 'ENABLED',
                EarliestRestorableDateTime: window.earliest,
                LatestRestorableDateTime: window.latest,
              }
            : { PointInTimeRecoveryStatus: 'DISABLED' },
        },
      };
    });
  dynamodbMock
    .on(ListExportsCommand)
    .callsFake(async ({ TableArn, NextToken }: { TableArn?: string; NextToken?: string }) => {
      const { items, next } = page(
        fake.exports.filter((e) => !TableArn || e.TableArn === TableArn),
        NextToken,
      );
      return {
        ExportSummaries: items.map((e) => ({ ExportArn: e.ExportArn, ExportStatus: e.ExportStatus })),
        NextToken: next,
      };
    });
  dynamodbMock.on(DescribeExportCommand).callsFake(async ({ ExportArn }: { ExportArn: string }) => ({
    ExportDescription: fake.exports.find((e) => e.ExportArn === ExportArn),
  }));
  backupMock
    .on(ListRecoveryPointsByResourceCommand)
    .callsFake(async ({ ResourceArn, NextToken }: { ResourceArn: string; NextToken?: string }) => {
      const { items, next } = page(fake.recoveryPoints.get(ResourceArn) ?? [], NextToken);
      return { RecoveryPoints: items, NextToken: next };
    });
}

export function clients(region = 'us-west-2'): ToolClients {
  return {
    backup: new BackupClient({ region }),
    kms: new KMSClient({ region }),
    sts: new STSClient({ region }),
    cloudformation: new CloudFormationClient({ region }),
    dynamodb: new DynamoDBClient({ region }),
    iam: new IAMClient({ region }),
    s3: new S3Client({ region }),
    cloudtrail: new CloudTrailClient({ region }),
    sns: new SNSClient({ region }),
  };
}

export interface TestRuntime extends Runtime {
  /** The audit log's records, parsed. */
  audit(): Record<string, unknown>[];
}

export function runtime(options: { now?: Date } = {}): TestRuntime {
  const auditLogPath = join(tempFolder('break-glass-'), 'audit.jsonl');
  return {
    config,
    region: config.backupRegion,
    aws: awsFromClients(clients()),
    now: () => options.now ?? NOW,
    auditLogPath,
    sleep: async () => undefined,
    audit: () => {
      try {
        return readFileSync(auditLogPath, 'utf8')
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as Record<string, unknown>);
      } catch {
        return [];
      }
    },
  };
}

/** Puts records into the fake bucket's trail as the tool writes them: numbered and chained. */
export function seedTrail(
  fake: FakeAws,
  records: readonly { event: TrailEvent; phase?: TrailEntry['phase']; record: Record<string, unknown> }[],
): string[] {
  const keys = [...fake.objects.keys()].filter((k) => k.startsWith(TRAIL_PREFIX)).sort();
  let previous: string | null = null;
  if (keys.length > 0) previous = entryHash(JSON.parse(fake.objects.get(keys.at(-1)!)!) as TrailEntry);
  return records.map(({ event, phase, record }) => {
    const entry: TrailEntry = {
      sequence: keys.length + 1,
      previous,
      time: String(record.time ?? isoSeconds(NOW)),
      event,
      phase: phase ?? 'after',
      record,
    };
    const key = trailKey(entry);
    fake.objects.set(key, entryText(entry));
    fake.retention.set(key, { mode: 'COMPLIANCE', until: new Date('2036-01-01T00:00:00Z') });
    keys.push(key);
    previous = entryHash(entry);
    return key;
  });
}

/** The S3 object's text, parsed: a backup by its URI, or a trail record by its key. */
export function objectJson(fake: FakeAws, uriOrKey: string): Record<string, unknown> {
  const key = uriOrKey.replace(`s3://${BUCKET}/`, '');
  const text = fake.objects.get(key);
  if (text === undefined) throw new Error(`no object ${key}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** The trail's entries in the fake bucket, in order. */
export function trailEntries(fake: FakeAws): TrailEntry[] {
  return [...fake.objects.keys()]
    .filter((k) => k.startsWith(TRAIL_PREFIX))
    .sort()
    .map((k) => JSON.parse(fake.objects.get(k)!) as TrailEntry);
}
