import type { CheckResult } from '../types';
import type { AlertsCheck } from './alerts';
import type { KeyEventsCheck } from './kms-events';
import type { VaultCheck } from './vault';
import type { StackCheck } from './stack';
import type { GeneralPoliciesCheck, SsnPoliciesCheck } from './policies';
import type { EvidenceCheck } from './evidence';
import type { TrailCheck } from './trail';
import type { KeyCheck } from './key';
import type { RestorePlansCheck } from './restore-plans';
import type { RestoreTestCheck } from './restore-test';
import type { RestoredCheck } from './restored';

/** What any check returns: the renderers switch on `check`. */
export type DoctorCheck =
  | AlertsCheck
  | RestorePlansCheck
  | RestoreTestCheck
  | RestoredCheck
  | KeyCheck
  | TrailCheck
  | EvidenceCheck
  | SsnPoliciesCheck
  | GeneralPoliciesCheck
  | StackCheck
  | VaultCheck
  | KeyEventsCheck
  | CheckResult;
