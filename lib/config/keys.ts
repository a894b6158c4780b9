import * as z from 'zod';
import {
  accountId,
  days,
  distinctList,
  emailAddress,
  flag,
  hours,
  minutes,
  organizationId,
  region,
  restoreTestingSchedule,
  tags,
  uniqueList,
  vaultName,
} from './rules';

/** The key that picks a named environment: `-c environment=test`. */
export const ENVIRONMENT_KEY = 'environment';
/** The key that holds the named environments: `{ "environments": { "test": {…}, "prod": {…} } }`. */
export const ENVIRONMENTS_KEY = 'environments';

/** How a value given on the command line (`-c key=value`, always a string) becomes typed. */
export type ValueKind = 'text' | 'list' | 'object' | 'number' | 'boolean';

export interface KeySpec {
  readonly schema: z.ZodType;
  readonly kind: ValueKind;
  /** The value when the key is absent; keys without one are required. */
  readonly default?: unknown;
}

/** Every configuration key the app accepts: the names of the original specification. */
export const CONFIG_KEYS = {
  backup_account_id: { schema: accountId, kind: 'text' },
  organization_id: { schema: organizationId, kind: 'text' },
  backup_region: { schema: region, kind: 'text' },
  source_account_ids: {
    schema: uniqueList(accountId, { one: 'AWS account ID', many: 'AWS account IDs' }),
    kind: 'list',
  },
  source_regions: {
    schema: uniqueList(region, { one: 'AWS region name', many: 'AWS region names' }),
    kind: 'list',
  },
  backup_vault_name: { schema: vaultName, kind: 'text', default: 'CompactConnectBackupVault' },
  ssn_backup_vault_name: {
    schema: vaultName,
    kind: 'text',
    default: 'CompactConnectBackupVault-SSN',
  },
  tags: { schema: tags, kind: 'object', default: {} },
  vault_lock_mode: {
    schema: z.enum(['compliance', 'governance'], {
      error: (iss) => `must be "compliance" or "governance", got ${JSON.stringify(iss.input)}`,
    }),
    kind: 'text',
    default: 'compliance',
  },
  vault_lock_min_retention_days: { schema: days(1, 36500), kind: 'number', default: 90 },
  vault_lock_max_retention_days: { schema: days(1, 36500), kind: 'number' },
  vault_lock_changeable_for_days: { schema: days(3, 36500), kind: 'number', default: 180 },
  alert_emails: {
    schema: distinctList(emailAddress, { one: 'e-mail address', many: 'e-mail addresses' }, (address) =>
      address.toLowerCase(),
    ),
    kind: 'list',
    default: [],
  },
  freshness_alert_hours: { schema: hours(1, 720), kind: 'number', default: 26 },
  restore_testing_schedule: { schema: restoreTestingSchedule, kind: 'text' },
  restore_testing_selection_days: { schema: days(1, 365), kind: 'number', default: 7 },
  // AWS Backup accepts a validation window of 1 to 168 hours (CloudFormation, RestoreTestingSelection).
  restore_testing_validation_hours: { schema: hours(1, 168), kind: 'number', default: 4 },
  // How long a restore may take; the drill and the audit framework's restore-time control use it.
  restore_time_target_minutes: { schema: minutes(1, 10080), kind: 'number', default: 60 },
  // Six years: HIPAA keeps required documentation that long (45 CFR 164.316(b)(2)).
  evidence_retention_days: { schema: days(1, 36500), kind: 'number', default: 2190 },
  audit_framework: { schema: flag, kind: 'boolean', default: false },
} as const satisfies Record<string, KeySpec>;

export type ConfigKey = keyof typeof CONFIG_KEYS;

/** Keys that may be left out although they have no default. */
export const OPTIONAL_KEYS: ReadonlySet<ConfigKey> = new Set([
  'vault_lock_max_retention_days',
  'restore_testing_schedule',
]);

export const KNOWN_KEYS = Object.keys(CONFIG_KEYS) as ConfigKey[];
