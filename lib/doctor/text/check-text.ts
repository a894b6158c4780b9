import type { DoctorCheck } from '../checks';
import { alertsText } from './alerts';
import { keyEventsText } from './kms-events';
import { vaultText } from './vault';
import { stackText } from './stack';
import { generalPoliciesText, ssnPoliciesText } from './policies';
import { evidenceText } from './evidence';
import { trailText } from './trail';
import { keyText } from './key';
import { restorePlansText } from './restore-plans';
import { restoreTestText } from './restore-test';
import { restoredText } from './restored';

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
export function checkText(c: DoctorCheck, now: Date): CheckText {
  switch (c.check) {
    case 'alerts':
      return alertsText(c);
    case 'restore-plans':
      return restorePlansText(c);
    case 'restore-test':
      return restoreTestText(c, now);
    case 'restored':
      return restoredText(c);
    case 'key':
      return keyText(c);
    case 'cloudtrail':
      return trailText(c);
    case 'evidence':
      return evidenceText(c);
    case 'ssn-policies':
      return ssnPoliciesText(c);
    case 'general-policies':
      return generalPoliciesText(c);
    case 'stack':
      return stackText(c);
    case 'vault':
      return vaultText(c, now);
    case 'kms-events':
      return keyEventsText(c);
    case undefined:
      return c;
  }
}
