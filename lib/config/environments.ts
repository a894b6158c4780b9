import { closest } from 'fastest-levenshtein';
import { ConfigError } from './errors';

/** The key that picks a named environment: `-c environment=test`. */
export const ENVIRONMENT_KEY = 'environment';
/** The key that holds the named environments: `{ "environments": { "test": {…}, "prod": {…} } }`. */
export const ENVIRONMENTS_KEY = 'environments';

export interface SelectedEnvironment {
  /** The flat configuration values: shared defaults, then the environment's own values. */
  readonly values: Record<string, unknown>;
  /** The environment's name, when the configuration has named environments. */
  readonly name?: string;
}

/**
 * Resolves a configuration that may hold several named environments. Without `environments` it is
 * the flat format of the specification; with it, top-level keys are shared defaults and the chosen
 * environment's keys replace them, key by key.
 */
export function selectEnvironment(
  raw: Readonly<Record<string, unknown>>,
  name: unknown,
  source: string,
): SelectedEnvironment {
  const environments = raw[ENVIRONMENTS_KEY];
  const shared = Object.fromEntries(
    Object.entries(raw).filter(([key]) => key !== ENVIRONMENTS_KEY && key !== ENVIRONMENT_KEY),
  );
  const fail = (message: string): never => {
    throw new ConfigError([{ key: ENVIRONMENT_KEY, message }], source);
  };
  if (environments === undefined) {
    if (name !== undefined) {
      fail(
        `${JSON.stringify(name)} was chosen, but the configuration defines no "${ENVIRONMENTS_KEY}"; remove -c ${ENVIRONMENT_KEY}, or add the environments`,
      );
    }
    return { values: shared };
  }
  if (!isObject(environments) || !Object.values(environments).every(isObject)) {
    throw new ConfigError(
      [
        {
          key: ENVIRONMENTS_KEY,
          message: 'must be an object of environment names to objects of configuration keys',
        },
      ],
      source,
    );
  }
  const known = Object.keys(environments);
  if (known.length === 0) {
    throw new ConfigError(
      [{ key: ENVIRONMENTS_KEY, message: 'must define at least one environment' }],
      source,
    );
  }
  const listing = `known environments: ${known.join(', ')}`;
  if (name === undefined) return fail(`is required: choose one with -c ${ENVIRONMENT_KEY}=NAME (${listing})`);
  if (typeof name !== 'string' || !(name in environments)) {
    const hint = typeof name === 'string' ? `; did you mean "${closest(name, known)}"?` : '';
    return fail(`${JSON.stringify(name)} is not a known environment${hint} (${listing})`);
  }
  return { values: { ...shared, ...(environments[name] as Record<string, unknown>) }, name };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
