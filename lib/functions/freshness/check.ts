import {
  type BackupClient,
  ListRecoveryPointsByBackupVaultCommand,
  type RecoveryPointByBackupVault,
} from '@aws-sdk/client-backup';
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';

/**
 * The freshness check: for each vault, has a new recovery point arrived within the window? It runs on
 * a schedule, keeps no state, and alerts
 * - once when a vault becomes stale (its newest recovery point crossed the window since the last run),
 * - once a day, at `reminderHourUtc`, while it stays stale,
 * - on every run in which it cannot read a vault (the check itself is broken).
 */

/** A vault to watch, and how the alert names it. */
export interface WatchedVault {
  readonly name: string;
  /** "the SSN backup vault", for messages. */
  readonly description: string;
}

export interface FreshnessSettings {
  readonly vaults: readonly WatchedVault[];
  /** A vault is stale when no recovery point was created within this many hours. */
  readonly freshnessHours: number;
  /** How often the check runs; a vault that went stale within one interval (plus a margin) is new news. */
  readonly checkIntervalMinutes: number;
  /** The UTC hour in which a run repeats the alert for vaults that stay stale. */
  readonly reminderHourUtc: number;
  readonly topicArn: string;
  /** Where the vaults are, for messages: "000011114444 us-west-2". */
  readonly accountId: string;
  readonly region: string;
}

/** Only the calls the check makes, so that tests inject mocks. */
export interface FreshnessClients {
  readonly backup: Pick<BackupClient, 'send'>;
  readonly sns: Pick<SNSClient, 'send'>;
}

export type VaultFreshness =
  | { readonly vault: WatchedVault; readonly state: 'fresh'; readonly newest: Date }
  | {
      readonly vault: WatchedVault;
      readonly state: 'stale';
      /** The newest recovery point seen in the look-back window, if any. */
      readonly newest?: Date;
      /** True when the vault went stale since the previous run. */
      readonly newlyStale: boolean;
    }
  | { readonly vault: WatchedVault; readonly state: 'unreadable'; readonly error: string };

export interface FreshnessReport {
  readonly vaults: readonly VaultFreshness[];
  /** The alert published, if any. */
  readonly alert?: { readonly subject: string; readonly message: string };
}

/** Runs may start up to a minute late; the margin makes consecutive look-back windows overlap. */
export const LOOKBACK_MARGIN_MINUTES = 10;

/**
 * Recovery-point states that mean a copy has arrived (AWS Backup API, RecoveryPointByBackupVault
 * Status); PARTIAL, EXPIRED, DELETING, STOPPED and CREATING do not count.
 */
export const ARRIVED = new Set(['COMPLETED', 'AVAILABLE']);

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

export async function checkFreshness(
  clients: FreshnessClients,
  settings: FreshnessSettings,
  now: Date,
): Promise<FreshnessReport> {
  const vaults = await Promise.all(
    settings.vaults.map((vault) => assessVault(clients, vault, settings, now)),
  );
  const alert = composeAlert(vaults, settings, now);
  if (alert) {
    await clients.sns.send(
      new PublishCommand({ TopicArn: settings.topicArn, Subject: alert.subject, Message: alert.message }),
    );
  }
  return { vaults, alert };
}

/** Lists the vault's recovery points created since the look-back start and classifies the vault. */
export async function assessVault(
  clients: FreshnessClients,
  vault: WatchedVault,
  settings: FreshnessSettings,
  now: Date,
): Promise<VaultFreshness> {
  const threshold = now.getTime() - settings.freshnessHours * HOUR_MS;
  const lookback = threshold - (settings.checkIntervalMinutes + LOOKBACK_MARGIN_MINUTES) * MINUTE_MS;
  let newest: Date | undefined;
  try {
    let nextToken: string | undefined;
    do {
      const page = await clients.backup.send(
        new ListRecoveryPointsByBackupVaultCommand({
          BackupVaultName: vault.name,
          ByCreatedAfter: new Date(lookback),
          NextToken: nextToken,
        }),
      );
      newest = latest(newest, page.RecoveryPoints ?? []);
      nextToken = page.NextToken;
    } while (nextToken);
  } catch (error) {
    return { vault, state: 'unreadable', error: describeError(error) };
  }
  if (newest && newest.getTime() > threshold) return { vault, state: 'fresh', newest };
  return { vault, state: 'stale', newest, newlyStale: newest !== undefined };
}

