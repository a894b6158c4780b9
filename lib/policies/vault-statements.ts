import { accountRootArn } from './partition';
import { ANY_PRINCIPAL, type ConditionJson, statement, type StatementJson } from './policy-json';
import {
  BACKUP_JOB_ACTIONS,
  RECOVERY_POINT_DATA_ACTIONS,
  RECOVERY_POINT_DELETION_ACTIONS,
  RESTORE_AND_COPY_OUT_ACTIONS,
} from './vault-actions';

export {
  BACKUP_JOB_ACTIONS,
  RECOVERY_POINT_DATA_ACTIONS,
  RECOVERY_POINT_DELETION_ACTIONS,
  RESTORE_AND_COPY_OUT_ACTIONS,
} from './vault-actions';

/**
 * Vault access policy statements, one pure function each. Restore and copy-out act on
 * recovery-point ARNs, not on the vault ARN, so every statement uses `Resource: "*"`, as AWS's
 * own examples do; the policy is attached to the vault, which scopes it. Which actions each DENY
 * names, and why the others are left to IAM: lib/policies/vault-actions.ts.
 */

/** The listed source accounts, and only while they belong to the organization, may copy in. */
export function allowCopyIntoVault(
  sid: string,
  region: string,
  sourceAccountIds: readonly string[],
  organizationId: string,
): StatementJson {
  return statement({
    Sid: sid,
    Effect: 'Allow',
    Principal: { AWS: sourceAccountIds.map((id) => accountRootArn(region, id)) },
    Action: 'backup:CopyIntoBackupVault',
    Resource: '*',
    Condition: { StringEquals: { 'aws:PrincipalOrgID': organizationId } },
  });
}

/**
 * Nobody deletes recovery points, detaches them from their source, or shortens their retention by
 * hand; lifecycle expiry still runs.
 */
export function denyRecoveryPointDeletion(sid: string): StatementJson {
  return denyAnyPrincipal(sid, RECOVERY_POINT_DELETION_ACTIONS);
}

/**
 * Nobody starts a backup job into the vault: it takes only copies. Otherwise any table of the
 * account (a restored SSN table included) could be backed up into it, where Vault Lock keeps it.
 */
export function denyBackupJobsIntoVault(sid: string): StatementJson {
  return denyAnyPrincipal(sid, BACKUP_JOB_ACTIONS);
}

/**
 * Nobody restores from the vault, reads restore metadata, or copies recovery points out of it.
 * Copying in and editing this policy stay possible: removing this statement is the break-glass path.
 */
export function denyRestoreAndCopyOut(sid: string): StatementJson {
  return denyAnyPrincipal(sid, RESTORE_AND_COPY_OUT_ACTIONS);
}

/**
 * Nobody reads, indexes, searches, scans, mounts or shares the recovery points' data by any other
 * action. An opening does not lift it: a restore needs none of these.
 */
export function denyRecoveryPointDataAccess(sid: string): StatementJson {
  return denyAnyPrincipal(sid, RECOVERY_POINT_DATA_ACTIONS);
}

/** A DENY of `actions` on every resource to any principal, or to those its condition selects. */
export function denyAnyPrincipal(
  sid: string,
  actions: readonly string[],
  condition?: ConditionJson,
): StatementJson {
  return statement({
    Sid: sid,
    Effect: 'Deny',
    Principal: ANY_PRINCIPAL,
    Action: actions,
    Resource: '*',
    Condition: condition,
  });
}
