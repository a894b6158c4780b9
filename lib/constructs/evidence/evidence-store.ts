import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { PolicyJson } from '../../policies/policy-json';
import { BackupEncryptionKey } from '../backup-encryption-key';
import { policyDocumentOf } from '../policy-documents';

export interface EvidenceStoreProps {
  /** The bucket's name: known before deployment, so that its policies are literal. */
  readonly bucketName: string;
  /** Days each object is kept under Object Lock in compliance mode. */
  readonly retentionDays: number;
  /** The complete bucket policy; nothing is added to it. */
  readonly bucketPolicy: PolicyJson;
  /** The complete policy of the bucket's key. */
  readonly keyPolicy: PolicyJson;
}

/** The alias of the evidence bucket's key. */
export const EVIDENCE_KEY_ALIAS = 'alias/compactconnect-backup-evidence-key';

/**
 * The account's record for auditors and operators: an S3 bucket under Object Lock in compliance
 * mode (no user, the account's root included, can delete a locked version or shorten its
 * retention until it ends), versioned, encrypted with a key of its own, private, TLS only, its
 * access logged to a second bucket. Both buckets and the key are retained when the stack is
 * deleted: evidence outlives the stack.
 */
export class EvidenceStore extends Construct {
  readonly bucket: s3.Bucket;
  readonly key: BackupEncryptionKey;
  readonly accessLogs: s3.Bucket;

  constructor(scope: Construct, id: string, props: EvidenceStoreProps) {
    super(scope, id);
    this.key = new BackupEncryptionKey(this, 'Key', {
      description: 'KMS key for the CompactConnect backup account evidence bucket',
      aliasName: EVIDENCE_KEY_ALIAS,
      policy: props.keyPolicy,
    });
    // Server access logs can only be delivered to a bucket encrypted with S3-managed keys.
    this.accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ expiration: Duration.days(props.retentionDays) }],
    });
    const logsBucket = this.accessLogs.node.defaultChild as s3.CfnBucket;
    Validations.of(logsBucket).acknowledge(
      {
        id: 'NIST.800.53.R5::NIST.800.53.R5-S3DefaultEncryptionKMS',
        reason: 'S3 delivers server access logs only to buckets encrypted with S3-managed keys.',
      },
      {
        id: 'HIPAA.Security::HIPAA.Security-S3DefaultEncryptionKMS',
        reason: 'S3 delivers server access logs only to buckets encrypted with S3-managed keys.',
      },
    );
    this.bucket = new s3.Bucket(this, 'Bucket', {
      bucketName: props.bucketName,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      objectLockEnabled: true,
      objectLockDefaultRetention: s3.ObjectLockRetention.compliance(Duration.days(props.retentionDays)),
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'evidence/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // The whole policy is the model's (lib/policies/evidence-statements.ts), TLS-only included.
    // Named by its literal name, as the policy's ARNs are; created once the bucket exists.
    const policy = new s3.CfnBucketPolicy(this, 'BucketPolicy', {
      bucket: props.bucketName,
      policyDocument: policyDocumentOf(props.bucketPolicy),
    });
    policy.node.addDependency(this.bucket);
    for (const bucket of [this.bucket, this.accessLogs]) {
      Validations.of(bucket.node.defaultChild as s3.CfnBucket).acknowledge(
        {
          id: 'NIST.800.53.R5::NIST.800.53.R5-S3BucketReplicationEnabled',
          reason:
            'The backup account is itself the separate account and region that holds copies; the evidence is kept under Object Lock here.',
        },
        {
          id: 'HIPAA.Security::HIPAA.Security-S3BucketReplicationEnabled',
          reason:
            'The backup account is itself the separate account and region that holds copies; the evidence is kept under Object Lock here.',
        },
      );
    }
  }
}