function latest(current: Date | undefined, points: readonly RecoveryPointByBackupVault[]): Date | undefined {
  return points
    .filter((p) => p.CreationDate && ARRIVED.has(p.Status ?? ''))
    .map((p) => p.CreationDate as Date)
    .reduce<Date | undefined>((a, b) => (a === undefined || b > a ? b : a), current);
}

/** The alert for this run, or none: new staleness, the daily reminder, or a vault that cannot be read. */
export function composeAlert(
  vaults: readonly VaultFreshness[],
  settings: FreshnessSettings,
  now: Date,
): { subject: string; message: string } | undefined {
  const reminderRun = now.getUTCHours() === settings.reminderHourUtc;
  const lines: string[] = [];
  for (const v of vaults) {
    const where = `${v.vault.description} "${v.vault.name}"`;
    if (v.state === 'unreadable') {
      lines.push(`- Could not check ${where}: ${v.error}. The freshness check itself needs attention.`);
    } else if (v.state === 'stale' && (v.newlyStale || reminderRun)) {
      const since = v.newest
        ? `the newest one was created at ${v.newest.toISOString()}`
        : `none was created in the last ${settings.freshnessHours} hours or more`;
      const tag = v.newlyStale ? '' : ' (daily reminder: still stale)';
      lines.push(
        `- No new recovery point in ${where} for over ${settings.freshnessHours} hours; ${since}${tag}.`,
      );
    }
  }
  if (lines.length === 0) return undefined;
  const unreadable = vaults.some((v) => v.state === 'unreadable');
  return {
    subject: unreadable
      ? 'CompactConnect backups: the freshness check failed'
      : `CompactConnect backups: no new recovery point in ${settings.freshnessHours} hours`,
    message: [
      `Backup freshness check, account ${settings.accountId}, region ${settings.region}, at ${now.toISOString()}:`,
      '',
      ...lines,
      '',
      'Check the copy jobs in the environment account (AWS Backup console, Jobs, Copy jobs) and that its',
      'backup plans still copy into these vaults; a copy whose retention is outside the Vault Lock bounds',
      'is rejected. This alert repeats once a day while a vault stays stale.',
    ].join('\n'),
  };
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** Reads the settings the stack passes in the function's environment; fails loudly on a mistake. */
export function settingsFromEnvironment(
  env: Readonly<Record<string, string | undefined>>,
): FreshnessSettings {
  const required = (name: string): string => {
    const value = env[name];
    if (!value) throw new Error(`freshness check: environment variable ${name} is not set`);
    return value;
  };
  const wholeNumber = (name: string): number => {
    const value = Number(required(name));
    if (!Number.isInteger(value) || value < 0)
      throw new Error(`freshness check: ${name} must be a whole number, got ${JSON.stringify(env[name])}`);
    return value;
  };
  const vaults = JSON.parse(required('VAULTS')) as WatchedVault[];
  if (!Array.isArray(vaults) || vaults.some((v) => typeof v?.name !== 'string'))
    throw new Error('freshness check: VAULTS must be a JSON list of {"name", "description"}');
  return {
    vaults,
    freshnessHours: wholeNumber('FRESHNESS_HOURS'),
    checkIntervalMinutes: wholeNumber('CHECK_INTERVAL_MINUTES'),
    reminderHourUtc: wholeNumber('REMINDER_HOUR_UTC'),
    topicArn: required('TOPIC_ARN'),
    accountId: required('ACCOUNT_ID'),
    region: required('AWS_REGION'),
  };
}
