/** One problem with one configuration key. */
export interface ConfigProblem {
  /** The key, with list indices or tag names where they help: `source_account_ids[1]`. */
  readonly key: string;
  /** What is wrong and what is allowed, naming the value received. */
  readonly message: string;
}

/**
 * A mistake in the operator's configuration. It carries every problem found, so that one run
 * reports them all; the app prints it without a stack trace.
 */
export class ConfigError extends Error {
  constructor(
    readonly problems: readonly ConfigProblem[],
    readonly source: string,
  ) {
    super(formatProblems(problems, source));
    this.name = 'ConfigError';
  }
}

function formatProblems(problems: readonly ConfigProblem[], source: string): string {
  const noun = problems.length === 1 ? 'problem' : 'problems';
  const lines = problems.map((p) => `  - ${p.key}: ${p.message}`);
  return [`Invalid configuration (${source}): ${problems.length} ${noun}`, ...lines].join('\n');
}
