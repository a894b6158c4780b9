import { closest, distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import { ConfigError, type ConfigProblem } from './errors';
import {
  CONFIG_KEYS,
  type ConfigKey,
  ENVIRONMENT_KEY,
  ENVIRONMENTS_KEY,
  KNOWN_KEYS,
  OPTIONAL_KEYS,
  type ValueKind,
} from './keys';
import { regionPartition } from './regions';
import type { BackupAccountConfig } from './types';

/**
 * Context keys that belong to the CDK itself (feature flags, CLI settings), not to this app.
 * Feature flags and CLI-internal keys all contain a colon (`@aws-cdk/aws-iam:…`, `aws:cdk:…`).
 */
const CDK_KEYS = new Set(['acknowledged-issue-numbers']);

export function isCdkKey(key: string): boolean {
  return key.includes(':') || key.startsWith('@') || CDK_KEYS.has(key);
}

export interface ValidateOptions {
  /**
   * Keys whose values came from the command line (`-c key=value`): their text becomes the type the
   * key expects. Values from a file must already have the types of the README's table.
   */
  readonly commandLine?: ReadonlySet<string>;
}

/**
 * Validates raw configuration values (from a configuration file or `-c key=value`) and returns the
 * typed configuration. Every problem is collected first, then thrown together as one ConfigError.
 */
export function validateConfig(
  raw: Readonly<Record<string, unknown>>,
  source: string,
  options: ValidateOptions = {},
): BackupAccountConfig {
  const { values, problems } = parseValues(raw, options);
  if (problems.length > 0) throw new ConfigError(problems, source);
  return typedFrom(values);
}

/** Every problem of raw configuration values; none means `validateConfig` succeeds. */
export function configProblems(
  raw: Readonly<Record<string, unknown>>,
  options: ValidateOptions = {},
): ConfigProblem[] {
  return parseValues(raw, options).problems;
}

function parseValues(
  raw: Readonly<Record<string, unknown>>,
  options: ValidateOptions,
): { values: Partial<Record<ConfigKey, unknown>>; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  problems.push(...unknownKeyProblems(raw));

  const values: Partial<Record<ConfigKey, unknown>> = {};
  const given: Partial<Record<ConfigKey, unknown>> = {};
  for (const key of KNOWN_KEYS) {
    const spec = CONFIG_KEYS[key];
    if (raw[key] === undefined && OPTIONAL_KEYS.has(key)) continue;
    const value = raw[key] === undefined ? ('default' in spec ? spec.default : undefined) : raw[key];
    const coerced = options.commandLine?.has(key) ? coerce(value, spec.kind) : { value };
    given[key] = coerced.value;
    if (coerced.problem) {
      problems.push({ key, message: coerced.problem });
      continue;
    }
    const result = (spec.schema as z.ZodType).safeParse(coerced.value, { reportInput: true });
    if (result.success) values[key] = result.data;
    else
      problems.push(
        ...result.error.issues.map((issue) => ({ key: keyPath(key, issue.path), message: issue.message })),
      );
  }

  problems.push(...crossFieldProblems(values, given, raw));
  return { values, problems };
}

function typedFrom(values: Partial<Record<ConfigKey, unknown>>): BackupAccountConfig {
  const v = values as Required<typeof values>;
  const compliance = v.vault_lock_mode === 'compliance';
  return {
    backupAccountId: v.backup_account_id as string,
    organizationId: v.organization_id as string,
    backupRegion: v.backup_region as string,
    sourceAccountIds: v.source_account_ids as string[],
    sourceRegions: v.source_regions as string[],
    backupVaultName: v.backup_vault_name as string,
    ssnBackupVaultName: v.ssn_backup_vault_name as string,
    tags: v.tags as Record<string, string>,
    vaultLock: {
      minRetentionDays: v.vault_lock_min_retention_days as number,
      maxRetentionDays: v.vault_lock_max_retention_days as number | undefined,
      changeableForDays: compliance ? (v.vault_lock_changeable_for_days as number) : undefined,
    },
    alerts: {
      emails: v.alert_emails as string[],
      freshnessHours: v.freshness_alert_hours as number,
    },
    restoreTimeTargetMinutes: v.restore_time_target_minutes as number,
    evidence: {
      retentionDays: v.evidence_retention_days as number,
      auditFramework: v.audit_framework as boolean,
    },
    restoreTesting:
      v.restore_testing_schedule === undefined
        ? undefined
        : {
            schedule: v.restore_testing_schedule as string,
            selectionWindowDays: v.restore_testing_selection_days as number,
            validationWindowHours: v.restore_testing_validation_hours as number,
          },
  };
}

/** Rules that relate several keys; each runs only when the keys it reads are valid on their own. */
function crossFieldProblems(
  v: Partial<Record<ConfigKey, unknown>>,
  given: Partial<Record<ConfigKey, unknown>>,
  raw: Readonly<Record<string, unknown>>,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  // A list with a bad entry elsewhere (a duplicate, a typo) must not hide this problem.
  const sources = textEntries(v.source_account_ids ?? given.source_account_ids);
  if (v.backup_account_id !== undefined && sources?.includes(v.backup_account_id as string)) {
    problems.push({
      key: 'source_account_ids',
      message: `must not include the backup account ${JSON.stringify(v.backup_account_id)}: the copies must leave the account they protect`,
    });
  }
  const regions = textEntries(v.source_regions ?? given.source_regions);
  if (v.backup_region !== undefined && regions?.includes(v.backup_region as string)) {
    problems.push({
      key: 'backup_region',
      message: `${JSON.stringify(v.backup_region)} is also a source region; the backups must be kept in another region than the data they protect`,
    });
  }
  const backupPartition = regionPartition(v.backup_region as string);
  (v.source_regions as string[] | undefined)?.forEach((name, index) => {
    const partition = regionPartition(name);
    if (backupPartition === undefined || partition === undefined || partition === backupPartition) return;
    problems.push({
      key: `source_regions[${index}]`,
      message: `${JSON.stringify(name)} is in the ${partition} partition, backup_region ${JSON.stringify(v.backup_region)} in ${backupPartition}: AWS Backup copies only within one partition (as do IAM and KMS)`,
    });
  });
  if (v.backup_vault_name !== undefined && v.backup_vault_name === v.ssn_backup_vault_name) {
    problems.push({
      key: 'ssn_backup_vault_name',
      message: `must differ from backup_vault_name (both are ${JSON.stringify(v.backup_vault_name)}): SSN data needs a vault of its own`,
    });
  }
  const min = v.vault_lock_min_retention_days as number | undefined;
  const max = v.vault_lock_max_retention_days as number | undefined;
  if (min !== undefined && max !== undefined && max <= min) {
    problems.push({
      key: 'vault_lock_max_retention_days',
      message: `must be greater than vault_lock_min_retention_days (${min}), got ${max}`,
    });
  }
  if (v.vault_lock_mode === 'governance' && raw.vault_lock_changeable_for_days !== undefined) {
    problems.push({
      key: 'vault_lock_changeable_for_days',
      message:
        'applies only to vault_lock_mode "compliance" (it sets when the lock becomes immutable); remove it, or choose "compliance"',
    });
  }
  if (raw.restore_testing_schedule === undefined) {
    for (const key of ['restore_testing_selection_days', 'restore_testing_validation_hours'] as const) {
      if (raw[key] !== undefined)
        problems.push({
          key,
          message:
            'applies only when restore_testing_schedule is set (restore testing is off without it); remove it, or set the schedule',
        });
    }
  }
  return problems;
}

/** The text entries of a list, whatever else it holds; undefined for anything but a list. */
function textEntries(value: unknown): string[] | undefined {
  return Array.isArray(value)
    ? value.filter((entry): entry is string => typeof entry === 'string')
    : undefined;
}

/** Turns a command-line string (`-c key=value`) into the type the key expects. */
function coerce(value: unknown, kind: ValueKind): { value?: unknown; problem?: string } {
  if (typeof value !== 'string') return { value };
  const trimmed = value.trim();
  switch (kind) {
    case 'number':
      return { value: /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : value };
    case 'list':
      if (trimmed.startsWith('[')) return parseJson(trimmed, 'a JSON list such as ["111122223333"]');
      return { value: trimmed === '' ? [] : trimmed.split(',').map((item) => item.trim()) };
    case 'boolean':
      return { value: trimmed === 'true' ? true : trimmed === 'false' ? false : value };
    case 'object':
      if (trimmed.startsWith('{'))
        return parseJson(trimmed, 'a JSON object such as {"Project":"CompactConnect"}');
      return { value };
    default:
      return { value };
  }
}

function parseJson(text: string, expected: string): { value?: unknown; problem?: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return {
      problem: `must be ${expected}; ${JSON.stringify(text)} is not valid JSON (${(error as Error).message})`,
    };
  }
}

/** A problem for each key that is neither this app's nor the CDK's. */
export function unknownKeyProblems(raw: Readonly<Record<string, unknown>>): ConfigProblem[] {
  return Object.keys(raw)
    .filter((key) => !isCdkKey(key) && !(key in CONFIG_KEYS))
    .map(unknownKey);
}

function unknownKey(key: string): ConfigProblem {
  const suggestion = closest(key, [...KNOWN_KEYS, ENVIRONMENTS_KEY, ENVIRONMENT_KEY]);
  const near = distance(key, suggestion) <= Math.max(2, Math.floor(key.length / 3));
  return {
    key,
    message: near
      ? `is not a known key; did you mean "${suggestion}"?`
      : `is not a known key; known keys: ${KNOWN_KEYS.join(', ')}`,
  };
}

/** `source_account_ids[1]`, `tags.Owner`; a tag name that is empty or holds other characters is quoted. */
function keyPath(key: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, part) => {
    if (typeof part === 'number') return `${text}[${part}]`;
    const name = String(part);
    return /^[\w.:/=+@-]+$/.test(name) ? `${text}.${name}` : `${text}[${JSON.stringify(name)}]`;
  }, key);
}
