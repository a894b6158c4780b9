/**
 * Every AWS Backup action that acts on a backup vault or a recovery point (AWS's action catalogue,
 * the Service Authorization Reference for AWS Backup: resource types `backupVault` and
 * `recoveryPoint`), sorted into what the vault policies deny and what was reviewed and left to IAM.
 * Literal data, so that the app does not load the catalogue: test/policies/vault-actions.test.ts
 * compares these lists with the catalogue and fails when AWS adds an action that is in none of them.
 * Vault access policies accept no wildcards in `Action`, so every denied action is named here.
 */

/** Both vaults: actions that delete a recovery point, detach it from its source, or shorten its life. */
export const RECOVERY_POINT_DELETION_ACTIONS = [
  'backup:DeleteRecoveryPoint',
  'backup:UpdateRecoveryPointLifecycle',
  'backup:DisassociateRecoveryPoint',
  'backup:DisassociateRecoveryPointFromParent',
] as const;

/** Both vaults: the vaults take only copies, no backup job writes into them. */
export const BACKUP_JOB_ACTIONS = ['backup:StartBackupJob'] as const;

/** SSN vault, lifted for one principal by an opening: restores, their metadata, and copies elsewhere. */
export const RESTORE_AND_COPY_OUT_ACTIONS = [
  'backup:StartRestoreJob',
  'backup:GetRecoveryPointRestoreMetadata',
  'backup:StartCopyJob',
  'backup:CopyFromBackupVault',
] as const;

/**
 * SSN vault, never lifted: every other way to read, index, search, scan, mount or share a recovery
 * point's data. An opening needs none of them to restore.
 */
export const RECOVERY_POINT_DATA_ACTIONS = [
  'backup:CreateBackupAccessPoint',
  'backup:StartScanJob',
  'backup:GetPITRMalwareScanResults',
  'backup:SearchRecoveryPoint',
  'backup:GetRecoveryPointIndexDetails',
  'backup:UpdateRecoveryPointIndexSettings',
  'backup:CreateRestoreAccessBackupVault',
  'backup:PutBackupVaultSharingPolicy',
] as const;

/**
 * Actions neither vault policy denies, each reviewed: it reads no recovery point data, or it is
 * what the stack or the break-glass path itself uses.
 */
export const REVIEWED_VAULT_ACTIONS: Readonly<Record<string, string>> = {
  'backup:CopyIntoBackupVault': 'how copies arrive: allowed to the listed source accounts only',
  'backup:CreateBackupVault': 'creates another vault; this one exists already',
  'backup:CreateLogicallyAirGappedBackupVault': 'creates another vault; this one exists already',
  'backup:DeleteBackupVault':
    'AWS Backup refuses to delete a vault that holds recovery points; the stack retains the vault',
  'backup:DescribeBackupVault':
    "reads the vault's settings (doctor, the break-glass tool), no recovery point data",
  'backup:DescribeRecoveryPoint':
    "reads a recovery point's status, dates and size, no data or restore metadata; a restore needs it",
  'backup:ListProtectedResourcesByBackupVault': 'lists resource ARNs, no data',
  'backup:ListRecoveryPointsByBackupVault': 'lists recovery points (the freshness check), no data',
  'backup:ListRestoreAccessBackupVaults': 'lists restore access vaults, whose creation the SSN vault denies',
  'backup:ListTags': 'reads tags',
  'backup:TagResource': 'writes tags, which grant nothing here',
  'backup:UntagResource': 'removes tags, which grant nothing here',
  'backup:GetBackupVaultAccessPolicy': 'reads this policy',
  'backup:PutBackupVaultAccessPolicy':
    'editing this policy is the break-glass path (recorded by CloudTrail, watched by the alerts)',
  'backup:DeleteBackupVaultAccessPolicy':
    'editing this policy is the break-glass path (recorded by CloudTrail, watched by the alerts)',
  'backup:PutBackupVaultLockConfiguration':
    'the Vault Lock the stack manages; once in compliance mode, AWS refuses any change to it',
  'backup:DeleteBackupVaultLockConfiguration':
    'the Vault Lock the stack manages; once in compliance mode, AWS refuses to remove it',
  'backup:GetBackupVaultNotifications': 'reads the notification settings the stack manages',
  'backup:PutBackupVaultNotifications': 'the notification settings the stack manages',
  'backup:DeleteBackupVaultNotifications': 'the notification settings the stack manages',
  'backup:GetBackupVaultSharingPolicy': 'reads the sharing policy, whose creation the SSN vault denies',
  'backup:DeleteBackupVaultSharingPolicy': 'stops sharing: removes access, never adds it',
  'backup:RevokeRestoreAccessBackupVault': 'revokes a restore access vault: removes access, never adds it',
  'backup:AssociateBackupVaultMpaApprovalTeam':
    'multi-party approval of restore access vaults, whose creation the SSN vault denies',
  'backup:DisassociateBackupVaultMpaApprovalTeam':
    'multi-party approval of restore access vaults, whose creation the SSN vault denies',
};

/**
 * The actions above that act on the vault itself rather than on a recovery point (the tagging
 * actions act on either): the policy proofs evaluate them against the vault's ARN.
 */
export const ACTIONS_ON_THE_VAULT: ReadonlySet<string> = new Set([
  'backup:StartBackupJob',
  'backup:CopyIntoBackupVault',
  'backup:CreateBackupVault',
  'backup:CreateLogicallyAirGappedBackupVault',
  'backup:CreateRestoreAccessBackupVault',
  'backup:DeleteBackupVault',
  'backup:DescribeBackupVault',
  'backup:ListProtectedResourcesByBackupVault',
  'backup:ListRecoveryPointsByBackupVault',
  'backup:ListRestoreAccessBackupVaults',
  'backup:RevokeRestoreAccessBackupVault',
  'backup:GetBackupVaultAccessPolicy',
  'backup:PutBackupVaultAccessPolicy',
  'backup:DeleteBackupVaultAccessPolicy',
  'backup:PutBackupVaultLockConfiguration',
  'backup:DeleteBackupVaultLockConfiguration',
  'backup:GetBackupVaultNotifications',
  'backup:PutBackupVaultNotifications',
  'backup:DeleteBackupVaultNotifications',
  'backup:GetBackupVaultSharingPolicy',
  'backup:PutBackupVaultSharingPolicy',
  'backup:DeleteBackupVaultSharingPolicy',
  'backup:AssociateBackupVaultMpaApprovalTeam',
  'backup:DisassociateBackupVaultMpaApprovalTeam',
  'backup:ListTags',
  'backup:TagResource',
  'backup:UntagResource',
]);
