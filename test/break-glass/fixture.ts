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
  ListRestoreJobsCommand,
  PutBackupVaultAccessPolicyCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-backup';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
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
  const fake: FakeAws = { vault: deployed.vault, key: deployed.key, failures: { putVault: [], putKey: [] } };
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
  backupMock.on(ListRestoreJobsCommand).resolves({ RestoreJobs: [] });
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
