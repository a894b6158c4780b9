import type { BackupAccountConfig } from '../config/types';

/**
 * How a check came out. FAIL makes `doctor` exit non-zero; WARN asks for attention; SKIP says a
 * check does not apply to this configuration (restore testing off, say) and never fails the run.
 */
export type CheckStatus = 'PASS' | 'WARN' | 'FAIL' | 'SKIP';

/** One line of the health check, and the facts behind it. */
export interface CheckResult<Facts = unknown> {
  /** Stable identifier, for `--json` readers: `vault:ssn`, `kms-events:general`. */
  readonly id: string;
  readonly status: CheckStatus;
  /** What was checked: "SSN vault CompactConnectBackupVault-SSN". */
  readonly title: string;
  /** The outcome in one line. */
  readonly summary: string;
  /** Further lines, printed indented under the check (each principal of a key, each problem). */
  readonly details: readonly string[];
  /** What AWS returned, typed per check; undefined when AWS could not be read. */
  readonly facts?: Facts;
}

/** What every check knows about the run. */
export interface DoctorContext {
  readonly config: BackupAccountConfig;
  /** The backup region, where the stack, vaults, keys, topic and trail events are. */
  readonly region: string;
  readonly now: Date;
  /** How many days of CloudTrail event history the KMS-event checks read. */
  readonly kmsEventDays: number;
}

/** The whole run, as `--json` prints it. */
export interface DoctorReport {
  /** False when any check FAILed. */
  readonly ok: boolean;
  readonly account: string;
  readonly region: string;
  readonly checkedAt: string;
  readonly counts: Readonly<Record<CheckStatus, number>>;
  readonly checks: readonly CheckResult[];
}

/** The worst of some statuses: FAIL over WARN over PASS; SKIP only when all are SKIP. */
export function worst(statuses: readonly CheckStatus[]): CheckStatus {
  for (const s of ['FAIL', 'WARN', 'PASS'] as const) if (statuses.includes(s)) return s;
  return 'SKIP';
}
