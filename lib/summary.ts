import { STACK_NAME } from './stack-facts';
import type { BackupAccountConfig } from './config/types';
import { DESTINATIONS } from './policies/destinations';
import { ALERT_TOPIC_NAME } from './policies/alert-statements';
import { KEY_MATERIAL_ACTIONS, SEALED_KEY_ACTIONS } from './policies/key-statements';
import {
  BACKUP_JOB_ACTIONS,
  RECOVERY_POINT_DATA_ACTIONS,
  RECOVERY_POINT_DELETION_ACTIONS,
  RESTORE_AND_COPY_OUT_ACTIONS,
} from './policies/vault-statements';

export interface SummaryInput {
  readonly config: BackupAccountConfig;
  /** The named environment, when the configuration has several. */
  readonly environment?: string;
  /** Today, for the date on which the vault lock would become immutable. */
  readonly today: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const bare = (actions: readonly string[]) => actions.map((a) => a.replace(/^[a-z]+:/, '')).join(', ');

/**
 * What the synthesis will deploy, in plain words for the operator: where, which vaults and keys,
 * who may copy in, what is denied on the SSN side (from the same action lists the policy
 * builders use), and the day the vault lock would become irreversible.
 */
export function describeSynthesis({ config, environment, today }: SummaryInput): string {
  const target = environment === undefined ? '' : ` for environment "${environment}"`;
  const width = Math.max(...DESTINATIONS.map((d) => d.vaultName(config).length));
  const labelWidth = Math.max(...DESTINATIONS.map((d) => d.label.length));
  return [
    `${STACK_NAME}${target}: account ${config.backupAccountId}, region ${config.backupRegion}`,
    ...DESTINATIONS.map(
      (d) => `  ${d.label.padEnd(labelWidth)}  ${d.vaultName(config).padEnd(width)}  key ${d.aliasName}`,
    ),
    `  Copy-in allowed to: ${config.sourceAccountIds.join(', ')} (while in organization ${config.organizationId}), from ${config.sourceRegions.join(', ')}`,
    '  Denied to every principal:',
    `    both vaults: ${bare([...RECOVERY_POINT_DELETION_ACTIONS, ...BACKUP_JOB_ACTIONS])}`,
    `    SSN vault:   ${bare(RESTORE_AND_COPY_OUT_ACTIONS)} (break-glass)`,
    `    SSN vault:   ${bare(RECOVERY_POINT_DATA_ACTIONS)}`,
    `    SSN key:     ${bare(KEY_MATERIAL_ACTIONS)}, unless through an AWS service`,
    `    SSN key:     ${bare(SEALED_KEY_ACTIONS)}, by any path but AWS Backup, to the backup account but AWS Backup's service-linked role (break-glass)`,
    ...describeLock(config, today),
    describeAlerts(config),
    describeRestoreTesting(config),
  ].join('\n');
}

function describeLock(config: BackupAccountConfig, today: Date): string[] {
  const { minRetentionDays, maxRetentionDays, changeableForDays } = config.vaultLock;
  const retention =
    maxRetentionDays === undefined
      ? `copies must be kept at least ${minRetentionDays} days`
      : `copies must be kept ${minRetentionDays} to ${maxRetentionDays} days`;
  if (changeableForDays === undefined) {
    return [
      `  Vault Lock: governance mode, ${retention}; removable by principals allowed to delete the lock.`,
    ];
  }
  const immutable = new Date(today.getTime() + changeableForDays * DAY_MS);
  return [
    `  Vault Lock: compliance mode, ${retention}.`,
    `    If first applied today (${isoDay(today)}), the lock becomes IMMUTABLE on ${isoDay(immutable)} (after ${changeableForDays} days):`,
    '    from then on nobody, AWS included, can remove or change it, nor delete a vault that holds recovery points.',
  ];
}

function describeAlerts(config: BackupAccountConfig): string {
  const { emails, freshnessHours } = config.alerts;
  const to =
    emails.length === 0
      ? 'no e-mail subscription (subscribe to the topic yourself)'
      : `e-mail to ${emails.join(', ')}`;
  return `  Alerts: topic ${ALERT_TOPIC_NAME}, ${to}; a vault without a new recovery point for ${freshnessHours} h counts as stale.`;
}

/**
 * Environment names that say the account is for trying things: only these may go without alerts. A
 * staging account is a rehearsal of production, alerts included.
 */
const TEST_ENVIRONMENT = /(^|[-_. ])(test|testing|dev|development|sandbox|qa)([-_. \d]|$)/i;

export function isTestEnvironment(environment: string | undefined): boolean {
  return environment !== undefined && TEST_ENVIRONMENT.test(environment);
}

/**
 * The warning for a configuration whose alerts reach nobody: printed after the summary, unless the
 * environment's name says it is a test one.
 */
export function alertWarning(config: BackupAccountConfig, environment?: string): string | undefined {
  if (config.alerts.emails.length > 0 || isTestEnvironment(environment)) return undefined;
  return [
    '  WARNING: NO ALERT E-MAILS. alert_emails is empty, so nobody is told when copies stop arriving, a',
    `    key or vault policy changes, or break-glass opens, unless something else subscribes to ${ALERT_TOPIC_NAME}.`,
    '    Add an address to alert_emails (only an environment named test, dev, sandbox or qa may go without).',
  ].join('\n');
}

function describeRestoreTesting(config: BackupAccountConfig): string {
  const settings = config.restoreTesting;
  if (!settings) return '  Restore testing: off (set restore_testing_schedule to test the general backups).';
  const { schedule, selectionWindowDays, validationWindowHours } = settings;
  return [
    `  Restore testing: general vault only, ${schedule} (UTC), latest recovery point of the last ${selectionWindowDays} days.`,
    `    Each run restores a DynamoDB table in this account and keeps it up to ${validationWindowHours} h for validation (a cost).`,
  ].join('\n');
}
