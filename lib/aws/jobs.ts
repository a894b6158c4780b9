import {
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
import type { AwsClients } from './clients';
import { unless } from './calls';

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

/** AWS Backup's jobs, recovery points and Region settings, as the drill starts and follows them. */
export interface JobsAws {
  /** Whether AWS Backup protects DynamoDB in the Region, and with its advanced features. */
  dynamoDbSettings(): Promise<{ readonly optedIn: boolean; readonly advanced: boolean }>;
  startBackupJob(input: {
    readonly tableArn: string;
    readonly vaultName: string;
    readonly roleArn: string;
    readonly idempotencyToken: string;
  }): Promise<string>;
  backupJob(jobId: string): Promise<JobState>;
  startCopyJob(input: {
    readonly recoveryPointArn: string;
    readonly sourceVaultName: string;
    readonly destinationVaultArn: string;
    readonly roleArn: string;
    readonly retentionDays: number;
    readonly idempotencyToken: string;
  }): Promise<string>;
  copyJob(jobId: string): Promise<JobState>;
  /** A recovery point of a vault: status, key, and when its lifecycle deletes it; undefined when not found. */
  recoveryPoint(vaultName: string, recoveryPointArn: string): Promise<RecoveryPointFacts | undefined>;
  restoreMetadata(vaultName: string, recoveryPointArn: string): Promise<Record<string, string>>;
  startRestoreJob(input: {
    readonly recoveryPointArn: string;
    readonly roleArn: string;
    readonly metadata: Readonly<Record<string, string>>;
    readonly idempotencyToken: string;
  }): Promise<string>;
  restoreJob(jobId: string): Promise<JobState>;
  tagRecoveryPoint(recoveryPointArn: string, tags: Readonly<Record<string, string>>): Promise<void>;
  /** Deletes the recovery point: `deleted`, or `gone` when it no longer exists. */
  deleteRecoveryPointIfExists(vaultName: string, recoveryPointArn: string): Promise<'deleted' | 'gone'>;
}

const NOT_FOUND = ['ResourceNotFoundException'];

function jobId(id: string | undefined, operation: string): string {
  if (id === undefined) throw new Error(`${operation} returned no job ID`);
  return id;
}

export function jobsAws(clients: Pick<AwsClients, 'backup'>): JobsAws {
  return {
    async dynamoDbSettings() {
      const settings = await clients.backup.send(new DescribeRegionSettingsCommand({}));
      return {
        optedIn: settings.ResourceTypeOptInPreference?.DynamoDB === true,
        advanced: settings.ResourceTypeManagementPreference?.DynamoDB === true,
      };
    },
    async startBackupJob(input) {
      const out = await clients.backup.send(
        new StartBackupJobCommand({
          BackupVaultName: input.vaultName,
          ResourceArn: input.tableArn,
          IamRoleArn: input.roleArn,
          IdempotencyToken: input.idempotencyToken,
          // The source recovery point is the drill's own: it is deleted at cleanup, and expires anyway.
          Lifecycle: { DeleteAfterDays: 7 },
        }),
      );
      return jobId(out.BackupJobId, 'StartBackupJob');
    },
    async backupJob(jobId) {
      const out = await clients.backup.send(new DescribeBackupJobCommand({ BackupJobId: jobId }));
      return {
        state: out.State ?? 'UNKNOWN',
        message: out.StatusMessage,
        recoveryPointArn: out.RecoveryPointArn,
        createdAt: out.CreationDate,
        completedAt: out.CompletionDate,
      };
    },
    async startCopyJob(input) {
      const out = await clients.backup.send(
        new StartCopyJobCommand({
          RecoveryPointArn: input.recoveryPointArn,
          SourceBackupVaultName: input.sourceVaultName,
          DestinationBackupVaultArn: input.destinationVaultArn,
          IamRoleArn: input.roleArn,
          IdempotencyToken: input.idempotencyToken,
          Lifecycle: { DeleteAfterDays: input.retentionDays },
        }),
      );
      return jobId(out.CopyJobId, 'StartCopyJob');
    },
    async copyJob(jobId) {
      const job = (await clients.backup.send(new DescribeCopyJobCommand({ CopyJobId: jobId }))).CopyJob;
      return {
        state: job?.State ?? 'UNKNOWN',
        message: job?.StatusMessage,
        recoveryPointArn: job?.DestinationRecoveryPointArn,
        createdAt: job?.CreationDate,
        completedAt: job?.CompletionDate,
      };
    },
    async recoveryPoint(vaultName, recoveryPointArn) {
      const out = await unless(NOT_FOUND, () =>
        clients.backup.send(
          new DescribeRecoveryPointCommand({
            BackupVaultName: vaultName,
            RecoveryPointArn: recoveryPointArn,
          }),
        ),
      );
      if (out === undefined) return undefined;
      return {
        status: out.Status ?? 'UNKNOWN',
        encryptionKeyArn: out.EncryptionKeyArn,
        deleteAt: out.CalculatedLifecycle?.DeleteAt,
      };
    },
    async restoreMetadata(vaultName, recoveryPointArn) {
      const out = await clients.backup.send(
        new GetRecoveryPointRestoreMetadataCommand({
          BackupVaultName: vaultName,
          RecoveryPointArn: recoveryPointArn,
        }),
      );
      return { ...out.RestoreMetadata };
    },
    async startRestoreJob(input) {
      const out = await clients.backup.send(
        new StartRestoreJobCommand({
          RecoveryPointArn: input.recoveryPointArn,
          IamRoleArn: input.roleArn,
          Metadata: { ...input.metadata },
          ResourceType: 'DynamoDB',
          IdempotencyToken: input.idempotencyToken,
        }),
      );
      return jobId(out.RestoreJobId, 'StartRestoreJob');
    },
    async restoreJob(jobId) {
      const out = await clients.backup.send(new DescribeRestoreJobCommand({ RestoreJobId: jobId }));
      return {
        state: out.Status ?? 'UNKNOWN',
        message: out.StatusMessage,
        createdAt: out.CreationDate,
        completedAt: out.CompletionDate,
        createdResourceArn: out.CreatedResourceArn,
      };
    },
    async tagRecoveryPoint(recoveryPointArn, tags) {
      await clients.backup.send(new TagResourceCommand({ ResourceArn: recoveryPointArn, Tags: { ...tags } }));
    },
    async deleteRecoveryPointIfExists(vaultName, recoveryPointArn) {
      const out = await unless(NOT_FOUND, () =>
        clients.backup.send(
          new DeleteRecoveryPointCommand({ BackupVaultName: vaultName, RecoveryPointArn: recoveryPointArn }),
        ),
      );
      return out === undefined ? 'gone' : 'deleted';
    },
  };
}
