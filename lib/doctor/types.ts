import type { BackupAccountConfig } from '../config/types';
import type { DoctorCheck } from './checks';

/**
 * How a check came out. FAIL makes `doctor` exit non-zero; WARN asks for attention; SKIP says a
 * check does not apply to this configuration (restore testing off, say) and never fails the run.
 */
export type CheckStatus = 'PASS' | 'WARN' | 'FAIL' | 'SKIP';

/**
 * What one check found: its status and typed findings, never text (lib/doctor/text words it for
 * both the lines and `--json`). `check` names the kind of check, for the renderers to switch on.
 */
export interface Checked<Check extends string, Finding, Facts = undefined> {
  readonly check: Check;
  /** Stable identifier, for `--json` readers: `vault:ssn`, `kms-events:general`. */
  readonly id: string;
  readonly status: CheckStatus;
  /** What the check found, a union on `kind` where it can find different things. */
  readonly finding: Finding;
  /** What AWS returned, typed per check; undefined when AWS could not be read. */
  readonly facts?: Facts;
}

/** A read AWS refused: the error's name and the first line of its message. */
export interface ReadFailure {
  readonly name: string;
  readonly message: string;
}

/** A check that stopped at a read AWS refused. */
export interface Unreadable {
  readonly kind: 'unreadable';
  readonly failure: ReadFailure;
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

/** The whole run; `--json` prints it with each check worded (lib/doctor/json.ts). */
export interface DoctorReport {
  /** False when any check FAILed. */
  readonly ok: boolean;
  readonly account: string;
  readonly region: string;
  readonly checkedAt: string;
  readonly counts: Readonly<Record<CheckStatus, number>>;
  readonly checks: readonly DoctorCheck[];
}

/** The worst of some statuses: FAIL over WARN over PASS; SKIP only when all are SKIP. */
export function worst(statuses: readonly CheckStatus[]): CheckStatus {
  for (const s of ['FAIL', 'WARN', 'PASS'] as const) if (statuses.includes(s)) return s;
  return 'SKIP';
}
