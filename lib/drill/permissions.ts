/**
 * The IAM actions the drill calls, per account: what the operator's roles need (docs/drill.md
 * lists them, and a test keeps that list and every planned call within this one).
 */
export const DRILL_PERMISSIONS = {
  source: [
    'sts:GetCallerIdentity',
    'backup:DescribeRegionSettings',
    'backup:DescribeBackupVault',
    'iam:GetRole',
    'iam:PassRole',
    'dynamodb:CreateTable',
    'dynamodb:TagResource',
    'dynamodb:DescribeTable',
    'dynamodb:BatchWriteItem',
    'dynamodb:DeleteTable',
    'backup:StartBackupJob',
    'backup:DescribeBackupJob',
    'backup:StartCopyJob',
    'backup:DescribeCopyJob',
    'backup:DeleteRecoveryPoint',
  ],
  backup: [
    'sts:GetCallerIdentity',
    'cloudformation:DescribeStacks',
    'iam:GetRole',
    'iam:PassRole',
    'backup:DescribeRecoveryPoint',
    'cloudtrail:LookupEvents',
    'backup:GetRecoveryPointRestoreMetadata',
    'backup:StartRestoreJob',
    'backup:DescribeRestoreJob',
    'dynamodb:Scan',
    'dynamodb:DeleteTable',
    'backup:TagResource',
    's3:PutObject',
    'kms:GenerateDataKey',
  ],
  /**
   * With `--break-glass`, also: the break-glass operator's permissions (docs/break-glass.md) and
   * `sts:AssumeRole` on the drill role, which itself needs to restore and read the restored table.
   */
  breakGlass: ['sts:AssumeRole'],
} as const;
