import * as iam from 'aws-cdk-lib/aws-iam';
import { accountRootArn } from './partition';

/**
 * Vault access policy statements, one pure function each. Restore and copy-out act on
 * recovery-point ARNs, not on the vault ARN, so every statement uses `Resource: "*"`, as AWS's
 * own examples do; the policy is attached to the vault, which scopes it.
 */

/** Actions that take data out of a vault: restores, their metadata, and copies elsewhere. */
export const RESTORE_AND_COPY_OUT_ACTIONS = [
  'backup:StartRestoreJob',
  'backup:GetRecoveryPointRestoreMetadata',
  'backup:StartCopyJob',
  'backup:CopyFromBackupVault',
] as const;

/** Actions that delete a recovery point or shorten its life (AWS Config rule
 * backup-recovery-point-manual-deletion-disabled; `PutBackupVaultAccessPolicy` deliberately not). */
export const RECOVERY_POINT_DELETION_ACTIONS = [
  'backup:DeleteRecoveryPoint',
  'backup:UpdateRecoveryPointLifecycle',
] as const;

/** The listed source accounts, and only while they belong to the organization, may copy in. */
export function allowCopyIntoVault(
  sid: string,
  region: string,
  sourceAccountIds: readonly string[],
  organizationId: string,
): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid,
    effect: iam.Effect.ALLOW,
    principals: sourceAccountIds.map((id) => new iam.ArnPrincipal(accountRootArn(region, id))),
    actions: ['backup:CopyIntoBackupVault'],
    resources: ['*'],
    conditions: { StringEquals: { 'aws:PrincipalOrgID': organizationId } },
  });
}

/** Nobody deletes recovery points or shortens their retention by hand; lifecycle expiry still runs. */
export function denyRecoveryPointDeletion(sid: string): iam.PolicyStatement {
  return denyToEveryone(sid, RECOVERY_POINT_DELETION_ACTIONS);
}

/**
 * Nobody restores from the vault, reads restore metadata, or copies recovery points out of it.
 * Copying in and editing this policy stay possible: removing this statement is the break-glass path.
 */
export function denyRestoreAndCopyOut(sid: string): iam.PolicyStatement {
  return denyToEveryone(sid, RESTORE_AND_COPY_OUT_ACTIONS);
}

function denyToEveryone(sid: string, actions: readonly string[]): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid,
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: [...actions],
    resources: ['*'],
  });
}
