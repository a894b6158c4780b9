import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CallerIdentity } from './aws';

/** The four hashes of an open or close: SHA-256 of each policy's canonical JSON, before and after. */
export interface PolicyHashes {
  readonly vaultBefore: string | null;
  readonly vaultAfter: string | null;
  readonly keyBefore: string | null;
  readonly keyAfter: string | null;
}

export type AuditOutcome =
  'applied' | 'unchanged' | 'failed-nothing-changed' | 'failed-rolled-back' | 'failed-inconsistent';

/** One line of the audit log. */
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

export function appendAudit(auditLogPath: string, record: AuditRecord): void {
  mkdirSync(dirname(auditLogPath), { recursive: true, mode: 0o700 });
  appendFileSync(auditLogPath, `${JSON.stringify(record)}\n`, { encoding: 'utf8', mode: 0o600 });
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
