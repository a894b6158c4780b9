/**
 * The restore an opening is for, written out: a DynamoDB restore from the SSN vault whose restored
 * table is encrypted with the SSN key (AWS Backup's DynamoDB restore metadata `encryptionType=KMS`
 * and `kmsMasterKeyArn`, available for recovery points with AWS Backup's advanced DynamoDB features,
 * which cross-account copies have). Under the SSN key, the restored table and its backups,
 * point-in-time restores and exports need the SSN key, which the seal denies to everyone in the
 * account once the opening is closed. Any other key (the default AWS owned key included) leaves the
 * restored data readable by anyone with DynamoDB rights after close.
 */

export interface RestoreCommandInput {
  readonly region: string;
  readonly vaultName: string;
  /** The opened role: it starts the restore job and the job runs as it. */
  readonly principalArn: string;
  /** The SSN key's ARN (the vault's own key); offline, a description. */
  readonly keyArn: string;
}

/** The AWS CLI command, one argument a line, with placeholders in angle brackets. */
export function restoreCommand(input: RestoreCommandInput): string[] {
  return [
    `aws backup start-restore-job --region ${input.region} \\`,
    `  --recovery-point-arn <the recovery point's ARN in ${input.vaultName}> \\`,
    `  --iam-role-arn ${input.principalArn} \\`,
    '  --resource-type DynamoDB \\',
    `  --metadata targetTableName=<new table name>,encryptionType=KMS,kmsMasterKeyArn=${input.keyArn}`,
  ];
}
