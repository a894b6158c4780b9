import type { CheckResult } from '../types';
import type { AlertsCheck } from './alerts';

/** What any check returns: the renderers switch on `check`. */
export type DoctorCheck = AlertsCheck | CheckResult;
