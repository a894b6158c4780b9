import { applyCleanup, planCleanup } from '../break-glass/commands/cleanup';
import { applyClose, planClose } from '../break-glass/commands/close';
import { applyOpen, planOpen, refuseOpen } from '../break-glass/commands/open';
import { runStatus } from '../break-glass/commands/status';
import { STATE_NAME } from '../break-glass/json';
import { closeError, openError } from '../break-glass/text';
import { outstanding } from '../break-glass/restored';
import type { Runtime } from '../break-glass/runtime';
import { describeFailure, DomainError } from '../domain-error';

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
  /** Puts the baseline back; restored data that remains counts as closed. */
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
      const planning = await planOpen(rt, { principal, reason, duration });
      const outcome =
        planning.kind === 'refused' ? await refuseOpen(rt, planning) : await applyOpen(rt, planning);
      // A refusal stays the tool's own error (its message alone); a failed write is an error as before.
      if (outcome.kind === 'refused') throw new DomainError(outcome.reason, outcome.message);
      if (outcome.kind === 'write-failed') throw new Error(openError(outcome));
    },
    async close() {
      const outcome = await applyClose(rt, await planClose(rt, {}));
      if (outcome.kind === 'write-failed') throw new Error(closeError(outcome));
      return status();
    },
    async cleanup() {
      try {
        const planning = await planCleanup(rt, {});
        if (planning.kind === 'refused') throw new DomainError(planning.reason, planning.message);
        const outcome = await applyCleanup(rt, planning);
        if (outcome.kind === 'refused') throw new DomainError(outcome.reason, outcome.message);
        return outcome.kind === 'planned' ? [] : outcome.deleted;
      } catch (error) {
        throw new Error(describeFailure(error).message);
      }
    },
  };
}
