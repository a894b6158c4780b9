import { cleanupCommand, closeCommand, openCommand } from '../../lib/break-glass/cli-flow';
import type { CleanupOptions, CleanupOutcome } from '../../lib/break-glass/commands/cleanup';
import type { CloseOptions, CloseOutcome } from '../../lib/break-glass/commands/close';
import type { OpenOptions, OpenOutcome } from '../../lib/break-glass/commands/open';
import type { Runtime } from '../../lib/break-glass/runtime';

/**
 * The commands as the command line runs them (plan, ask, apply): without `confirm` there is no
 * terminal to ask on; `show` receives the plan's lines shown before the question.
 */
export async function open(
  rt: Runtime,
  options: OpenOptions,
  confirm?: (question: string) => Promise<boolean>,
  show: (line: string) => void = () => undefined,
): Promise<OpenOutcome> {
  return (await openCommand(rt, options, { show, confirm })).outcome;
}

export function close(rt: Runtime, options: CloseOptions = {}): Promise<CloseOutcome> {
  return closeCommand(rt, options);
}

export async function cleanup(
  rt: Runtime,
  options: CleanupOptions = {},
  confirm?: (question: string) => Promise<boolean>,
  show: (line: string) => void = () => undefined,
): Promise<CleanupOutcome> {
  return (await cleanupCommand(rt, options, { show, confirm })).outcome;
}

/** Asserts the outcome's kind, and narrows it to that kind. */
export function expectKind<O extends { readonly kind: string }, K extends O['kind']>(
  outcome: O,
  kind: K,
): Extract<O, { readonly kind: K }> {
  expect(outcome.kind).toBe(kind);
  return outcome as Extract<O, { readonly kind: K }>;
}
