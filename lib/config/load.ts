import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './errors';
import type { BackupAccountConfig } from './types';
import { isCdkKey, validateConfig } from './validate';

export const CONTEXT_FILE = 'cdk.context.json';
export const EXAMPLE_FILE = 'cdk.context.example.json';

export interface LoadedConfig {
  readonly config: BackupAccountConfig;
  /** Where the values came from, for messages. */
  readonly source: string;
  /** Something the operator should know, printed on stderr (the example fallback). */
  readonly notice?: string;
}

export interface LoadConfigOptions {
  /** The folder holding cdk.context.json and the example file (the CDK CLI runs the app there). */
  readonly directory: string;
  /** The app's context: the CLI's `-c key=value` values and cdk.json's context (CDK keys are ignored). */
  readonly context?: Readonly<Record<string, unknown>>;
}

/**
 * Reads the operator's configuration: cdk.context.json, or the example file when there is no
 * cdk.context.json at all, overridden key by key by the app's context (`-c key=value`).
 * A cdk.context.json that exists is never completed from the example.
 */
export function loadConfig(options: LoadConfigOptions): LoadedConfig {
  const contextPath = join(options.directory, CONTEXT_FILE);
  const useExample = !existsSync(contextPath);
  const file = useExample ? EXAMPLE_FILE : CONTEXT_FILE;
  const base = readJsonObject(join(options.directory, file), file);
  const overrides = options.context ?? {};
  // The CLI passes cdk.context.json's own values as context too: only differing values are overrides.
  const overridden = Object.keys(overrides).filter(
    (key) => !isCdkKey(key) && JSON.stringify(overrides[key]) !== JSON.stringify(base[key]),
  );
  const source = overridden.length > 0 ? `${file}, with -c ${overridden.join(', ')}` : file;
  const config = validateConfig({ ...base, ...overrides }, source);
  return {
    config,
    source,
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
