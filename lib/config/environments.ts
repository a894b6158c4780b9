import { closest } from 'fastest-levenshtein';
import type { ConfigProblem } from './errors';
import { received } from './rules';
import { configProblems, unknownKeyProblems } from './validate';

import { ENVIRONMENT_KEY, ENVIRONMENTS_KEY } from './keys';

export { ENVIRONMENT_KEY, ENVIRONMENTS_KEY } from './keys';

export interface ResolvedEnvironment {
  /** The flat configuration values: shared defaults, the environment's own values, then `-c`. */
  readonly values: Record<string, unknown>;
  /** The environment's name, when the configuration has named environments. */
  readonly name?: string;
  /** Every problem of every environment, each naming its environment; none means `values` is valid. */
  readonly problems: readonly ConfigProblem[];
}

export interface EnvironmentRequest {
  /** The file's values. */
  readonly file: Readonly<Record<string, unknown>>;
  /** The file's name, for messages. */
  readonly fileName: string;
  /** The environment chosen with `-c environment=NAME`, if any. */
  readonly chosen?: unknown;
  /** Other `-c key=value` values: they apply to the chosen environment only. */
  readonly overrides: Readonly<Record<string, unknown>>;
}

/**
 * Resolves a configuration that may hold several named environments, and validates all of them.
 * Without `environments` it is the flat format of the specification; with it, top-level keys are
 * shared defaults and each environment's keys replace them, key by key. Every environment is checked
 * on every run, so a mistake in `prod` shows while working on `test`.
 */
