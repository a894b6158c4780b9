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
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
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
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { DescribeKeyCommand, GetKeyPolicyCommand, KMSClient, PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { awsFromClients } from '../../lib/break-glass/aws';
import type { ToolClients } from '../../bin/break-glass';
import { baselinePolicies } from '../../lib/break-glass/baseline';
import type { Grant } from '../../lib/break-glass/grant';
import { openPolicies } from '../../lib/break-glass/grant';
import { policyText } from '../../lib/policies/policy-json';
import type { Runtime } from '../../lib/break-glass/runtime';
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

export function openedText(grant: Grant): { vault: string; key: string } {
  const opened = openPolicies(baseline, grant);
  return { vault: policyText(opened.vault), key: policyText(opened.key) };
}

export const GRANT: Grant = {
  principalArn: RESTORER,
  expiry: '2030-03-01T12:00:00Z',
  reason: 'INC-1234 restore the licensee table',
};

export const backupMock = mockClient(BackupClient);
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
  };
}

export function fakeAws(deployed: { vault: string | undefined; key: string } = BASELINE_TEXT): FakeAws {
  backupMock.reset();
  kmsMock.reset();
  stsMock.reset();
  cfnMock.reset();
  dynamodbMock.reset();
  iamMock.reset();
  const fake: FakeAws = {
    vault: deployed.vault,
    key: deployed.key,
    restoreJobs: [],
    tables: new Map(),
    pitr: new Map(),
    backups: [],
    exports: [],
    recoveryPoints: new Map(),
    failures: { putVault: [], putKey: [] },
  };
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
    return {};
  });
  return fake;
}

const PAGE = 2;

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
