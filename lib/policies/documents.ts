import * as iam from 'aws-cdk-lib/aws-iam';
import type { BackupAccountConfig } from '../config/types';
import {
  allowAccountAdministration,
  allowBackupServiceLinkedRole,
  allowGrantsForAwsResources,
  allowKeyUseViaServices,
  denyDirectKeyMaterialUse,
  denyGrantsNotForAwsServices,
} from './key-statements';
import { dnsSuffixOf } from './partition';
import { SID } from './sids';
import { allowCopyIntoVault, denyRecoveryPointDeletion, denyRestoreAndCopyOut } from './vault-statements';

/** The two kinds of backup destination: general data, and SSN data under break-glass protection. */
export type DestinationKind = 'general' | 'ssn';

/** The services through which source accounts may use the keys, in every source and backup region. */
export function keyViaServices(config: BackupAccountConfig): string[] {
  const regions = [...new Set([...config.sourceRegions, config.backupRegion])];
  return regions.flatMap((region) => [
    `backup.${region}.${dnsSuffixOf(region)}`,
    `dynamodb.${region}.${dnsSuffixOf(region)}`,
  ]);
}

/** The key policy of a destination's encryption key, statement by statement. */
export function keyPolicyStatements(
  kind: DestinationKind,
  config: BackupAccountConfig,
): iam.PolicyStatement[] {
  const { backupRegion: region, backupAccountId, sourceAccountIds } = config;
  const ssn = kind === 'ssn';
  const statements = [
    allowAccountAdministration(SID.enableInAccountPermissions, region, backupAccountId),
    allowKeyUseViaServices(
      ssn ? SID.allowSsnBackupOperations : SID.allowUseOfTheKey,
      region,
      sourceAccountIds,
      keyViaServices(config),
    ),
    allowGrantsForAwsResources(
      ssn ? SID.allowSsnGrantCreation : SID.allowAttachmentOfPersistentResources,
      region,
      sourceAccountIds,
      keyViaServices(config),
    ),
    allowBackupServiceLinkedRole(SID.allowBackupServiceLinkedRole, region, backupAccountId),
  ];
  if (ssn)
    statements.push(denyDirectKeyMaterialUse(SID.denySsnKeyDecryptOperations, region, backupAccountId));
  statements.push(denyGrantsNotForAwsServices(SID.denyGrantsNotForAwsServices));
  return statements;
}

/** The access policy of a destination vault, statement by statement. */
export function vaultPolicyStatements(
  kind: DestinationKind,
  config: BackupAccountConfig,
): iam.PolicyStatement[] {
  const ssn = kind === 'ssn';
  const statements = [
    allowCopyIntoVault(
      ssn ? SID.enableSsnBackupVaultAccess : SID.enableBackupVaultAccess,
      config.backupRegion,
      config.sourceAccountIds,
      config.organizationId,
    ),
    denyRecoveryPointDeletion(SID.denyRecoveryPointDeletion),
  ];
  if (ssn) statements.push(denyRestoreAndCopyOut(SID.denyEmergencyRestoreOperations));
  return statements;
}

/** A policy document kept exactly as built: no statement merging, so every Sid survives. */
export function policyDocument(statements: iam.PolicyStatement[]): iam.PolicyDocument {
  return new iam.PolicyDocument({ statements, minimize: false });
}

export function keyPolicy(kind: DestinationKind, config: BackupAccountConfig): iam.PolicyDocument {
  return policyDocument(keyPolicyStatements(kind, config));
}

export function vaultPolicy(kind: DestinationKind, config: BackupAccountConfig): iam.PolicyDocument {
  return policyDocument(vaultPolicyStatements(kind, config));
}
