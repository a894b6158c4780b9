/**
 * What the opened role needs for a DynamoDB restore besides the opening, which only lifts the
 * SSN vault's and key's DENY for it. The README's walk-through passes the same role as the restore
 * job's role, so it needs both the caller's and the job's permissions.
 */
export const RESTORE_PREREQUISITES: readonly string[] = [
  'a trust policy that lets backup.amazonaws.com assume it (it is also the role the restore job runs as)',
  'backup:StartRestoreJob, backup:GetRecoveryPointRestoreMetadata and backup:DescribeRecoveryPoint in its identity policy',
  'iam:PassRole on itself (the role the restore job runs as), for backup.amazonaws.com',
  "AWS's managed policy AWSBackupServiceRolePolicyForRestores (the job's DynamoDB restore actions, dynamodb:RestoreTableFromAwsBackup among them, and KMS use through DynamoDB), or the same for the restored table",
  "for a restored table under the SSN key, DynamoDB's minimum on a customer managed key through DynamoDB: kms:Encrypt, kms:Decrypt, kms:ReEncrypt*, kms:GenerateDataKey*, kms:DescribeKey and kms:CreateGrant (for an AWS resource); the managed policy above has them",
  'dynamodb:DescribeTable and read actions on the restored table, to use the data',
];
