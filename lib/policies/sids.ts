/** Statement IDs, kept from the original specification so that operators find what they know. */
export const SID = {
  enableInAccountPermissions: 'EnableInAccountPermissions',
  allowUseOfTheKey: 'AllowUseOfTheKey',
  allowAttachmentOfPersistentResources: 'AllowAttachmentOfPersistentResources',
  allowSsnBackupOperations: 'AllowSSNBackupOperations',
  allowSsnGrantCreation: 'AllowSSNGrantCreation',
  denySsnKeyDecryptOperations: 'DenySSNKeyDecryptOperations',
  /** SSN key: no principal of the backup account but AWS Backup's role uses its material, by any path. */
  denySsnKeyUseInBackupAccount: 'DenySSNKeyUseInBackupAccount',
  /** This account's AWS Backup service-linked role may do a copy's key work (both vault keys). */
  allowBackupServiceLinkedRole: 'AllowBackupServiceLinkedRoleKeyUse',
  /** AWS Control Tower CT.KMS.PR.3, on every key: grants only for AWS resources or by AWS services. */
  denyGrantsNotForAwsServices: 'DenyGrantsNotForAWSServices',
  enableBackupVaultAccess: 'EnableBackupVaultAccess',
  enableSsnBackupVaultAccess: 'EnableSSNBackupVaultAccess',
  denyRecoveryPointDeletion: 'DenyManualRecoveryPointDeletion',
  denyEmergencyRestoreOperations: 'DenyEmergencyRestoreOperations',
  /** Both vaults: no backup job into them, they take only copies. */
  denyBackupJobsIntoVault: 'DenyBackupJobsIntoVault',
  /** SSN vault: no scan, index, search, access point or sharing of recovery points; never lifted. */
  denySsnRecoveryPointDataAccess: 'DenySSNRecoveryPointDataAccess',
  /** Break-glass opening (lib/policies/break-glass-statements.ts); the two ALLOWs end with the reason. */
  breakGlassRestoreAccess: 'BreakGlassRestoreAccess',
  breakGlassDecryptAccess: 'BreakGlassDecryptAccess',
  breakGlassDenyCopyOut: 'BreakGlassDenyCopyOut',
  breakGlassDenyOtherKeyPaths: 'BreakGlassDenyOtherKeyPaths',
  /** The evidence bucket (lib/policies/evidence-statements.ts). */
  denyInsecureTransport: 'DenyInsecureTransport',
  denyEvidenceDeletion: 'DenyEvidenceDeletion',
  allowAuditReportDelivery: 'AllowAuditReportDelivery',
  allowAuditReportEncryption: 'AllowAuditReportEncryption',
  /** Added to a break-glass DENY's Sid for its copy that applies to the principal from the expiry on. */
  afterExpirySuffix: 'AfterExpiry',
} as const;
