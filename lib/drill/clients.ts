import { BackupClient } from '@aws-sdk/client-backup';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { DrillClients } from './aws';

/** Where an account's clients point, and as whom: a profile, or credentials of an assumed role. */
export interface AccountAccess {
  readonly region: string;
  readonly profile?: string;
  readonly credentials?: AwsCredentialIdentity;
}

function accountClients(access: AccountAccess) {
  return {
    backup: new BackupClient(access),
    dynamodb: new DynamoDBClient(access),
    iam: new IAMClient(access),
    sts: new STSClient(access),
  };
}

function backupAccountClients(access: AccountAccess): DrillClients['backup'] {
  return {
    ...accountClients(access),
    cloudformation: new CloudFormationClient(access),
    cloudtrail: new CloudTrailClient(access),
    s3: new S3Client(access),
    kms: new KMSClient(access),
  };
}

/** The AWS SDK clients of both accounts. */
export function sdkDrillClients(options: {
  readonly source: AccountAccess;
  readonly backup: AccountAccess;
}): DrillClients {
  return { source: accountClients(options.source), backup: backupAccountClients(options.backup) };
}

/** The backup account's clients acting as `roleArn` (one hour: a drill's emergency path is short). */
export async function assumedBackupClients(
  roleArn: string,
  base: AccountAccess,
): Promise<DrillClients['backup']> {
  const out = await new STSClient(base).send(
    new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'backup-drill', DurationSeconds: 3600 }),
  );
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`AWS returned no credentials for ${roleArn}`);
  return backupAccountClients({
    region: base.region,
    credentials: {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    },
  });
}
