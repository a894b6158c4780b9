import { accountRootArn, viaService, partitionOf } from './partition';
import { ANY_PRINCIPAL, type PrincipalJson, statement, type StatementJson } from './policy-json';

/**
 * Key policy statements. Each function is pure and returns one statement: the stack, the tests,
 * the access report and the break-glass tool all build policies from these.
 */

/** Actions a source account needs to encrypt into the key through a service. */
export const KEY_USE_ACTIONS = [
  'kms:DescribeKey',
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:ReEncrypt*',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
] as const;

export const GRANT_ACTIONS = ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'] as const;

/**
 * Every way to obtain plaintext from the key directly: decrypt, re-encrypt under a key the caller
 * owns, generate data keys, or grant oneself any of these.
 */
export const KEY_MATERIAL_ACTIONS = [
  'kms:Decrypt',
  'kms:ReEncryptFrom',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyPair',
  'kms:GenerateDataKeyPairWithoutPlaintext',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:CreateGrant',
] as const;

/**
 * The backup account's root keeps `kms:*`: IAM policies in the account govern the key, and KMS's
 * lockout check on PutKeyPolicy always passes for the account's administrators.
 */
export function allowAccountAdministration(sid: string, region: string, accountId: string): StatementJson {
  return statement({
    Sid: sid,
    Effect: 'Allow',
    Principal: { AWS: accountRootArn(region, accountId) },
    Action: 'kms:*',
    Resource: '*',
  });
}

/** Who may use a key from the source accounts, and through which services. */
export interface SourceKeyUse {
  readonly region: string;
  readonly sourceAccountIds: readonly string[];
  /** The source accounts' organization: they use the key only while they belong to it. */
  readonly organizationId: string;
  readonly viaServices: readonly string[];
}

/**
 * Source accounts may use the key, but only through the listed services (`kms:ViaService`), and
 * only while they belong to the organization (`aws:PrincipalOrgID`, as for copies into the vaults).
 */
export function allowKeyUseViaServices(sid: string, use: SourceKeyUse): StatementJson {
  return statement({
    Sid: sid,
    Effect: 'Allow',
    Principal: sourceAccounts(use),
    Action: KEY_USE_ACTIONS,
    Resource: '*',
    Condition: { StringEquals: viaServicesInOrganization(use) },
  });
}

/**
 * Source accounts may manage grants, but only grants for AWS resources, made through the listed
 * services (`kms:ViaService`), while they belong to the organization: they attach the key to
 * resources through AWS Backup and DynamoDB only.
 */
export function allowGrantsForAwsResources(sid: string, use: SourceKeyUse): StatementJson {
  return statement({
    Sid: sid,
    Effect: 'Allow',
    Principal: sourceAccounts(use),
    Action: GRANT_ACTIONS,
    Resource: '*',
    Condition: {
      Bool: { 'kms:GrantIsForAWSResource': 'true' },
      StringEquals: viaServicesInOrganization(use),
    },
  });
}

/** The source accounts' roots. */
function sourceAccounts(use: SourceKeyUse): PrincipalJson {
  return { AWS: use.sourceAccountIds.map((id) => accountRootArn(use.region, id)) };
}

/** Through the listed services only, while the caller belongs to the organization. */
function viaServicesInOrganization(use: SourceKeyUse): Record<string, string | string[]> {
  return { 'kms:ViaService': [...use.viaServices], 'aws:PrincipalOrgID': use.organizationId };
}

/** What a copy into a vault needs of its key: describe, encrypt, decrypt, re-encrypt, data keys, grants. */
export const COPY_KEY_ACTIONS = [
  'kms:DescribeKey',
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:ReEncrypt*',
  'kms:GenerateDataKey*',
  ...GRANT_ACTIONS,
] as const;

/**
 * This account's AWS Backup service-linked role may do a copy's key work, however it calls
 * (directly or through a service): its AWS-managed policy gives it KMS only through EC2, RDS and
 * FSx, and "the destination account uses a service-linked role to pull backups" (AWS Backup
 * Developer Guide, "Using service-linked roles"). Grant operations only for AWS resources
 * (`kms:GrantIsForAWSResource`, present on grant operations only, hence IfExists).
 *
 * Not a root delegation (IAM gives this role nothing here), and not the role as `Principal`: KMS
 * rejects a policy naming a role that does not exist yet, as in a fresh account before AWS Backup
 * first creates the role. So: any principal, narrowed to exactly this role's ARN.
 */
export function allowBackupServiceLinkedRole(sid: string, region: string, accountId: string): StatementJson {
  return statement({
    Sid: sid,
    Effect: 'Allow',
    Principal: ANY_PRINCIPAL,
    Action: COPY_KEY_ACTIONS,
    Resource: '*',
    Condition: {
      ArnEquals: { 'aws:PrincipalArn': backupServiceLinkedRoleArn(region, accountId) },
      BoolIfExists: { 'kms:GrantIsForAWSResource': 'true' },
    },
  });
}

