import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Opening } from '../seal/opening';
import { textHash } from '../policies/policy-json';
import type { CallerIdentity } from '../aws';
import type { AcceptedJob } from './restored';
import type { Runtime } from './runtime';
import { type DeployedState, isoSeconds } from './state';
import { type AccountRecord, isRecordWriteError } from './trail';
import { DomainError } from '../domain-error';

/**
 * The audit trail: one JSON line per act in the audit log, and a copy of the policies saved
 * before any write, so that anyone can put them back by hand.
 */

/** The four hashes of an open or close: SHA-256 of each policy's canonical JSON, before and after. */
export interface PolicyHashes {
  readonly vaultBefore: string | null;
  readonly vaultAfter: string | null;
  readonly keyBefore: string | null;
  readonly keyAfter: string | null;
}

export type AuditOutcome =
  | 'started'
  | 'applied'
  | 'unchanged'
  | 'failed-nothing-changed'
  | 'failed-rolled-back'
  | 'failed-inconsistent';

/** One line of the audit log, for `open` and `close`. */
export interface AuditRecord {
  readonly time: string;
  readonly command: 'open' | 'close';
  readonly outcome: AuditOutcome;
  readonly caller: CallerIdentity;
  readonly account: string;
  readonly region: string;
  readonly vaultName: string;
  readonly keyArn: string;
  readonly principal: string | null;
  readonly expiry: string | null;
  readonly reason: string | null;
  readonly sha256: PolicyHashes;
  /** The saved copy of the policies as they were before any write. */
  readonly backupFile: string | null;
  readonly error?: string;
}

/** One line of the audit log about restored data: accepted as it is by `close`, or deleted by `cleanup`. */
export interface RestoredDataRecord {
  readonly time: string;
  readonly command: 'close' | 'cleanup';
  readonly outcome: 'accepted-restored' | 'deleting' | 'deleted' | 'delete-failed';
  readonly caller: CallerIdentity;
  readonly account: string;
  readonly region: string;
  readonly vaultName: string;
  readonly resources: readonly string[];
  /** close --accept-restored: the restore jobs accepted, each with the copies of its data that existed then. */
  readonly restoreJobs?: readonly AcceptedJob[];
  /** cleanup: the restore job whose table was deleted. */
  readonly restoreJobId?: string;
  /** Why the restored data may stay (close --accept-restored). */
  readonly reason?: string;
  readonly error?: string;
}

export function appendAudit(auditLogPath: string, record: AuditRecord | RestoredDataRecord): void {
  mkdirSync(dirname(auditLogPath), { recursive: true, mode: 0o700 });
  appendFileSync(auditLogPath, `${JSON.stringify(record)}\n`, { encoding: 'utf8', mode: 0o600 });
}

/** The audit log's records; none when there is no log yet. */
export function readAudit(auditLogPath: string): Record<string, unknown>[] {
  let text: string;
  try {
    text = readFileSync(auditLogPath, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}

/** The policies as read before a write, kept so that anyone can put them back by hand. */
export interface PolicySnapshot {
  readonly savedAt: string;
  readonly command: 'open' | 'close';
  readonly account: string;
  readonly region: string;
  readonly vault: { readonly name: string; readonly policy: string | null };
  readonly key: { readonly keyId: string; readonly arn: string; readonly policy: string };
}

/** Writes the snapshot to `backups/` beside the audit log, never over an earlier one; returns its path. */
export function saveSnapshot(auditLogPath: string, snapshot: PolicySnapshot): string {
  const folder = join(dirname(auditLogPath), 'backups');
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const stamp = snapshot.savedAt.replace(/:/g, '-');
  for (let n = 0; ; n++) {
    const path = join(folder, `${stamp}-${snapshot.command}${n === 0 ? '' : `-${n}`}.json`);
    try {
      writeFileSync(path, `${JSON.stringify(snapshot, null, 2)}\n`, {
        encoding: 'utf8',
        mode: 0o600,
        flag: 'wx',
      });
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** The audit records of one open or close: built from what was read before, written once each. */
export interface AuditTrail {
  record(
    outcome: AuditOutcome,
    after: { vault: string | null; key: string | null },
    backupFile: string | null,
    error?: string,
  ): AuditRecord;
  /**
   * Writes the record of the change about to be made into the evidence bucket (before any write);
   * throws, so that nothing changes, when it cannot.
   */
  announce(backupFile: string): Promise<void>;
  /** Appends the outcome to the local log, then to the bucket, and returns it. */
  append(record: AuditRecord): Promise<AuditRecord>;
  /** Saves the policies as they are before any write, in the bucket (and a local copy); returns its S3 URI. */
  saveBefore(): Promise<string>;
}

export function auditTrail(
  rt: Runtime,
  command: AuditRecord['command'],
  caller: CallerIdentity,
  state: DeployedState,
  opening: Opening | undefined,
  account: AccountRecord,
): AuditTrail {
  const record: AuditTrail['record'] = (outcome, after, backupFile, error) => ({
    time: isoSeconds(rt.now()),
    command,
    outcome,
    caller,
    account: rt.config.backupAccountId,
    region: rt.region,
    vaultName: state.vaultName,
    keyArn: state.key.arn,
    principal: opening?.principalArn ?? null,
    expiry: opening?.expiry ?? null,
    reason: opening?.reason ?? null,
    sha256: {
      vaultBefore: textHash(state.vault),
      vaultAfter: after.vault,
      keyBefore: textHash(state.keyPolicy),
      keyAfter: after.key,
    },
    backupFile,
    ...(error === undefined ? {} : { error }),
  });
  return {
    record,
    announce: async (backupFile) => {
      const before = { vault: textHash(state.vault), key: textHash(state.keyPolicy) };
      await account.append(command, 'before', { ...record('started', before, backupFile) });
    },
    saveBefore: async () => {
      const snapshot: PolicySnapshot = {
        savedAt: isoSeconds(rt.now()),
        command,
        account: rt.config.backupAccountId,
        region: rt.region,
        vault: { name: state.vaultName, policy: state.vault ?? null },
        key: { keyId: state.key.keyId, arn: state.key.arn, policy: state.keyPolicy },
      };
      const uri = await account.saveBackup(
        `${snapshot.savedAt.replace(/:/g, '-')}-${command}`,
        `${JSON.stringify(snapshot, null, 2)}\n`,
      );
      saveSnapshot(rt.auditLogPath, snapshot);
      return uri;
    },
    append: async (outcome) => {
      appendAudit(rt.auditLogPath, outcome);
      const changed = outcome.outcome !== 'unchanged' && outcome.outcome !== 'failed-nothing-changed';
      await account.append(command, 'after', { ...outcome }).catch((error: unknown) => {
        if (!changed || !isRecordWriteError(error)) throw error;
        throw new DomainError(
          'outcome-unrecorded',
          `The ${command} was carried out (${outcome.outcome}), but its outcome could not be recorded in the evidence bucket; the trail holds the record made before it, and ${rt.auditLogPath} the outcome. Run status, then audit. ${error.message.replace(/^Nothing changed: /, '')}`,
        );
      });
      return outcome;
    },
  };
}

/**
 * Writes a record about restored data (acceptance, deletion) into the bucket, then the local log;
 * nothing is recorded locally when the bucket write fails.
 */
export async function recordRestoredData(
  rt: Runtime,
  account: AccountRecord,
  record: RestoredDataRecord,
  phase: 'before' | 'after',
): Promise<void> {
  await account.append(record.command === 'close' ? 'accept-restored' : 'cleanup', phase, { ...record });
  if (phase === 'after') appendAudit(rt.auditLogPath, record);
}
