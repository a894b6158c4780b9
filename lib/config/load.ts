import { ENVIRONMENT_KEY, resolveEnvironment } from './environments';
import { ConfigError } from './errors';
import { readConfigFile } from './files';
import { placeholderKeys } from './placeholders';
import type { BackupAccountConfig } from './types';
import { isCdkKey, validateConfig } from './validate';

export { CONFIG_FILE, EXAMPLE_FILE, LEGACY_FILE } from './files';

export interface LoadedConfig {
  readonly config: BackupAccountConfig;
  /** Where the values came from, for messages. */
  readonly source: string;
  /** The file read: backup-account.json, cdk.context.json (the original layout), the example, or --config's. */
  readonly file: string;
  /** True when no operator configuration exists and the example is in use. */
  readonly example: boolean;
  /** The named environment chosen, when the configuration has several. */
  readonly environment?: string;
  /** Something the operator should know, printed on stderr (the example fallback, the original layout). */
  readonly notice?: string;
  /** Keys that still hold an example's placeholder ID (never deploy these). */
  readonly placeholders: readonly string[];
}

export interface LoadConfigOptions {
  /** The folder holding backup-account.json and the example file (the CDK CLI runs the app there). */
  readonly directory: string;
  /** The app's context: the CLI's `-c key=value` values and cdk.json's context (CDK keys are ignored). */
  readonly context?: Readonly<Record<string, unknown>>;
  /** A configuration file to read instead of backup-account.json (no example fallback). */
  readonly file?: string;
}

/**
 * Reads the operator's configuration: backup-account.json (or a cdk.context.json holding
 * configuration keys, the original layout; or the example when neither exists); checks every named
 * environment and picks the chosen one; then applies the app's context (`-c key=value`) key by key.
 * An operator's file is never completed from the example.
 */
export function loadConfig(options: LoadConfigOptions): LoadedConfig {
  const file = readConfigFile(options.directory, options.file);
  const base = file.values;
  const context = options.context ?? {};
  // The CLI passes cdk.context.json's own values as context too: only differing values are overrides.
  const overridden = Object.keys(context).filter(
    (key) => !isCdkKey(key) && JSON.stringify(context[key]) !== JSON.stringify(base[key]),
  );
  const overrides = Object.fromEntries(
    overridden.filter((key) => key !== ENVIRONMENT_KEY).map((key) => [key, context[key]]),
  );
  const chosen = overridden.includes(ENVIRONMENT_KEY) ? context[ENVIRONMENT_KEY] : undefined;
  const from = overridden.length > 0 ? `${file.name}, with -c ${overridden.join(', ')}` : file.name;
  const resolved = resolveEnvironment({ file: base, fileName: file.name, chosen, overrides });
  const source = resolved.name === undefined ? from : `${from}, environment "${resolved.name}"`;
  if (resolved.problems.length > 0) throw new ConfigError(resolved.problems, source);
  const config = validateConfig(resolved.values, source, { commandLine: new Set(Object.keys(overrides)) });
  return {
    config,
    source,
    file: file.name,
    example: file.example,
    environment: resolved.name,
    notice: file.notice,
    placeholders: placeholderKeys(config),
  };
}

/**
 * The warning for an operator's configuration that still holds the example's placeholder IDs
 * (the example itself says so in its own notice).
 */
export function placeholderNotice(loaded: LoadedConfig): string | undefined {
  if (loaded.example || loaded.placeholders.length === 0) return undefined;
  return `${loaded.source} still holds the example's placeholder IDs (${loaded.placeholders.join(', ')}): replace them before deploying; a deployment with them is refused.`;
}
