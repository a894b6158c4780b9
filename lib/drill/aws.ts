import {
  type BackupClient,
  DeleteRecoveryPointCommand,
  DescribeBackupJobCommand,
  DescribeBackupVaultCommand,
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
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { type CloudTrailClient, type Event, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { GetRoleCommand, type IAMClient } from '@aws-sdk/client-iam';
import type { KMSClient } from '@aws-sdk/client-kms';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { integrationAws } from '../integration/integration';
import { type DrillItem, PARTITION_KEY } from './data';
import { errorName } from '../aws-errors';

type Send<C extends { send: unknown }> = Pick<C, 'send'>;

/** The SDK clients of one account. */
export interface AccountClients {
  readonly backup: Send<BackupClient>;
  readonly dynamodb: Send<DynamoDBClient>;
  readonly iam: Send<IAMClient>;
  readonly sts: Send<STSClient>;
}

/** The clients of both accounts: the source (environment) account and the backup account. */
export interface DrillClients {
  readonly source: AccountClients;
  readonly backup: AccountClients & {
    readonly cloudformation: Send<CloudFormationClient>;
    readonly cloudtrail: Send<CloudTrailClient>;
    readonly s3: Send<S3Client>;
    /** The break-glass tool's key policy calls, with `--break-glass`. */
    readonly kms: Send<KMSClient>;
  };
}

export type Side = keyof DrillClients;

/** An AWS Backup job as the drill follows it. */
export interface JobState {
  /** CREATED, PENDING, RUNNING, COMPLETED, FAILED, ABORTED, EXPIRED, PARTIAL… as AWS reports it. */
  readonly state: string;
  readonly message?: string;
  /** The recovery point the job made (backup: in the source vault; copy: in the destination vault). */
  readonly recoveryPointArn?: string;
  readonly createdAt?: Date;
  readonly completedAt?: Date;
  /** A restore job's new resource. */
  readonly createdResourceArn?: string;
}

export interface RecoveryPointFacts {
  readonly status: string;
  readonly encryptionKeyArn?: string;
  readonly deleteAt?: Date;
}

const LOOKUP_LIMIT = 1000;

const NOT_FOUND = new Set(['ResourceNotFoundException', 'NoSuchEntity', 'NoSuchEntityException']);

/** Runs `call`; a not-found error becomes `undefined`. */
async function unlessNotFound<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (NOT_FOUND.has(errorName(error) ?? '')) return undefined;
    throw error;
  }
}

/**
 * The calls the drill makes, over injected SDK clients (tests mock them with aws-sdk-client-mock).
 * Each method is one AWS concept in the drill's terms; none decides anything.
 */
export class DrillAws {
  constructor(private readonly clients: DrillClients) {}

  async callerAccount(side: Side): Promise<string> {
    const identity = await this.clients[side].sts.send(new GetCallerIdentityCommand({}));
    return identity.Account ?? '';
  }

  async stackOutputs(stackName: string): Promise<Readonly<Record<string, string>>> {
    return (await integrationAws(this.clients.backup.cloudformation).stackOutputs(stackName)).outputs;
  }

  async roleExists(side: Side, roleArn: string): Promise<boolean> {
    const roleName = roleArn.split('/').pop() ?? '';
    const role = await unlessNotFound(() =>
      this.clients[side].iam.send(new GetRoleCommand({ RoleName: roleName })),
    );
    return role !== undefined;
  }

  /** Whether AWS Backup protects DynamoDB in the source region, and with its advanced features. */
  async dynamoDbSettings(): Promise<{ readonly optedIn: boolean; readonly advanced: boolean }> {
    const settings = await this.clients.source.backup.send(new DescribeRegionSettingsCommand({}));
    return {
      optedIn: settings.ResourceTypeOptInPreference?.DynamoDB === true,
      advanced: settings.ResourceTypeManagementPreference?.DynamoDB === true,
    };
  }

  async vaultExists(side: Side, vaultName: string): Promise<boolean> {
    const vault = await unlessNotFound(() =>
      this.clients[side].backup.send(new DescribeBackupVaultCommand({ BackupVaultName: vaultName })),
    );
    return vault !== undefined;
  }

