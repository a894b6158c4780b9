import type { OperatorAws } from '../aws';

/** The calls that change something: the health check makes none of them. */
type Writes =
  | 'putVaultPolicy'
  | 'putKeyPolicy'
  | 'putNewObject'
  | 'putEvidence'
  | 'deleteTable'
  | 'createTable'
  | 'putItems'
  | 'deleteTableIfExists'
  | 'startBackupJob'
  | 'startCopyJob'
  | 'startRestoreJob'
  | 'tagRecoveryPoint'
  | 'deleteRecoveryPointIfExists';

/**
 * The AWS calls the health check reads with: the one AWS interface without its writes (tests give
 * the in-memory fake). Each check takes only the methods it needs: `Pick<DoctorAws, 'keyState'>`.
 */
export type DoctorAws = Omit<OperatorAws, Writes>;
