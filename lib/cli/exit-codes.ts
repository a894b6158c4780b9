/**
 * Process exit codes of the operator's commands, one meaning each. This table is the only list:
 * `--help`, docs/break-glass.md (checked by a test) and every command use it.
 */
export const EXIT = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  refused: 3,
  noCredentials: 4,
  accessDenied: 5,
  throttled: 6,
  notFound: 7,
  rolledBack: 8,
  inconsistent: 9,
  open: 10,
  expired: 11,
  drifted: 12,
  network: 13,
  restoredDataRemains: 14,
  unhealthy: 15,
  drillFailed: 16,
  recordBroken: 17,
} as const;

export type ExitName = keyof typeof EXIT;
export type ExitCode = (typeof EXIT)[ExitName];

/** What each code means, as `--help` and docs/break-glass.md state it. */
export const EXIT_MEANING: Readonly<Record<ExitName, string>> = {
  ok: 'success; status: SEALED (the SSN policies are the baseline)',
  unexpected: 'unexpected error',
  usage: 'invalid arguments or configuration',
  refused:
    "refused by a safety check (not confirmed, wrong account, policies in another state, key alias not on the vault's key, too large)",
  noCredentials: 'no usable AWS credentials (profile not found, not signed in, expired)',
  accessDenied: 'access denied by AWS',
  throttled: 'throttled by AWS (retry later)',
  notFound: 'not found (vault, key, stack or restored resource)',
  rolledBack: 'a write failed and what had been written was rolled back: nothing changed, retry is safe',
  inconsistent:
    'the policies may be left inconsistent (rollback failed, or read-back differs): run status, then close',
  open: 'status: OPEN (a principal has access until the expiry)',
  expired: 'status: EXPIRED (an opening is still written but has ended by itself: run close)',
  drifted:
    "status: DRIFTED (the policies are neither the baseline nor a tool's opening, or the key alias names another key than the vault's)",
  network: 'cannot reach AWS (no network, DNS, proxy or timeout): check the connection and retry',
  unhealthy: 'doctor: at least one check FAILed',
  drillFailed:
    'drill: a step failed or stopped, or a result missed its target (see the report; --resume or --cleanup)',
  recordBroken:
    'audit: the break-glass record in the evidence bucket has a gap, an altered record, or a record without its Object Lock retention',
  restoredDataRemains:
    'status, close, cleanup: data restored from the SSN vault, or a copy of it, still exists (SEALED, RESTORED DATA REMAINS): run cleanup, or close --accept-restored "<reason>"',
};

/** The table, in code order. */
export function exitCodeTable(): readonly { readonly code: ExitCode; readonly meaning: string }[] {
  return (Object.keys(EXIT) as ExitName[])
    .map((name) => ({ code: EXIT[name], meaning: EXIT_MEANING[name] }))
    .sort((a, b) => a.code - b.code);
}

/** The codes a tool can return, when it is not all of them, and what some of them mean for it. */
export interface ExitCodeSelection {
  readonly codes: readonly ExitName[];
  readonly meanings?: Partial<Readonly<Record<ExitName, string>>>;
}

/** The table as `--help` prints it: every code, or a tool's own selection, in code order. */
export function exitCodeHelp(selection?: ExitCodeSelection): string {
  const names = (Object.keys(EXIT) as ExitName[])
    .filter((name) => selection === undefined || selection.codes.includes(name))
    .sort((a, b) => EXIT[a] - EXIT[b]);
  return [
    'Exit codes:',
    ...names.map(
      (name) => `  ${String(EXIT[name]).padStart(2)}  ${selection?.meanings?.[name] ?? EXIT_MEANING[name]}`,
    ),
  ].join('\n');
}
