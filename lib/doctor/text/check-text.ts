import type { DoctorCheck } from '../checks';
import { alertsText } from './alerts';

/** A check as the report words it: `title: summary`, then each detail line. */
export interface CheckText {
  /** What was checked: "SSN vault CompactConnectBackupVault-SSN". */
  readonly title: string;
  /** The outcome in one line. */
  readonly summary: string;
  /** Further lines, printed indented under the check (each principal of a key, each problem). */
  readonly details: readonly string[];
}

/** The words of one check; `now` is when the report was made (ages are relative to it). */
export function checkText(c: DoctorCheck, _now: Date): CheckText {
  switch (c.check) {
    case 'alerts':
      return alertsText(c);
    case undefined:
      return c;
  }
}
