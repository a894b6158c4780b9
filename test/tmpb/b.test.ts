import { mockClient } from 'aws-sdk-client-mock';
import { BackupClient } from '@aws-sdk/client-backup';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
test('x', () => { expect(mockClient(BackupClient)).toBeDefined(); expect([KMSClient,S3Client,DynamoDBClient]).toHaveLength(3); });
