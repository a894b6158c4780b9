import type { AccountCheck } from './account';
import type { AlertsCheck } from './alerts';
import type { EvidenceCheck } from './evidence';
import type { KeyCheck } from './key';
import type { KeyEventsCheck } from './kms-events';
import type { GeneralPoliciesCheck, SsnPoliciesCheck } from './policies';
import type { RestorePlansCheck } from './restore-plans';
import type { RestoreTestCheck } from './restore-test';
import type { RestoredCheck } from './restored';
import type { StackCheck } from './stack';
import type { TrailCheck } from './trail';
import type { VaultCheck } from './vault';

/** What any check returns, in the report's order: the renderers switch on `check`. */
export type DoctorCheck =
  | AccountCheck
  | StackCheck
  | VaultCheck
  | KeyCheck
  | GeneralPoliciesCheck
  | SsnPoliciesCheck
  | AlertsCheck
  | TrailCheck
  | EvidenceCheck
  | KeyEventsCheck
  | RestoreTestCheck
  | RestorePlansCheck
  | RestoredCheck;
