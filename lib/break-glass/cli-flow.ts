import {
  applyCleanup,
  type CleanupOptions,
  type CleanupOutcome,
  declineCleanup,
  planCleanup,
} from './commands/cleanup';
import { applyClose, type CloseOptions, type CloseOutcome, planClose } from './commands/close';
import {
  applyOpen,
  declineOpen,
  type OpenOptions,
  type OpenOutcome,
  planOpen,
  refuseOpen,
} from './commands/open';
import type { Runtime } from './runtime';
import { cleanupPlanText, openPlanText } from './text';

/**
 * The command line's part of the commands that write: plan, show the plan and ask (unless --yes;
 * without a terminal, refuse), then apply. The commands themselves never ask.
 */
export interface Asking {
  /** Prints one line of the plan shown before the question. */
  readonly show: (line: string) => void;
  /** Asks a yes/no question; undefined when there is no terminal to confirm on. */
  readonly confirm?: (question: string) => Promise<boolean>;
}

/** An outcome, and whether its plan was shown already (before the question). */
export interface Asked<Outcome> {
  readonly outcome: Outcome;
  readonly planShown: boolean;
}

export const OPEN_QUESTION = 'Apply these changes? Type "yes" to continue: ';
export const CLEANUP_QUESTION = 'Delete these tables? Type "yes" to continue: ';

/** Shows the plan and asks; undefined when there is no terminal to ask on. */
async function ask(asking: Asking, lines: readonly string[], question: string): Promise<boolean | undefined> {
  if (!asking.confirm) return undefined;
  for (const line of lines) asking.show(line);
  return asking.confirm(question);
}

/** `open`: a dry run stops at the plan; a refusal is recorded (except in a dry run); a change is confirmed first. */
export async function openCommand(
  rt: Runtime,
  options: OpenOptions,
  asking: Asking,
): Promise<Asked<OpenOutcome>> {
  const planning = await planOpen(rt, options);
  if (planning.kind === 'refused') {
    const outcome = options.dryRun
      ? { kind: planning.kind, reason: planning.reason, message: planning.message }
      : await refuseOpen(rt, planning);
    return { outcome, planShown: false };
  }
  if (options.dryRun) return { outcome: { kind: 'planned', plan: planning.plan }, planShown: false };
  if (planning.unchanged || options.yes) return { outcome: await applyOpen(rt, planning), planShown: false };
  const answer = await ask(asking, openPlanText(planning.plan), OPEN_QUESTION);
  if (answer === undefined)
    return { outcome: await declineOpen(rt, planning, 'no-terminal'), planShown: false };
  const outcome = answer ? await applyOpen(rt, planning) : await declineOpen(rt, planning, 'not-confirmed');
  return { outcome, planShown: true };
}

/** `close` asks nothing: it only puts the baseline back. */
export async function closeCommand(rt: Runtime, options: CloseOptions): Promise<CloseOutcome> {
  return applyClose(rt, await planClose(rt, options));
}

/** `cleanup`: a dry run stops at the plan; deleting tables is confirmed first. */
export async function cleanupCommand(
  rt: Runtime,
  options: CleanupOptions,
  asking: Asking,
): Promise<Asked<CleanupOutcome>> {
  const planning = await planCleanup(rt, options);
  if (planning.kind === 'refused') return { outcome: planning, planShown: false };
  if (options.dryRun) return { outcome: { kind: 'planned', plan: planning.plan }, planShown: false };
  if (planning.plan.targets.length === 0 || options.yes)
    return { outcome: await applyCleanup(rt, planning), planShown: false };
  const answer = await ask(asking, cleanupPlanText(planning.plan), CLEANUP_QUESTION);
  if (answer === undefined)
    return { outcome: await declineCleanup(rt, planning, 'no-terminal'), planShown: false };
  const outcome = answer
    ? await applyCleanup(rt, planning)
    : await declineCleanup(rt, planning, 'not-confirmed');
  return { outcome, planShown: true };
}
