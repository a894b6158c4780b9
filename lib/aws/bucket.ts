import {
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
} from '@aws-sdk/client-s3';
import type { AwsClients } from './clients';

/** A bucket's protection, as its four configuration reads report it. */
export interface BucketSettings {
  /** The default Object Lock mode (COMPLIANCE, GOVERNANCE); undefined when Object Lock is off. */
  readonly lockMode: string | undefined;
  /** The default retention in days (years counted as 365 days). */
  readonly retentionDays: number | undefined;
  /** Enabled or Suspended; undefined when versioning was never enabled. */
  readonly versioning: string | undefined;
  /** Whether all four public access block settings are on. */
  readonly publicAccessBlocked: boolean;
  readonly policy: string | undefined;
}

const PUBLIC_ACCESS_SETTINGS = [
  'BlockPublicAcls',
  'IgnorePublicAcls',
  'BlockPublicPolicy',
  'RestrictPublicBuckets',
] as const;

/** An S3 bucket's settings. */
export interface BucketAws {
  bucketSettings(bucket: string): Promise<BucketSettings>;
}

export function bucketAws(clients: Pick<AwsClients, 's3'>): BucketAws {
  return {
    async bucketSettings(bucket) {
      const [lock, versioning, access, policy] = await Promise.all([
        clients.s3.send(new GetObjectLockConfigurationCommand({ Bucket: bucket })),
        clients.s3.send(new GetBucketVersioningCommand({ Bucket: bucket })),
        clients.s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket })),
        clients.s3.send(new GetBucketPolicyCommand({ Bucket: bucket })),
      ]);
      const retention = lock.ObjectLockConfiguration?.Rule?.DefaultRetention;
      const block = access.PublicAccessBlockConfiguration;
      return {
        lockMode: lock.ObjectLockConfiguration?.ObjectLockEnabled === 'Enabled' ? retention?.Mode : undefined,
        retentionDays:
          retention?.Days ?? (retention?.Years === undefined ? undefined : retention.Years * 365),
        versioning: versioning.Status,
        publicAccessBlocked: PUBLIC_ACCESS_SETTINGS.every((s) => block?.[s] === true),
        policy: policy.Policy,
      };
    },
  };
}
