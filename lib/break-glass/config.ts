import { readFileSync } from 'node:fs';
import { ConfigError } from '../config/errors';
import { loadConfig, type LoadedConfig } from '../config/load';
import { validateConfig } from '../config/validate';
import { UsageError } from './errors';

/** `-c key=value` pairs, as the CDK CLI takes them: the value is everything after the first `=`. */
export function parseContextPairs(pairs: readonly string[]): Record<string, string> {
  const context: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`-c expects key=value, got ${JSON.stringify(pair)}`);
    context[pair.slice(0, at).trim()] = pair.slice(at + 1);
  }
  return context;
}

/**
 * The app's configuration, read as the app reads it: cdk.context.json (or the example) in
 * `directory`, or the file given by --config; `-c` values override it key by key; the app's own
 * validation applies.
 */
export function loadToolConfig(options: {
  readonly directory: string;
  readonly configPath?: string;
  readonly context: Readonly<Record<string, string>>;
}): LoadedConfig {
  if (options.configPath === undefined) {
    return loadConfig({ directory: options.directory, context: options.context });
  }
  const path = options.configPath;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ConfigError([{ key: path, message: `cannot be read as JSON (${reason})` }], path);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError([{ key: path, message: 'must hold a JSON object of configuration keys' }], path);
  }
  const keys = Object.keys(options.context);
  const source = keys.length > 0 ? `${path}, with -c ${keys.join(', ')}` : path;
  return {
    config: validateConfig({ ...(raw as Record<string, unknown>), ...options.context }, source),
    source,
  };
}
