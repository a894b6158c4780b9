import { describeAwsFailure } from '../aws-errors';

/**
 * What a check says when AWS refuses one of its reads: the error's name and first line. Missing or
 * expired credentials are not one check's problem: they are rethrown, so that the command line
 * stops with its one clear message instead of printing the same failure for every check.
 */
export function readFailure(error: unknown): string {
  if (describeAwsFailure(error).kind === 'credentials') throw error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as { name?: string; message?: string };
  const line = (e.message ?? String(error)).split('\n')[0].trim();
  return `${e.name ?? 'Error'}: ${line}`;
}

/** The AWS error's name, for checks that treat one name (not found, say) as an answer. */
export { errorName } from '../aws-errors';