export function resolveEnvironment(request: EnvironmentRequest): ResolvedEnvironment {
  const { file, fileName, chosen, overrides } = request;
  const commandLine = new Set(Object.keys(overrides));
  const problems: ConfigProblem[] = [];
  if (ENVIRONMENT_KEY in file) {
    problems.push({
      key: ENVIRONMENT_KEY,
      message: `is written in ${fileName}; an environment is chosen on the command line only (-c ${ENVIRONMENT_KEY}=NAME): remove it from the file`,
    });
  }
  if (ENVIRONMENTS_KEY in overrides) {
    problems.push({
      key: ENVIRONMENTS_KEY,
      message: `cannot be given with -c: named environments are defined in ${fileName}; choose one of them with -c ${ENVIRONMENT_KEY}=NAME`,
    });
  }
  const settable = Object.fromEntries(Object.entries(overrides).filter(([key]) => key !== ENVIRONMENTS_KEY));
  const shared = Object.fromEntries(
    Object.entries(file).filter(([key]) => key !== ENVIRONMENTS_KEY && key !== ENVIRONMENT_KEY),
  );
  const environments = file[ENVIRONMENTS_KEY];

  if (environments === undefined) {
    if (chosen !== undefined) {
      problems.push({
        key: ENVIRONMENT_KEY,
        message: `${JSON.stringify(chosen)} was chosen with -c ${ENVIRONMENT_KEY}, but ${fileName} defines no "${ENVIRONMENTS_KEY}" (it describes one backup account): leave out -c ${ENVIRONMENT_KEY}`,
      });
    }
    const values = { ...shared, ...settable };
    return { values, problems: [...problems, ...configProblems(values, { commandLine })] };
  }

  if (!isObject(environments)) {
    problems.push({
      key: ENVIRONMENTS_KEY,
      message: `must be an object of environment names to objects of configuration keys, got ${received(environments)}`,
    });
    return { values: shared, problems };
  }
  const known = Object.keys(environments);
  if (known.length === 0) {
    problems.push({ key: ENVIRONMENTS_KEY, message: 'must define at least one environment' });
    return { values: shared, problems };
  }
  const listing = `known environments: ${known.join(', ')}`;
  if (chosen === undefined) {
    // The -c values apply to the chosen environment only; with none chosen, a misspelt
    // `-c environment` would otherwise go unnamed.
    problems.push(...unknownKeyProblems(settable));
    problems.push({
      key: ENVIRONMENT_KEY,
      message: `is required: choose one with -c ${ENVIRONMENT_KEY}=NAME (${listing})`,
    });
  } else if (typeof chosen !== 'string' || !known.includes(chosen)) {
    const hint = typeof chosen === 'string' ? `; did you mean "${closest(chosen, known)}"?` : '';
    problems.push({
      key: ENVIRONMENT_KEY,
      message: `${JSON.stringify(chosen)} is not a known environment${hint} (${listing})`,
    });
  }

  // Each environment's problems, keyed by environment; a problem that every environment shares and
  // that comes from a shared key is reported once, without an environment.
  const perEnvironment = new Map<string, { problem: ConfigProblem; own: boolean }[]>();
  for (const name of known) {
    const entry = environments[name];
    if (!isObject(entry)) {
      const message = `must be an object of configuration keys, got ${received(entry)}`;
      perEnvironment.set(name, [{ problem: { key: '', message }, own: true }]);
      continue;
    }
    const isChosen = name === chosen;
    const values = { ...shared, ...entry, ...(isChosen ? settable : {}) };
    perEnvironment.set(
      name,
      configProblems(values, { commandLine: isChosen ? commandLine : new Set() }).map((problem) => ({
        problem,
        own: rootKey(problem.key) in entry || (isChosen && rootKey(problem.key) in settable),
      })),
    );
  }
  const count = new Map<string, number>();
  for (const list of perEnvironment.values()) {
    for (const { problem } of list) count.set(signature(problem), (count.get(signature(problem)) ?? 0) + 1);
  }
  const reportedShared = new Set<string>();
  for (const [name, list] of perEnvironment) {
    for (const { problem, own } of list) {
      const sharedByAll = !own && count.get(signature(problem)) === known.length;
      if (sharedByAll) {
        if (!reportedShared.has(signature(problem))) problems.push(problem);
        reportedShared.add(signature(problem));
      } else {
        const key =
          problem.key === '' ? `${ENVIRONMENTS_KEY}.${name}` : `${ENVIRONMENTS_KEY}.${name}.${problem.key}`;
        problems.push({ key, message: problem.message });
      }
    }
  }
  problems.push(...sharedTargets(known, environments, shared, chosen, settable));
  const entry = typeof chosen === 'string' && isObject(environments[chosen]) ? environments[chosen] : {};
  return {
    values: { ...shared, ...entry, ...settable },
    name: typeof chosen === 'string' && known.includes(chosen) ? chosen : undefined,
    problems,
  };
}

/**
 * Two environments with the same backup account and region would deploy the same stack into the
 * same place, each deployment overwriting the other's.
 */
function sharedTargets(
  known: readonly string[],
  environments: Readonly<Record<string, unknown>>,
  shared: Readonly<Record<string, unknown>>,
  chosen: unknown,
  settable: Readonly<Record<string, unknown>>,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const first = new Map<string, string>();
  for (const name of known) {
    const entry = environments[name];
    if (!isObject(entry)) continue;
    const values = { ...shared, ...entry, ...(name === chosen ? settable : {}) };
    const { backup_account_id: account, backup_region: region } = values;
    if (typeof account !== 'string' || typeof region !== 'string') continue;
    const target = `${account} ${region}`;
    const earlier = first.get(target);
    if (earlier === undefined) {
      first.set(target, name);
      continue;
    }
    problems.push({
      key: `${ENVIRONMENTS_KEY}.${name}.backup_account_id`,
      message: `is ${JSON.stringify(account)} with backup_region ${JSON.stringify(region)}, as in environment "${earlier}": both would deploy the same stack there, each deployment overwriting the other's; give each environment its own backup account (or region)`,
    });
  }
  return problems;
}

/** The configuration key a problem is about: `source_account_ids` for `source_account_ids[1]`. */
function rootKey(key: string): string {
  return /^[^.[]*/.exec(key)?.[0] ?? key;
}

function signature(problem: ConfigProblem): string {
  return `${problem.key}\n${problem.message}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
