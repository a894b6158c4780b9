import type { DoctorCheck } from '../checks';
import { accountText } from './account';
import { alertsText } from './alerts';
import { evidenceText } from './evidence';
import { keyText } from './key';
import { keyEventsText } from './kms-events';
import { generalPoliciesText, ssnPoliciesText } from './policies';
import { restorePlansText } from './restore-plans';
import { restoreTestText } from './restore-test';
import { restoredText } from './restored';
import { stackText } from './stack';
import { trailText } from './trail';
import { vaultText } from './vault';

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
    case 'account':
      return accountText(c);
    case 'stack':
      return stackText(c);
    case 'vault':
      return vaultText(c, now);
    case 'key':
      return keyText(c);
    case 'general-policies':
      return generalPoliciesText(c);
    case 'ssn-policies':
      return ssnPoliciesText(c);
    case 'alerts':
      return alertsText(c);
    case 'cloudtrail':
      return trailText(c);
    case 'evidence':
      return evidenceText(c);
    case 'kms-events':
      return keyEventsText(c);
    case 'restore-test':
      return restoreTestText(c, now);
    case 'restore-plans':
      return restorePlansText(c);
    case 'restored':
      return restoredText(c);
  }
}
