import type { BackupClient } from '@aws-sdk/client-backup';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { KMSClient } from '@aws-sdk/client-kms';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { STSClient } from '@aws-sdk/client-sts';

/**
 * The AWS SDK v3 clients the health check reads with (only `send` is used; tests inject
 * aws-sdk-client-mock mocks). Each check takes only the clients it needs: `Pick<DoctorClients, 'kms'>`.
 * Every call is a read: Describe, Get, List or Lookup.
 */
export interface DoctorClients {
  readonly cloudformation: Pick<CloudFormationClient, 'send'>;
  readonly backup: Pick<BackupClient, 'send'>;
  readonly kms: Pick<KMSClient, 'send'>;
  readonly sns: Pick<SNSClient, 'send'>;
  readonly cloudtrail: Pick<CloudTrailClient, 'send'>;
  /** Restored SSN tables and their copies (DescribeTable, ListTables, ListBackups, ListExports…). */
  readonly dynamodb: Pick<DynamoDBClient, 'send'>;
  readonly sts: Pick<STSClient, 'send'>;
  /** The evidence bucket: its lock, versioning, public access block, policy and the break-glass record. */
  readonly s3: Pick<S3Client, 'send'>;
}
