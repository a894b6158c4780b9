import * as iam from 'aws-cdk-lib/aws-iam';
import { accountRootArn, partitionOf } from './partition';

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
export function allowAccountAdministration(
  sid: string,
  region: string,
  accountId: string,
): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid,
    effect: iam.Effect.ALLOW,
    principals: [new iam.ArnPrincipal(accountRootArn(region, accountId))],
    actions: ['kms:*'],
    resources: ['*'],
  });
}

/** Source accounts may use the key, but only through the listed services (`kms:ViaService`). */
export function allowKeyUseViaServices(
  sid: string,
  region: string,
  sourceAccountIds: readonly string[],
  viaServices: readonly string[],
): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid,
    effect: iam.Effect.ALLOW,
    principals: sourceAccountIds.map((id) => new iam.ArnPrincipal(accountRootArn(region, id))),
    actions: [...KEY_USE_ACTIONS],
    resources: ['*'],
    conditions: { StringEquals: { 'kms:ViaService': [...viaServices] } },
  });
}

/** Source accounts may manage grants, but only grants for AWS resources (made by a service). */
export function allowGrantsForAwsResources(
  sid: string,
  region: string,
  sourceAccountIds: readonly string[],
): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid,
    effect: iam.Effect.ALLOW,
    principals: sourceAccountIds.map((id) => new iam.ArnPrincipal(accountRootArn(region, id))),
    actions: [...GRANT_ACTIONS],
    resources: ['*'],
    conditions: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
  });
}

/**
 * Nobody, in any account, obtains key material directly. The DENY fires only when all three hold:
 * - no service made the call on the principal's behalf (`kms:ViaService` absent);
 * - the caller is not a service principal (`aws:PrincipalIsAWSService`, absent on role sessions:
 *   IfExists makes absence count as "not a service");
 * - the caller is not AWS Backup's service-linked role, which performs cross-account copies and
 *   carries neither of the keys above.
 * Key management (PutKeyPolicy, GetKeyPolicy, DescribeKey) is never denied: editing this policy is
 * the break-glass path.
 */
export function denyDirectKeyMaterialUse(sid: string, region: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid,
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: [...KEY_MATERIAL_ACTIONS],
    resources: ['*'],
    conditions: {
      Null: { 'kms:ViaService': 'true' },
      BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
      ArnNotLike: { 'aws:PrincipalArn': backupServiceLinkedRolePattern(region) },
    },
  });
}

/** AWS Backup's service-linked role in any account (`AWSServiceRoleForBackup`). */
export function backupServiceLinkedRolePattern(region: string): string {
  return `arn:${partitionOf(region)}:iam::*:role/aws-service-role/backup.amazonaws.com/*`;
}
