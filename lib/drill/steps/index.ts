import type { DrillRun, StepOutcome } from '../context';
import type { StepId } from '../record';
import {
  cleanUpSsnRestore,
  closeSeal,
  openSeal,
  proveSealHolds,
  restoreSsnCopy,
  verifySsnRestore,
} from './break-glass';
import { cleanUp } from './cleanup';
import { copyIntoVaults } from './copy';
import { collectKeyEvidence } from './key-evidence';
import { checkPrerequisites } from './prerequisites';
import { restoreGeneralCopy, verifyRestoredTable } from './restore';
import { backUpSourceTable } from './source-backup';
import { createSourceTable } from './source-table';

/** Each step's work, by ID. */
export const STEP_WORK: Readonly<Record<StepId, (run: DrillRun) => Promise<StepOutcome>>> = {
  prerequisites: checkPrerequisites,
  'source-table': createSourceTable,
  'source-backup': backUpSourceTable,
  copy: copyIntoVaults,
  'key-evidence': collectKeyEvidence,
  restore: restoreGeneralCopy,
  verify: verifyRestoredTable,
  'break-glass-open': openSeal,
  'break-glass-restore': restoreSsnCopy,
  'break-glass-verify': verifySsnRestore,
  'break-glass-close': closeSeal,
  'break-glass-sealed': proveSealHolds,
  'break-glass-cleanup': cleanUpSsnRestore,
  cleanup: cleanUp,
};
