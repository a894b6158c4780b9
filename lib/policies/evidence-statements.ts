import type { BackupAccountConfig } from '../config/types';
import { allowAccountAdministration, denyGrantsNotForAwsServices } from './key-statements';
import { viaService, partitionOf } from './partition';
import { ANY_PRINCIPAL, statement, type StatementJson } from './policy-json';
import { SID } from './sids';

/**
 * Policies of the evidence bucket and its key. The bucket's name is built from the account and
 * region, so that its ARN, and so every statement, is known before deployment.
 */

/** Where AWS Backup Audit Manager delivers its reports in the bucket. */
export const AUDIT_REPORT_PREFIX = 'audit-manager';

/** Object actions that remove an object or hide it behind a delete marker, and lifecycle rules that would. */
export const EVIDENCE_DELETION_ACTIONS = [
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:PutLifecycleConfiguration',
] as const;

export function evidenceBucketName(config: BackupAccountConfig): string {
  return `compactconnect-backup-evidence-${config.backupAccountId}-${config.backupRegion}`;
}

export function evidenceBucketArn(config: BackupAccountConfig): string {
  return `arn:${partitionOf(config.backupRegion)}:s3:::${evidenceBucketName(config)}`;
}

/** AWS Backup Audit Manager's service-linked role, which delivers report files. */
export function backupReportsRoleArn(region: string, accountId: string): string {
  return `arn:${partitionOf(region)}:iam::${accountId}:role/aws-service-role/reports.backup.amazonaws.com/AWSServiceRoleForBackupReports`;
}

/** Nobody reads or writes the bucket without TLS. */
export function denyInsecureTransport(sid: string, bucketArn: string): StatementJson {
  return statement({
    Sid: sid,
    Effect: 'Deny',
    Principal: ANY_PRINCIPAL,
    Action: 's3:*',
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  });
}

/**
 * Nobody deletes evidence, hides it behind a delete marker, or adds a lifecycle rule that would.
 * Object Lock in compliance mode already forbids deleting a locked version and shortening its
 * retention, for every user including the account's root; this also covers delete markers, which
 * Object Lock allows, and evidence past its retention.
 */
export function denyEvidenceDeletion(sid: string, bucketArn: string): StatementJson {
  return statement({
    Sid: sid,
    Effect: 'Deny',
    Principal: ANY_PRINCIPAL,
    Action: EVIDENCE_DELETION_ACTIONS,
    Resource: [bucketArn, `${bucketArn}/*`],
  });
}

/**
 * AWS Backup Audit Manager's service-linked role may deliver report files under its prefix, with
 * the bucket owner in control of them. Any principal narrowed to that role's exact ARN, since S3
 * rejects a policy that names a role that does not exist yet.
 */
export function allowAuditReportDelivery(
  sid: string,
  bucketArn: string,
  region: string,
  accountId: string,
): StatementJson {
  return statement({
    Sid: sid,
    Effect: 'Allow',
    Principal: ANY_PRINCIPAL,
    Action: 's3:PutObject',
    Resource: `${bucketArn}/${AUDIT_REPORT_PREFIX}/*`,
    Condition: {
      ArnEquals: { 'aws:PrincipalArn': backupReportsRoleArn(region, accountId) },
      StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' },
    },
  });
}

/** AWS Backup Audit Manager's role may encrypt the report files it delivers, through S3 only. */
export function allowAuditReportEncryption(sid: string, region: string, accountId: string): StatementJson {
  return statement({
    Sid: sid,
    Effect: 'Allow',
    Principal: ANY_PRINCIPAL,
    Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
    Resource: '*',
    Condition: {
      ArnEquals: { 'aws:PrincipalArn': backupReportsRoleArn(region, accountId) },
      StringEquals: { 'kms:ViaService': viaService('s3', region) },
    },
  });
}

/** The evidence bucket's policy, statement by statement. */
export function evidenceBucketPolicyStatements(config: BackupAccountConfig): StatementJson[] {
  const arn = evidenceBucketArn(config);
  return [
    denyInsecureTransport(SID.denyInsecureTransport, arn),
    denyEvidenceDeletion(SID.denyEvidenceDeletion, arn),
    ...(config.evidence.auditFramework
      ? [
          allowAuditReportDelivery(
            SID.allowAuditReportDelivery,
            arn,
            config.backupRegion,
            config.backupAccountId,
          ),
        ]
      : []),
  ];
}

/** The evidence key's policy: the account's IAM governs it; Audit Manager encrypts its reports. */
export function evidenceKeyPolicyStatements(config: BackupAccountConfig): StatementJson[] {
  const { backupRegion: region, backupAccountId: account } = config;
  return [
    allowAccountAdministration(SID.enableInAccountPermissions, region, account),
    ...(config.evidence.auditFramework
      ? [allowAuditReportEncryption(SID.allowAuditReportEncryption, region, account)]
      : []),
    denyGrantsNotForAwsServices(SID.denyGrantsNotForAwsServices),
  ];
}
