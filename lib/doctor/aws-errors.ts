import { describeAwsFailure } from '../aws-errors';
import type { ReadFailure, Unreadable } from './types';

/**
 * What a check keeps when AWS refuses one of its reads: the error's name and first line. Missing or
 * expired credentials are not one check's problem: they are rethrown, so that the command line
 * stops with its one clear message instead of printing the same failure for every check.
 */
export function refusedRead(error: unknown): ReadFailure {
  if (describeAwsFailure(error).kind === 'credentials') throw error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as { name?: string; message?: string };
  return { name: e.name ?? 'Error', message: (e.message ?? String(error)).split('\n')[0].trim() };
}

/** A check that stopped at a refused read, as its finding. */
export function unreadable(error: unknown): Unreadable {
  return { kind: 'unreadable', failure: refusedRead(error) };
}

/** The AWS error's name, for checks that treat one name (not found, say) as an answer. */
export { errorName } from '../aws-errors';
