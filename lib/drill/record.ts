import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The drill's steps, in the order they run; `cleanup` also runs alone (`drill --cleanup <id>`). */
export const STEP_IDS = [
  'prerequisites',
  'source-table',
  'source-backup',
  'copy',
  'key-evidence',
  'restore',
  'verify',
  'break-glass-open',
  'break-glass-restore',
  'break-glass-verify',
  'break-glass-close',
  'break-glass-sealed',
  'break-glass-cleanup',
  'cleanup',
] as const;
export type StepId = (typeof STEP_IDS)[number];

/** The steps of the emergency path, run only with `--break-glass`. */
export const BREAK_GLASS_STEPS: readonly StepId[] = STEP_IDS.filter((s) => s.startsWith('break-glass-'));

/** The steps a drill with these settings runs, in order. */
export function stepsOf(settings: DrillSettings): StepId[] {
  return STEP_IDS.filter((s) => settings.breakGlass !== undefined || !BREAK_GLASS_STEPS.includes(s));
}

/**
 * How a step ended: `passed`; `warning` (done, with something to look at); `failed` (done, but a
 * result missed its target: the drill goes on to clean up and fails at the end); `error` (the step
 * could not finish: the drill stops, keeps what it made, and can be resumed or cleaned up).
 */
export type StepStatus = 'passed' | 'warning' | 'failed' | 'error';

export interface StepRecord {
  readonly status: StepStatus;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly summary: string;
  /** What AWS showed: job IDs, ARNs, timings, the principals that used each key. */
  readonly evidence?: Readonly<Record<string, unknown>>;
}

/** Where the drill runs: read from the configuration and the options once, kept for --resume. */
export interface DrillSettings {
  readonly backupAccountId: string;
  readonly backupRegion: string;
  readonly profile?: string;
  readonly sourceAccountId: string;
  readonly sourceRegion: string;
  readonly sourceProfile?: string;
  /** The source account's AWS Backup vault that the drill backs the table up into. */
  readonly sourceVaultName: string;
  /** The source account's role that runs the backup and the copies. */
  readonly copyRoleArn: string;
  /** The backup account's role that runs the restore. */
  readonly restoreRoleArn: string;
  /** Retention of the copies: the vaults' Vault Lock minimum, so that they accept them. */
  readonly copyRetentionDays: number;
  readonly itemCount: number;
  readonly rtoMinutes: number;
  readonly timeoutMinutes: { readonly backup: number; readonly copy: number; readonly restore: number };
  /** With `--break-glass`: the emergency path on the SSN copy. */
  readonly breakGlass?: BreakGlassSettings;
}

export interface BreakGlassSettings {
  /** The backup account's role the drill opens for, assumes, and restores as. */
  readonly roleArn: string;
  /** How long the opening lasts. */
  readonly duration: string;
  /**
   * Minutes to wait after closing before trying to read the restored table: DynamoDB asks KMS
   * again after five minutes of inactivity on a connection (DynamoDB encryption at rest notes).
   */
  readonly cacheWaitMinutes: number;
}

/** The AWS Backup jobs a drill starts. */
export type JobKey = 'backup' | 'copy-general' | 'copy-ssn' | 'restore' | 'restore-ssn';

/** A job as started: its ID, and which attempt it is (a resumed drill restarts a job that failed). */
export interface JobRecord {
  readonly id: string;
  readonly attempt: number;
}

/**
 * Everything the drill has made or started, each written down before the call that makes it, so
 * that an interrupted drill can find it again: names are chosen (and recorded) first, and the AWS
 * Backup jobs are started with idempotency tokens derived from the drill's ID.
 */
export interface DrillResources {
  readonly sourceTableName?: string;
  readonly sourceTableArn?: string;
  /** Digest and count of the items written into the source table. */
  readonly written?: { readonly count: number; readonly digest: string };
  readonly jobs?: Partial<Record<JobKey, JobRecord>>;
  readonly sourceRecoveryPointArn?: string;
  /** The copies' recovery points in the backup account's vaults. */
  readonly copies?: { readonly general?: string; readonly ssn?: string };
  readonly restoredTableName?: string;
  /** The table the emergency path restored under the SSN key. */
  readonly ssnRestoredTableName?: string;
  /** Whether the drill opened the seal (so that cleanup closes it if the drill stopped). */
  readonly opened?: boolean;
  /** What the cleanup did to each resource, by name or ARN: deleted, already gone, tagged, or the error. */
  readonly cleanup?: Readonly<Record<string, string>>;
}

/** A vault of the backup account as the deployed stack's outputs name it. */
export interface DeployedDestination {
  readonly vaultName: string;
  readonly vaultArn: string;
  readonly keyArn: string;
}

export interface DrillRecord {
  readonly format: 'compactconnect-backup-drill/1';
  readonly id: string;
  readonly createdAt: string;
  readonly settings: DrillSettings;
  /** The deployed vaults and keys, read from the stack's outputs by the prerequisites step. */
  readonly destinations?: { readonly general: DeployedDestination; readonly ssn: DeployedDestination };
  /** The stack's evidence bucket, where reports are filed; absent when the stack has none. */
  readonly evidenceBucket?: string;
  readonly resources: DrillResources;
  readonly steps: Partial<Record<StepId, StepRecord>>;
}

/** A drill ID: the date, and random characters that DynamoDB table names accept. */
export function newDrillId(now: Date): string {
  const date = now.toISOString().slice(0, 10).replaceAll('-', '');
  return `${date}-${randomBytes(3).toString('hex')}`;
}

const ID_PATTERN = /^\d{8}-[0-9a-f]{6}$/;

export function isDrillId(id: string): boolean {
  return ID_PATTERN.test(id);
}

/** The drill records, one JSON file per drill, in a folder (default `.drill/`, git-ignored). */
export class RecordStore {
  constructor(readonly folder: string) {}

  path(id: string): string {
    return join(this.folder, `${id}.json`);
  }

  /** Writes the record whole, through a temporary file and a rename, so a crash never leaves half of it. */
  save(record: DrillRecord): void {
    const path = this.path(record.id);
    mkdirSync(dirname(path), { recursive: true });
    const temporary = `${path}.partial`;
    writeFileSync(temporary, `${JSON.stringify(record, null, 2)}\n`);
    renameSync(temporary, path);
  }

  /** The record of drill `id`, or undefined when there is none. */
  load(id: string): DrillRecord | undefined {
    let text: string;
    try {
      text = readFileSync(this.path(id), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const record = JSON.parse(text) as DrillRecord;
    if (record.format !== 'compactconnect-backup-drill/1' || record.id !== id)
      throw new Error(`${this.path(id)} is not the record of drill ${id}`);
    return record;
  }
}
