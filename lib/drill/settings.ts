import { checkDuration, DEFAULT_MAX_DURATION } from '../break-glass/input';
import type { BackupAccountConfig } from '../config/types';
import { DomainError } from '../domain-error';
import { partitionOf } from '../policies/partition';
import type { DrillSettings } from './record';

/** What the command line says about a new drill; every field has a default but the profiles. */
export interface DrillOptions {
  readonly profile?: string;
  readonly region: string;
  readonly sourceAccount?: string;
  readonly sourceRegion?: string;
  readonly sourceProfile?: string;
  readonly sourceVault?: string;
  readonly copyRole?: string;
  readonly restoreRole?: string;
  readonly rto?: string;
  readonly items?: string;
  readonly timeout?: string;
  /** Run the emergency path on the SSN copy, opening for this role. */
  readonly breakGlassRole?: string;
  readonly breakGlassDuration?: string;
  readonly cacheWait?: string;
}

/** AWS Backup's default vault and service role: what an account has when it has not chosen others. */
export const DEFAULT_SOURCE_VAULT = 'Default';
export const DEFAULT_ROLE_NAME = 'service-role/AWSBackupDefaultServiceRole';
export const DEFAULT_ITEMS = 100;
export const DEFAULT_BREAK_GLASS_DURATION = '1h';
/** DynamoDB asks KMS again after five minutes of inactivity on a connection: one more for margin. */
export const DEFAULT_CACHE_WAIT_MINUTES = 6;
const DEFAULT_TIMEOUTS = { backup: 60, copy: 240, restore: 240 };

function defaultRole(region: string, accountId: string): string {
  return `arn:${partitionOf(region)}:iam::${accountId}:role/${DEFAULT_ROLE_NAME}`;
}

function wholeNumber(option: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max)
    throw new DomainError(
      'option-invalid',
      `${option} must be a whole number from 1 to ${max}, got "${value}"`,
    );
  return Number(value);
}

/** The opening's duration, as break-glass open takes it (at most its default maximum). */
function windowOf(text: string): string {
  try {
    checkDuration(text, DEFAULT_MAX_DURATION);
  } catch {
    throw new DomainError(
      'option-invalid',
      `--break-glass-duration must be a duration such as 1h or 90m, at most ${DEFAULT_MAX_DURATION}, got "${text}"`,
    );
  }
  return text;
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/.+$/;

function roleArn(option: string, value: string, accountId: string): string {
  const match = ROLE_ARN.exec(value);
  if (!match) throw new DomainError('option-invalid', `${option} must be an IAM role ARN, got "${value}"`);
  if (match[1] !== accountId)
    throw new DomainError(
      'option-invalid',
      `${option} must be a role of account ${accountId}, got one of ${match[1]}`,
    );
  return value;
}

/**
 * The drill's settings from the configuration and the options. The source account and region
 * default to the configuration's first; each must be one the configuration lists, since only those
 * may copy into the vaults.
 */
export function drillSettings(config: BackupAccountConfig, options: DrillOptions): DrillSettings {
  const sourceAccountId = options.sourceAccount ?? config.sourceAccountIds[0];
  if (!config.sourceAccountIds.includes(sourceAccountId))
    throw new DomainError(
      'option-invalid',
      `--source-account ${sourceAccountId} is not one of source_account_ids (${config.sourceAccountIds.join(', ')}): only those may copy into the vaults`,
    );
  const sourceRegion = options.sourceRegion ?? config.sourceRegions[0];
  if (!config.sourceRegions.includes(sourceRegion))
    throw new DomainError(
      'option-invalid',
      `--source-region ${sourceRegion} is not one of source_regions (${config.sourceRegions.join(', ')})`,
    );
  const timeout =
    options.timeout === undefined ? undefined : wholeNumber('--timeout', options.timeout, 0, 1440);
  return {
    backupAccountId: config.backupAccountId,
    backupRegion: options.region,
    profile: options.profile,
    sourceAccountId,
    sourceRegion,
    sourceProfile: options.sourceProfile,
    sourceVaultName: options.sourceVault ?? DEFAULT_SOURCE_VAULT,
    copyRoleArn: roleArn(
      '--copy-role',
      options.copyRole ?? defaultRole(sourceRegion, sourceAccountId),
      sourceAccountId,
    ),
    restoreRoleArn: roleArn(
      '--restore-role',
      options.restoreRole ?? defaultRole(options.region, config.backupAccountId),
      config.backupAccountId,
    ),
    copyRetentionDays: config.vaultLock.minRetentionDays,
    itemCount: wholeNumber('--items', options.items, DEFAULT_ITEMS, 10_000),
    rtoMinutes: wholeNumber('--rto', options.rto, config.restoreTimeTargetMinutes, 10_080),
    breakGlass:
      options.breakGlassRole === undefined
        ? undefined
        : {
            roleArn: roleArn('--break-glass', options.breakGlassRole, config.backupAccountId),
            duration: windowOf(options.breakGlassDuration ?? DEFAULT_BREAK_GLASS_DURATION),
            cacheWaitMinutes: wholeNumber('--cache-wait', options.cacheWait, DEFAULT_CACHE_WAIT_MINUTES, 60),
          },
    timeoutMinutes: timeout ? { backup: timeout, copy: timeout, restore: timeout } : DEFAULT_TIMEOUTS,
  };
}