  /** Creates an on-demand table keyed by `pk`; an existing table of that name is left as it is. */
  async createTable(
    side: Side,
    name: string,
    tags: Readonly<Record<string, string>>,
  ): Promise<{ readonly created: boolean }> {
    try {
      await this.clients[side].dynamodb.send(
        new CreateTableCommand({
          TableName: name,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: PARTITION_KEY, AttributeType: 'S' }],
          KeySchema: [{ AttributeName: PARTITION_KEY, KeyType: 'HASH' }],
          Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
        }),
      );
      return { created: true };
    } catch (error) {
      if (errorName(error) === 'ResourceInUseException') return { created: false };
      throw error;
    }
  }

  /** The table's status and ARN, or undefined when it does not exist. */
  async table(
    side: Side,
    name: string,
  ): Promise<{ readonly status: string; readonly arn: string; readonly keyArn?: string } | undefined> {
    const out = await unlessNotFound(() =>
      this.clients[side].dynamodb.send(new DescribeTableCommand({ TableName: name })),
    );
    if (out === undefined) return undefined;
    return {
      status: out.Table?.TableStatus ?? '',
      arn: out.Table?.TableArn ?? '',
      keyArn: out.Table?.SSEDescription?.KMSMasterKeyArn,
    };
  }

  /** Writes the items, 25 a request (DynamoDB's limit), retrying what DynamoDB left unprocessed. */
  async putItems(
    name: string,
    items: readonly DrillItem[],
    sleep: (ms: number) => Promise<void>,
  ): Promise<void> {
    for (let start = 0; start < items.length; start += 25) {
      let requests = items.slice(start, start + 25).map((item) => ({
        PutRequest: {
          Item: {
            pk: { S: item.pk },
            sequence: { N: String(item.sequence) },
            payload: { S: item.payload },
          },
        },
      }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 0) await sleep(Math.min(2 ** attempt * 100, 5000));
        if (attempt > 8) throw new Error(`DynamoDB left ${requests.length} items of ${name} unwritten`);
        const out = await this.clients.source.dynamodb.send(
          new BatchWriteItemCommand({ RequestItems: { [name]: requests } }),
        );
        requests = (out.UnprocessedItems?.[name] ?? []) as typeof requests;
      }
    }
  }

  /** Every item of the table, as plain values (strings and numbers), read with a consistent scan. */
  async scanItems(side: Side, name: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.clients[side].dynamodb.send(
        new ScanCommand({
          TableName: name,
          ConsistentRead: true,
          ExclusiveStartKey: start as never,
        }),
      );
      for (const item of page.Items ?? []) {
        items.push(
          Object.fromEntries(
            Object.entries(item).map(([key, value]) => [
              key,
              value.N !== undefined ? Number(value.N) : value.S,
            ]),
          ),
        );
      }
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return items;
  }

  /** Deletes the table: `deleted`, or `gone` when it no longer exists. */
  async deleteTable(side: Side, name: string): Promise<'deleted' | 'gone'> {
    const out = await unlessNotFound(() =>
      this.clients[side].dynamodb.send(new DeleteTableCommand({ TableName: name })),
    );
    return out === undefined ? 'gone' : 'deleted';
  }

  async startBackupJob(input: {
    readonly tableArn: string;
    readonly vaultName: string;
    readonly roleArn: string;
    readonly idempotencyToken: string;
  }): Promise<string> {
    const out = await this.clients.source.backup.send(
      new StartBackupJobCommand({
        BackupVaultName: input.vaultName,
        ResourceArn: input.tableArn,
        IamRoleArn: input.roleArn,
        IdempotencyToken: input.idempotencyToken,
        // The source recovery point is the drill's own: it is deleted at cleanup, and expires anyway.
        Lifecycle: { DeleteAfterDays: 7 },
      }),
    );
    return required(out.BackupJobId, 'StartBackupJob returned no job ID');
  }

  async backupJob(jobId: string): Promise<JobState> {
    const out = await this.clients.source.backup.send(new DescribeBackupJobCommand({ BackupJobId: jobId }));
    return {
      state: out.State ?? 'UNKNOWN',
      message: out.StatusMessage,
      recoveryPointArn: out.RecoveryPointArn,
      createdAt: out.CreationDate,
      completedAt: out.CompletionDate,
    };
  }

  async startCopyJob(input: {
    readonly recoveryPointArn: string;
    readonly sourceVaultName: string;
    readonly destinationVaultArn: string;
    readonly roleArn: string;
    readonly retentionDays: number;
    readonly idempotencyToken: string;
  }): Promise<string> {
    const out = await this.clients.source.backup.send(
      new StartCopyJobCommand({
        RecoveryPointArn: input.recoveryPointArn,
        SourceBackupVaultName: input.sourceVaultName,
        DestinationBackupVaultArn: input.destinationVaultArn,
        IamRoleArn: input.roleArn,
        IdempotencyToken: input.idempotencyToken,
        Lifecycle: { DeleteAfterDays: input.retentionDays },
      }),
    );
    return required(out.CopyJobId, 'StartCopyJob returned no job ID');
  }

  async copyJob(jobId: string): Promise<JobState> {
    const out = await this.clients.source.backup.send(new DescribeCopyJobCommand({ CopyJobId: jobId }));
    const job = out.CopyJob;
    return {
      state: job?.State ?? 'UNKNOWN',
      message: job?.StatusMessage,
      recoveryPointArn: job?.DestinationRecoveryPointArn,
      createdAt: job?.CreationDate,
      completedAt: job?.CompletionDate,
    };
  }

  /** A recovery point of a backup-account vault: status, key, and when its lifecycle deletes it. */
  async recoveryPoint(vaultName: string, recoveryPointArn: string): Promise<RecoveryPointFacts | undefined> {
    const out = await unlessNotFound(() =>
      this.clients.backup.backup.send(
        new DescribeRecoveryPointCommand({ BackupVaultName: vaultName, RecoveryPointArn: recoveryPointArn }),
      ),
    );
    if (out === undefined) return undefined;
    return {
      status: out.Status ?? 'UNKNOWN',
      encryptionKeyArn: out.EncryptionKeyArn,
      deleteAt: out.CalculatedLifecycle?.DeleteAt,
    };
  }

  async restoreMetadata(vaultName: string, recoveryPointArn: string): Promise<Record<string, string>> {
    const out = await this.clients.backup.backup.send(
      new GetRecoveryPointRestoreMetadataCommand({
        BackupVaultName: vaultName,
        RecoveryPointArn: recoveryPointArn,
      }),
    );
    return { ...out.RestoreMetadata };
  }

  async startRestoreJob(input: {
    readonly recoveryPointArn: string;
    readonly roleArn: string;
    readonly metadata: Readonly<Record<string, string>>;
    readonly idempotencyToken: string;
  }): Promise<string> {
    const out = await this.clients.backup.backup.send(
      new StartRestoreJobCommand({
        RecoveryPointArn: input.recoveryPointArn,
        IamRoleArn: input.roleArn,
        Metadata: { ...input.metadata },
        ResourceType: 'DynamoDB',
        IdempotencyToken: input.idempotencyToken,
      }),
    );
    return required(out.RestoreJobId, 'StartRestoreJob returned no job ID');
  }

  async restoreJob(jobId: string): Promise<JobState> {
    const out = await this.clients.backup.backup.send(new DescribeRestoreJobCommand({ RestoreJobId: jobId }));
    return {
      state: out.Status ?? 'UNKNOWN',
      message: out.StatusMessage,
      createdAt: out.CreationDate,
      completedAt: out.CompletionDate,
      createdResourceArn: out.CreatedResourceArn,
    };
  }

  /** CloudTrail's management events on a key (KMS records the key ARN as the resource) in a window. */
  async keyEvents(keyArn: string, since: Date, until: Date): Promise<Event[]> {
    const events: Event[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.clients.backup.cloudtrail.send(
        new LookupEventsCommand({
          LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: keyArn }],
          StartTime: since,
          EndTime: until,
          NextToken: nextToken,
        }),
      );
      events.push(...(page.Events ?? []));
      nextToken = page.NextToken;
    } while (nextToken && events.length < LOOKUP_LIMIT);
    return events;
  }

  async deleteSourceRecoveryPoint(vaultName: string, recoveryPointArn: string): Promise<'deleted' | 'gone'> {
    const out = await unlessNotFound(() =>
      this.clients.source.backup.send(
        new DeleteRecoveryPointCommand({ BackupVaultName: vaultName, RecoveryPointArn: recoveryPointArn }),
      ),
    );
    return out === undefined ? 'gone' : 'deleted';
  }

  /**
   * Writes one object into the evidence bucket, which keeps it under Object Lock; returns its
   * version. The SDK adds the checksum that S3 requires of a write into a locked bucket.
   */
  async putEvidence(bucket: string, key: string, body: string, contentType: string): Promise<string> {
    const out = await this.clients.backup.s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }),
    );
    return out.VersionId ?? '';
  }

  async tagRecoveryPoint(recoveryPointArn: string, tags: Readonly<Record<string, string>>): Promise<void> {
    await this.clients.backup.backup.send(
      new TagResourceCommand({ ResourceArn: recoveryPointArn, Tags: { ...tags } }),
    );
  }
}

function required<T>(value: T | undefined, message: string): T {
  if (value === undefined) throw new Error(message);
  return value;
}
