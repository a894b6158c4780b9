import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ENVIRONMENT_KEY, selectEnvironment } from './environments';
import { ConfigError } from './errors';
import type { BackupAccountConfig } from './types';
import { isCdkKey, validateConfig } from './validate';

export const CONTEXT_FILE = 'cdk.context.json';
export const EXAMPLE_FILE = 'cdk.context.example.json';

export interface LoadedConfig {
  readonly config: BackupAccountConfig;
  /** Where the values came from, for messages. */
  readonly source: string;
  /** The named environment chosen, when the configuration has several. */
  readonly environment?: string;
  /** Something the operator should know, printed on stderr (the example fallback). */
  readonly notice?: string;
}

export interface LoadConfigOptions {
  /** The folder holding cdk.context.json and the example file (the CDK CLI runs the app there). */
  readonly directory: string;
  /** The app's context: the CLI's `-c key=value` values and cdk.json's context (CDK keys are ignored). */
  readonly context?: Readonly<Record<string, unknown>>;
  /** A context file to read instead of cdk.context.json (no example fallback). */
  readonly file?: string;
}

/**
 * Reads the operator's configuration: cdk.context.json, or the example file when there is no
 * cdk.context.json at all; picks the named environment, if any; then applies the app's context
 * (`-c key=value`) key by key. A cdk.context.json that exists is never completed from the example.
 */
export function loadConfig(options: LoadConfigOptions): LoadedConfig {
  const useExample = options.file === undefined && !existsSync(join(options.directory, CONTEXT_FILE));
  const file = options.file ?? (useExample ? EXAMPLE_FILE : CONTEXT_FILE);
  const base = readJsonObject(resolve(options.directory, file), file);
  const context = options.context ?? {};
  // The CLI passes cdk.context.json's own values as context too: only differing values are overrides.
  const overridden = Object.keys(context).filter(
    (key) => !isCdkKey(key) && JSON.stringify(context[key]) !== JSON.stringify(base[key]),
  );
  const overrides = Object.fromEntries(
    overridden.filter((key) => key !== ENVIRONMENT_KEY).map((key) => [key, context[key]]),
  );
  const chosen = context[ENVIRONMENT_KEY] ?? base[ENVIRONMENT_KEY];
  const from = overridden.length > 0 ? `${file}, with -c ${overridden.join(', ')}` : file;
  const { values, name } = selectEnvironment(base, chosen, from);
  const source = name === undefined ? from : `${from}, environment "${name}"`;
  return {
    config: validateConfig({ ...values, ...overrides }, source),
    source,
    environment: name,
    notice: useExample
      ? `No ${CONTEXT_FILE} found: using the example configuration in ${EXAMPLE_FILE}, whose account IDs are placeholders. Copy it to ${CONTEXT_FILE} and edit it before deploying.`
      : undefined,
  };
}

function readJsonObject(path: string, name: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(
      [{ key: name, message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` }],
      name,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([{ key: name, message: `is not valid JSON: ${(error as Error).message}` }], name);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError([{ key: name, message: 'must hold a JSON object of configuration keys' }], name);
  }
  return value as Record<string, unknown>;
}
