import type { BackupAccountConfig } from '../config/types';
import type { BreakGlassAws } from '../aws';

/** Everything a command needs from outside, injected so that tests control all of it. */
export interface Runtime {
  readonly config: BackupAccountConfig;
  /** The region of the vault and key (the config's backup_region unless --region). */
  readonly region: string;
  readonly aws: BreakGlassAws;
  readonly now: () => Date;
  /** The JSON-lines audit log; policy backups go to `backups/` beside it. */
  readonly auditLogPath: string;
  /** Waits between read-back attempts. */
  readonly sleep: (ms: number) => Promise<void>;
}

/** Default audit log, relative to the current folder (git-ignored). */
export const DEFAULT_AUDIT_LOG = '.break-glass/audit.jsonl';
