import type { OperatorAws } from '../aws';

export type { JobState, RecoveryPointFacts } from '../aws';

/** The drill's two accounts: the source (environment) account and the backup account. */
export interface DrillAws {
  readonly source: OperatorAws;
  readonly backup: OperatorAws;
}
