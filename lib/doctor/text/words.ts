import type { ReadFailure } from '../types';

/** "1 plan", "3 plans". */
export function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** A refused read as a line says it: "AccessDeniedException: not authorized". */
export function failureText(failure: ReadFailure): string {
  return `${failure.name}: ${failure.message}`;
}
