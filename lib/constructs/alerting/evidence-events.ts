import * as events from 'aws-cdk-lib/aws-events';
import { CLOUDTRAIL_API_CALL, callerLines } from './audit-events';

/**
 * EventBridge patterns and messages for the evidence bucket: the bucket-level calls that could
 * weaken what keeps the break-glass record and the reports (CloudTrail management events, with the
 * bucket in `requestParameters.bucketName`). Object-level calls (PutObjectRetention, PutObjectLegalHold)
 * are data events, which CloudTrail does not record unless asked; Object Lock in compliance mode
 * refuses to shorten a retention anyway. The evidence key is watched with the vault keys' pattern.
 */

/** Changes to the bucket's protection: policy, Object Lock, versioning, public access, encryption, lifecycle, logging. */
export const EVIDENCE_BUCKET_CHANGE_EVENTS = [
  'PutBucketPolicy',
  'DeleteBucketPolicy',
  'PutObjectLockConfiguration',
  'PutBucketVersioning',
  'PutBucketPublicAccessBlock',
  'DeleteBucketPublicAccessBlock',
  'PutBucketEncryption',
  'DeleteBucketEncryption',
  'PutBucketLifecycle',
  'DeleteBucketLifecycle',
  'PutBucketLogging',
  'DeleteBucket',
] as const;

export function evidenceBucketChangePattern(bucketName: string): events.EventPattern {
  return {
    source: ['aws.s3'],
    detailType: [CLOUDTRAIL_API_CALL],
    detail: {
      eventSource: ['s3.amazonaws.com'],
      eventName: [...EVIDENCE_BUCKET_CHANGE_EVENTS],
      requestParameters: { bucketName: [bucketName] },
    },
  };
}

const field = (path: string) => events.EventField.fromPath(path);

export function evidenceBucketChangeMessage(bucketName: string): string {
  return [
    `${field('$.detail.eventName')} was called on the evidence bucket "${bucketName}".`,
    ...callerLines(),
    'This bucket keeps the break-glass record and the audit evidence under Object Lock: unless this change was planned and approved, treat it as an incident, then run npm run doctor and npm run break-glass -- audit.',
  ].join('\n');
}

export function evidenceKeyChangeMessage(): string {
  return [
    `${field('$.detail.eventName')} was called on the evidence key (key ${field('$.detail.requestParameters.keyId')}).`,
    ...callerLines(),
    'A disabled or deleted evidence key makes the break-glass record and the audit evidence unreadable, and stops the record being written: unless this change was planned, treat it as an incident.',
  ].join('\n');
}
