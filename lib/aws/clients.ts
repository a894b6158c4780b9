import { BackupClient } from '@aws-sdk/client-backup';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';

type Send<C extends { send: unknown }> = Pick<C, 'send'>;

/**
 * The AWS SDK v3 clients of one account and region (only `send` is used). The methods of
 * `awsFromClients` read a client only when they are called, so that a command that makes no call
 * (`--help`, `--offline`) builds none.
 */
export interface AwsClients {
  readonly backup: Send<BackupClient>;
  readonly cloudformation: Send<CloudFormationClient>;
  readonly cloudtrail: Send<CloudTrailClient>;
  readonly dynamodb: Send<DynamoDBClient>;
  readonly iam: Send<IAMClient>;
  readonly kms: Send<KMSClient>;
  readonly s3: Send<S3Client>;
  readonly sns: Send<SNSClient>;
  readonly sts: Send<STSClient>;
}

/** Where an account's clients point, and as whom: a profile, or credentials of an assumed role. */
export interface AccountAccess {
  readonly region: string;
  readonly profile?: string;
  readonly credentials?: AwsCredentialIdentity;
}

const CONSTRUCTORS: { readonly [K in keyof AwsClients]: new (access: AccountAccess) => AwsClients[K] } = {
  backup: BackupClient,
  cloudformation: CloudFormationClient,
  cloudtrail: CloudTrailClient,
  dynamodb: DynamoDBClient,
  iam: IAMClient,
  kms: KMSClient,
  s3: S3Client,
  sns: SNSClient,
  sts: STSClient,
};

/** The clients of one account, each built on first use (and then kept). */
export function sdkClients(access: AccountAccess): AwsClients {
  const built: Partial<Record<keyof AwsClients, unknown>> = {};
  const clients = {} as AwsClients;
  for (const name of Object.keys(CONSTRUCTORS) as (keyof AwsClients)[]) {
    Object.defineProperty(clients, name, {
      enumerable: true,
      get: () => (built[name] ??= new CONSTRUCTORS[name](access)),
    });
  }
  return clients;
}

/** The clients of an account acting as `roleArn` (one hour: the drill's emergency path is short). */
export async function assumedRoleClients(
  roleArn: string,
  base: AccountAccess,
  sessionName: string,
): Promise<AwsClients> {
  const out = await new STSClient(base).send(
    new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName, DurationSeconds: 3600 }),
  );
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`AWS returned no credentials for ${roleArn}`);
  return sdkClients({
    region: base.region,
    credentials: {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    },
  });
}
