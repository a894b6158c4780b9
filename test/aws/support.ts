/**
 * The SDK mapping of lib/aws over real clients whose `send` is mocked (aws-sdk-client-mock): the only
 * tests that see SDK commands. Everything else runs on the in-memory fake (test/support/fake-aws.ts).
 */
import { BackupClient } from '@aws-sdk/client-backup';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { awsFromClients } from '../../lib/aws';
import { sdkClients } from '../../lib/aws/clients';

export const mocks = {
  backup: mockClient(BackupClient),
  cloudformation: mockClient(CloudFormationClient),
  cloudtrail: mockClient(CloudTrailClient),
  dynamodb: mockClient(DynamoDBClient),
  iam: mockClient(IAMClient),
  kms: mockClient(KMSClient),
  s3: mockClient(S3Client),
  sns: mockClient(SNSClient),
  sts: mockClient(STSClient),
};

/** The interface over fresh clients (mocked on their prototypes), every mock reset. */
export function mockedAws() {
  for (const mock of Object.values(mocks)) mock.reset();
  return awsFromClients(sdkClients({ region: 'us-west-2' }));
}

/** An AWS service error as the SDK throws it: what `errorName` reads is its name. */
export function serviceError(name: string): Error {
  return Object.assign(new Error(`${name} from the mock`), { name, $fault: 'client', $metadata: {} });
}

export const ACCOUNT = '000011112222';
