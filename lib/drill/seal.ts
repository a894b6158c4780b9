import { describeError } from '../cli/errors';
import { EXIT } from '../cli/exit-codes';
import { runCleanup } from '../break-glass/commands/cleanup';
import { runClose } from '../break-glass/commands/close';
import { runOpen } from '../break-glass/commands/open';
import { runStatus } from '../break-glass/commands/status';
import { STATE_NAME } from '../break-glass/json';
import { outstanding } from '../break-glass/restored';
import type { Runtime } from '../break-glass/runtime';

/** The SSN seal as the drill sees it: the state, who holds an opening, and the restored data left. */
export interface SealState {
  /** As `break-glass status` names it: SEALED, OPEN, and so on. */
  readonly state: string;
  /** OPEN or EXPIRED: the opened role and the opening's reason. */
  readonly principal?: string;
  readonly reason?: string;
  /** Restored tables and copies still outstanding, by name or ARN. */
  readonly outstanding: readonly string[];
}

/**
 * What the drill does with the break-glass tool: exactly what an operator does, through the
 * tool's own commands (the same checks, write order, audit records), answered without prompts.
 */
export interface DrillSeal {
  status(): Promise<SealState>;
  /** Opens for one role; throws with the tool's message when it does not open. */
  open(principal: string, reason: string, duration: string): Promise<void>;
  /** Puts the baseline back; exit 14 (restored data remains) counts as closed. */
  close(): Promise<SealState>;
  /** Deletes what openings restored (only tables whose RestoreSummary shows their job); returns the ARNs. */
  cleanup(): Promise<readonly string[]>;
}

export function drillSeal(rt: Runtime): DrillSeal {
  const status = async (): Promise<SealState> => {
    const result = await runStatus(rt);
    return {
      state: STATE_NAME[result.seal.kind],
      principal: 'opening' in result.seal ? result.seal.opening?.principalArn : undefined,
      reason: 'opening' in result.seal ? result.seal.opening?.reason : undefined,
      outstanding: outstanding(result.restored).map(
        (item) => item.job.createdResourceArn ?? item.job.restoreJobId,
      ),
    };
  };
  return {
    status,
    async open(principal, reason, duration) {
      const result = await runOpen(rt, { principal, reason, duration, yes: true });
      if (result.exitCode !== 0)
        throw new Error(result.error ?? `open ended with exit code ${result.exitCode}`);
    },
    async close() {
      const result = await runClose(rt, {});
      if (result.error && result.exitCode !== EXIT.restoredDataRemains) throw new Error(result.error);
      return status();
    },
    async cleanup() {
      try {
        return (await runCleanup(rt, { yes: true })).deleted;
      } catch (error) {
        throw new Error(describeError(error).message);
      }
    },
  };
}
