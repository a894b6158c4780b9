import { regionFacts } from '../regions';

/**
 * Partition facts derived from a region name, so that every policy is plain literal JSON (no
 * CloudFormation tokens): what the stack deploys is exactly what the builders return. They come
 * from the region table (lib/regions/table.ts), against which the configuration's region names are
 * checked; a region missing from it (never one the configuration accepted) is taken as in `aws`.
 */
export function partitionOf(region: string): string {
  return regionFacts(region)?.partition ?? 'aws';
}

/** The DNS suffix of service endpoints in the region's partition (as in `kms:ViaService`). */
export function dnsSuffixOf(region: string): string {
  return regionFacts(region)?.domainSuffix ?? 'amazonaws.com';
}

/**
 * A service's endpoint name in a region, as `kms:ViaService` carries it when that service calls KMS
 * on a principal's behalf (`dynamodb.us-west-2.amazonaws.com`).
 */
export function viaService(service: string, region: string): string {
  return `${service}.${region}.${dnsSuffixOf(region)}`;
}

export function accountRootArn(region: string, accountId: string): string {
  return `arn:${partitionOf(region)}:iam::${accountId}:root`;
}

/** An AWS Backup vault's ARN: vault ARNs are built from their names, so they are known before deployment. */
export function backupVaultArn(region: string, accountId: string, vaultName: string): string {
  return `arn:${partitionOf(region)}:backup:${region}:${accountId}:backup-vault:${vaultName}`;
}

/** A KMS alias's ARN (`alias/…` names it). */
export function aliasArn(region: string, accountId: string, aliasName: string): string {
  return `arn:${partitionOf(region)}:kms:${region}:${accountId}:${aliasName}`;
}
