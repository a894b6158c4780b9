import * as events from 'aws-cdk-lib/aws-events';

/**
 * EventBridge patterns and messages for the break-glass audit trail: CloudTrail management events
 * ("AWS API Call via CloudTrail") that change the protection of a vault or a key, or take data out.
 * Pure functions: the construct, the tests and the README all read these.
 *
 * Event shapes (CloudTrail record in `detail`):
 * - AWS Backup vault calls carry the vault in `requestParameters.backupVaultName`.
 * - StartRestoreJob and StartCopyJob carry a recovery-point ARN, which does not name the vault; copy
 *   jobs also carry `requestParameters.sourceBackupVaultName`. They are matched account-wide: the
 *   backup account holds only these vaults.
 * - AWS KMS calls name the key in `requestParameters.keyId`, as the caller wrote it: a key ID or a key
 *   ARN (these operations do not accept aliases), and CloudTrail lists the key's ARN in
 *   `resources[].ARN`. A rule matches either, so a call is caught whichever form the caller used.
 */

export const CLOUDTRAIL_API_CALL = 'AWS API Call via CloudTrail';

/** Changes to a vault's protection: its access policy, Vault Lock, notifications, or the vault itself. */
export const VAULT_CHANGE_EVENTS = [
  'PutBackupVaultAccessPolicy',
  'DeleteBackupVaultAccessPolicy',
  'PutBackupVaultLockConfiguration',
  'DeleteBackupVaultLockConfiguration',
  'PutBackupVaultNotifications',
  'DeleteBackupVaultNotifications',
  'DeleteBackupVault',
] as const;

/** Data leaving a vault: a restore, or a copy to another vault (the SSN vault's DENY treats both alike). */
export const DATA_OUT_EVENTS = ['StartRestoreJob', 'StartCopyJob'] as const;

/** Changes to a key's protection: its policy, disabling, scheduled deletion, rotation turned off. */
export const KEY_CHANGE_EVENTS = [
  'PutKeyPolicy',
  'DisableKey',
  'ScheduleKeyDeletion',
  'DisableKeyRotation',
] as const;

/**
 * Grants on a key. AWS Backup creates grants itself for routine copies (the call carries
 * `userIdentity.invokedBy: backup.amazonaws.com`); those are not alerted, every other grant is.
 */
export const KEY_GRANT_EVENTS = ['CreateGrant'] as const;

/**
 * Changes to a vault key's alias: the operator tool and the environment account find a key through
 * it, so an alias moved to another key (or deleted, or created before the stack) matters. CloudTrail
 * records the alias in `requestParameters.aliasName` (AWS KMS API reference: CreateAlias, UpdateAlias,
 * DeleteAlias take `AliasName`).
 */
export const ALIAS_CHANGE_EVENTS = ['CreateAlias', 'UpdateAlias', 'DeleteAlias'] as const;
export const ROUTINE_GRANT_CALLER = 'backup.amazonaws.com';

export function vaultChangePattern(vaultName: string): events.EventPattern {
  return {
    source: ['aws.backup'],
    detailType: [CLOUDTRAIL_API_CALL],
    detail: {
      eventSource: ['backup.amazonaws.com'],
      eventName: [...VAULT_CHANGE_EVENTS],
      requestParameters: { backupVaultName: [vaultName] },
    },
  };
}

export function dataOutPattern(): events.EventPattern {
  return {
    source: ['aws.backup'],
    detailType: [CLOUDTRAIL_API_CALL],
    detail: { eventSource: ['backup.amazonaws.com'], eventName: [...DATA_OUT_EVENTS] },
  };
}

/** The key, by its ARN in `resources`, or by ARN or ID in `requestParameters.keyId`. */
function keyMatch(keyArn: string, keyId: string): Record<string, unknown> {
  return { $or: [{ resources: { ARN: [keyArn] } }, { requestParameters: { keyId: [keyArn, keyId] } }] };
}

export function keyChangePattern(keyArn: string, keyId: string): events.EventPattern {
  return {
    source: ['aws.kms'],
    detailType: [CLOUDTRAIL_API_CALL],
    detail: {
      eventSource: ['kms.amazonaws.com'],
      eventName: [...KEY_CHANGE_EVENTS],
      ...keyMatch(keyArn, keyId),
    },
  };
}