/**
 * AWS Control Tower's proactive control CT.KMS.PR.3, in exactly its shape: nobody creates a grant
 * unless it is for an AWS resource (an integrated service calls on the principal's behalf) or an
 * AWS service principal calls. No other condition: the control accepts none.
 */
export function denyGrantsNotForAwsServices(sid: string): StatementJson {
  return statement({
    Sid: sid,
    Effect: 'Deny',
    Principal: '*',
    Action: 'kms:CreateGrant',
    Resource: '*',
    Condition: {
      BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' },
    },
  });
}

/**
 * Nobody, in any account, obtains key material directly. The DENY fires only when all three hold:
 * - no service made the call on the principal's behalf (`kms:ViaService` absent);
 * - the caller is not a service principal (`aws:PrincipalIsAWSService`, absent on role sessions:
 *   IfExists makes absence count as "not a service");
 * - the caller is not this account's AWS Backup service-linked role, which performs cross-account
 *   copies and carries neither of the keys above. Exact ARN, under `ArnNotLike`: an opening adds
 *   its own `ArnNotEquals aws:PrincipalArn`, and the two must not share an operator.
 * Key management (PutKeyPolicy, GetKeyPolicy, DescribeKey) is never denied: editing this policy is
 * the break-glass path.
 */
export function denyDirectKeyMaterialUse(sid: string, region: string, accountId: string): StatementJson {
  return statement({
    Sid: sid,
    Effect: 'Deny',
    Principal: ANY_PRINCIPAL,
    Action: KEY_MATERIAL_ACTIONS,
    Resource: '*',
    Condition: {
      Null: { 'kms:ViaService': 'true' },
      BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
      ArnNotLike: { 'aws:PrincipalArn': backupServiceLinkedRoleArn(region, accountId) },
    },
  });
}

/**
 * What a DynamoDB restore does with its key, from AWS's `AWSBackupServiceRolePolicyForRestores`: the
 * restore-testing role's use of the general key, and a break-glass opening's use of the SSN key.
 */
export const RESTORE_KEY_ACTIONS = [
  'kms:Decrypt',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
] as const;

/**
 * Every use of the key's material, by any path: encrypt, decrypt, re-encrypt, data keys, and grants
 * (a grant hands these on). Wildcards are safe in a DENY: they also cover actions AWS adds later.
 */
export const SEALED_KEY_ACTIONS = [
  'kms:Decrypt',
  'kms:Encrypt',
  'kms:GenerateDataKey*',
  'kms:ReEncrypt*',
  'kms:CreateGrant',
] as const;

/**
 * No principal of the backup account uses the key's material, directly or through any service but
 * AWS Backup in the backup region, except this account's AWS Backup service-linked role (copies in).
 * What it leaves alone:
 * - principals of other accounts (`aws:PrincipalAccount`): the source accounts' copies through AWS
 *   Backup and DynamoDB (their direct use is `denyDirectKeyMaterialUse`'s business);
 * - AWS service principals, which carry no `aws:PrincipalAccount`;
 * - calls through AWS Backup in the backup region (`StringNotEquals kms:ViaService`, true when the
 *   key is absent: direct calls stay denied). Creating a vault with this key needs them: AWS
 *   Backup's CreateBackupVault uses the key on the caller's behalf (CreateGrant, Decrypt,
 *   GenerateDataKey: AWS Backup Developer Guide, "Backup vault creation and deletion"), so without
 *   it the stack could not create the SSN vault. Every AWS Backup path to the vault's data (restore,
 *   copy, scan, search, index, access points) is denied by the SSN vault's policy instead;
 * - key administration (PutKeyPolicy, GetKeyPolicy, DescribeKey): editing this policy is the
 *   break-glass path, and an opening exempts its one principal from this statement.
 * The service-linked role under `ArnNotLike`, as in `denyDirectKeyMaterialUse`: an opening adds its
 * own `ArnNotEquals aws:PrincipalArn`.
 */
export function denyKeyMaterialUseInAccount(sid: string, region: string, accountId: string): StatementJson {
  return statement({
    Sid: sid,
    Effect: 'Deny',
    Principal: ANY_PRINCIPAL,
    Action: SEALED_KEY_ACTIONS,
    Resource: '*',
    Condition: {
      StringEquals: { 'aws:PrincipalAccount': accountId },
      ArnNotLike: { 'aws:PrincipalArn': backupServiceLinkedRoleArn(region, accountId) },
      StringNotEquals: { 'kms:ViaService': viaService('backup', region) },
    },
  });
}

/** AWS Backup's service-linked role (`AWSServiceRoleForBackup`) of one account. */
export function backupServiceLinkedRoleArn(region: string, accountId: string): string {
  return `arn:${partitionOf(region)}:iam::${accountId}:role/aws-service-role/backup.amazonaws.com/AWSServiceRoleForBackup`;
}
