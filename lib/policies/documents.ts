import type { BackupAccountConfig } from '../config/types';
import {
  allowAccountAdministration,
  allowBackupServiceLinkedRole,
  allowGrantsForAwsResources,
  allowKeyUseViaServices,
  denyDirectKeyMaterialUse,
  denyKeyMaterialUseInAccount,
  denyGrantsNotForAwsServices,
} from './key-statements';
import { type Destination, destination, type DestinationKind } from './destinations';
import { viaService } from './partition';
import type { PolicyJson, StatementJson } from './policy-json';
import { SID } from './sids';
import {
  allowCopyIntoVault,
  denyBackupJobsIntoVault,
  denyRecoveryPointDataAccess,
  denyRecoveryPointDeletion,
  denyRestoreAndCopyOut,
} from './vault-statements';

/** The services through which source accounts may use the keys, in every source and backup region. */
export function keyViaServices(config: BackupAccountConfig): string[] {
  const regions = [...new Set([...config.sourceRegions, config.backupRegion])];
  return regions.flatMap((region) => [viaService('backup', region), viaService('dynamodb', region)]);
}

/** The key policy of a destination's encryption key, statement by statement. */
export function keyPolicyStatements(d: Destination, config: BackupAccountConfig): StatementJson[] {
  const { backupRegion: region, backupAccountId, sourceAccountIds, organizationId } = config;
  const use = { region, sourceAccountIds, organizationId, viaServices: keyViaServices(config) };
  return [
    allowAccountAdministration(SID.enableInAccountPermissions, region, backupAccountId),
    allowKeyUseViaServices(d.sids.keyUse, use),
    allowGrantsForAwsResources(d.sids.grants, use),
    allowBackupServiceLinkedRole(SID.allowBackupServiceLinkedRole, region, backupAccountId),
    ...(d.breakGlass
      ? [
          denyDirectKeyMaterialUse(SID.denySsnKeyDecryptOperations, region, backupAccountId),
          denyKeyMaterialUseInAccount(SID.denySsnKeyUseInBackupAccount, region, backupAccountId),
        ]
      : []),
    denyGrantsNotForAwsServices(SID.denyGrantsNotForAwsServices),
  ];
}

/** The access policy of a destination vault, statement by statement. */
export function vaultPolicyStatements(d: Destination, config: BackupAccountConfig): StatementJson[] {
  return [
    allowCopyIntoVault(d.sids.copyIn, config.backupRegion, config.sourceAccountIds, config.organizationId),
    denyRecoveryPointDeletion(SID.denyRecoveryPointDeletion),
    denyBackupJobsIntoVault(SID.denyBackupJobsIntoVault),
    ...(d.breakGlass
      ? [
          denyRestoreAndCopyOut(SID.denyEmergencyRestoreOperations),
          denyRecoveryPointDataAccess(SID.denySsnRecoveryPointDataAccess),
        ]
      : []),
  ];
}

/** IAM's current policy language version, which every policy of the stack declares. */
export const POLICY_VERSION = '2012-10-17';

/**
 * A policy document kept exactly as built: no statement merging, so every Sid survives (the
 * constructs convert it with `minimize: false`, lib/constructs/policy-documents.ts).
 */
export function policyDocument(statements: readonly StatementJson[]): PolicyJson {
  return { Statement: [...statements], Version: POLICY_VERSION };
}

/** A destination's key policy, by its row or its kind. */
export function keyPolicy(d: Destination | DestinationKind, config: BackupAccountConfig): PolicyJson {
  return policyDocument(keyPolicyStatements(typeof d === 'string' ? destination(d) : d, config));
}

/** A destination's vault access policy, by its row or its kind. */
export function vaultPolicy(d: Destination | DestinationKind, config: BackupAccountConfig): PolicyJson {
  return policyDocument(vaultPolicyStatements(typeof d === 'string' ? destination(d) : d, config));
}