export function keyGrantPattern(keyArn: string, keyId: string): events.EventPattern {
  return {
    source: ['aws.kms'],
    detailType: [CLOUDTRAIL_API_CALL],
    detail: {
      eventSource: ['kms.amazonaws.com'],
      eventName: [...KEY_GRANT_EVENTS],
      // `anything-but` never matches an absent field, so direct calls (no invokedBy) need their own branch.
      userIdentity: {
        $or: [{ invokedBy: [{ exists: false }] }, { invokedBy: [{ 'anything-but': ROUTINE_GRANT_CALLER }] }],
      },
      ...keyMatch(keyArn, keyId),
    },
  };
}

export function aliasChangePattern(aliasName: string): events.EventPattern {
  return {
    source: ['aws.kms'],
    detailType: [CLOUDTRAIL_API_CALL],
    detail: {
      eventSource: ['kms.amazonaws.com'],
      eventName: [...ALIAS_CHANGE_EVENTS],
      requestParameters: { aliasName: [aliasName] },
    },
  };
}

const field = (path: string) => events.EventField.fromPath(path);

/** The lines every audit message ends with: who, from where, when, with what result. */
export function callerLines(): string[] {
  return [
    `Caller: ${field('$.detail.userIdentity.arn')} (${field('$.detail.userIdentity.type')}, invoked by ${field('$.detail.userIdentity.invokedBy')})`,
    `Source IP: ${field('$.detail.sourceIPAddress')}; user agent: ${field('$.detail.userAgent')}`,
    `Time: ${field('$.detail.eventTime')}; account ${field('$.account')}, region ${field('$.region')}`,
    `Error code (empty when the call succeeded): ${field('$.detail.errorCode')}`,
    `CloudTrail event ID: ${field('$.detail.eventID')}`,
  ];
}

export function vaultChangeMessage(vaultNoun: string, vaultName: string, breakGlass: boolean): string {
  return [
    `${field('$.detail.eventName')} was called on ${vaultNoun} "${vaultName}".`,
    ...callerLines(),
    breakGlass
      ? 'This vault holds SSN data under break-glass protection: unless this change was planned and approved, treat it as an incident.'
      : 'Unless this change was planned, treat it as an incident.',
  ].join('\n');
}

export function dataOutMessage(): string {
  return [
    `${field('$.detail.eventName')} was called in the backup account: recovery point ${field('$.detail.requestParameters.recoveryPointArn')} (source vault for copies: ${field('$.detail.requestParameters.sourceBackupVaultName')}).`,
    ...callerLines(),
    'Restores and copies out of these vaults happen only in an emergency: unless this one was planned and approved, treat it as an incident.',
  ].join('\n');
}

export function keyChangeMessage(keyNoun: string, aliasName: string, breakGlass: boolean): string {
  return [
    `${field('$.detail.eventName')} was called on ${keyNoun} (${aliasName}, key ${field('$.detail.requestParameters.keyId')}).`,
    ...callerLines(),
    breakGlass
      ? 'This key encrypts SSN backups under break-glass protection: unless this change was planned and approved, treat it as an incident.'
      : 'A disabled or deleted key makes every backup it encrypts unreadable: unless this change was planned, treat it as an incident.',
  ].join('\n');
}

export function keyGrantMessage(keyNoun: string, aliasName: string): string {
  return [
    `A grant was created on ${keyNoun} (${aliasName}) for ${field('$.detail.requestParameters.granteePrincipal')}, operations ${field('$.detail.requestParameters.operations')}.`,
    ...callerLines(),
    'Grants made by AWS Backup for copies are not reported; this one was made by someone else: check who and why.',
  ].join('\n');
}

export function aliasChangeMessage(keyNoun: string, aliasName: string): string {
  return [
    `${field('$.detail.eventName')} was called on ${aliasName}, the alias of ${keyNoun} (target key: ${field('$.detail.requestParameters.targetKeyId')}).`,
    ...callerLines(),
    'The alias must name the key that encrypts the vault: unless this change was planned, treat it as an incident and check which key the alias names (aws kms list-aliases).',
  ].join('\n');
}
