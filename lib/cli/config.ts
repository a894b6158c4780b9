import { loadConfig, type LoadedConfig } from '../config/load';
import { UsageError } from './errors';

/**
 * `-c key=value` pairs, as the CDK CLI takes them: the value is everything after the first `=`. The
 * same key twice is refused: the CDK CLI silently keeps the last one, which hides a mistake.
 */
export function parseContextPairs(pairs: readonly string[]): Record<string, string> {
  const context: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`-c expects key=value, got ${JSON.stringify(pair)}`);
    const key = pair.slice(0, at).trim();
    const value = pair.slice(at + 1);
    if (key in context) {
      throw new UsageError(
        `-c ${key} is given twice (${JSON.stringify(context[key])} and ${JSON.stringify(value)}): give it once`,
      );
    }
    context[key] = value;
  }
  return context;
}

/**
 * The app's configuration, read exactly as the app reads it (lib/config): backup-account.json (or the
 * example) in `directory`, or the file given by --config; `-c` values override it key by key (named
 * environments included); the app's own validation applies.
 */
export function loadToolConfig(options: {
  readonly directory: string;
  readonly configPath?: string;
  readonly context: Readonly<Record<string, string>>;
}): LoadedConfig {
  return loadConfig({ directory: options.directory, context: options.context, file: options.configPath });
}
