/** Statement IDs, kept from the original specification so that operators find what they know. */
export const SID = {
  enableInAccountPermissions: 'EnableInAccountPermissions',
  allowUseOfTheKey: 'AllowUseOfTheKey',
  allowAttachmentOfPersistentResources: 'AllowAttachmentOfPersistentResources',
  allowSsnBackupOperations: 'AllowSSNBackupOperations',
  allowSsnGrantCreation: 'AllowSSNGrantCreation',
  denySsnKeyDecryptOperations: 'DenySSNKeyDecryptOperations',
  enableBackupVaultAccess: 'EnableBackupVaultAccess',
  enableSsnBackupVaultAccess: 'EnableSSNBackupVaultAccess',
  denyRecoveryPointDeletion: 'DenyManualRecoveryPointDeletion',
  denyEmergencyRestoreOperations: 'DenyEmergencyRestoreOperations',
} as const;
