/**
 * The name of an AWS SDK error (`ResourceNotFoundException`, say), for the calls that treat one
 * name as an answer rather than a failure; undefined for anything that carries no name.
 */
export function errorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as { name?: string }).name : undefined;
}
