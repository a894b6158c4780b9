import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ENVIRONMENT_KEY, ENVIRONMENTS_KEY } from './environments';
import { ConfigError } from './errors';
import { fileProblems, parseStrictJson } from './json';
import { CONFIG_KEYS } from './keys';

/** The operator's configuration: a file of its own, git-ignored, that no CDK command writes. */
export const CONFIG_FILE = 'backup-account.json';
/** The example configuration (placeholder account IDs), used when there is no configuration. */
export const EXAMPLE_FILE = 'backup-account.example.json';
/**
 * The original app's layout: configuration keys in the CDK's context file. The CDK CLI rewrites that
 * file (`cdk context --clear`, `--reset`), so it is still read, with a notice, but no longer advised.
 */
export const LEGACY_FILE = 'cdk.context.json';

export interface ConfigFile {
  /** The file's name as the operator wrote it or as the app looked for it, for messages. */
  readonly name: string;
  readonly values: Record<string, unknown>;
  /** The example configuration is in use: there is no operator configuration. */
  readonly example: boolean;
  /** Something the operator should know, printed on stderr. */
  readonly notice?: string;
}

/**
 * Finds and reads the configuration: `explicit` (--config) if given; otherwise backup-account.json,
 * or a cdk.context.json that holds configuration keys (never both), or else the example.
 */
export function readConfigFile(directory: string, explicit?: string): ConfigFile {
  if (explicit !== undefined) {
    return { name: explicit, values: readJsonObject(resolve(directory, explicit), explicit), example: false };
  }
  const legacyPath = join(directory, LEGACY_FILE);
  const hasOwn = existsSync(join(directory, CONFIG_FILE));
  const legacy = existsSync(legacyPath) ? readJsonObject(legacyPath, LEGACY_FILE) : undefined;
  const legacyKeys = Object.keys(legacy ?? {}).filter(isConfigurationKey);
  if (hasOwn && legacyKeys.length > 0) {
    throw new ConfigError(
      [
        {
          key: LEGACY_FILE,
          message: `holds configuration keys (${legacyKeys.join(', ')}) although ${CONFIG_FILE} exists; keep the configuration in ${CONFIG_FILE} only: move what is missing there, then remove those keys from ${LEGACY_FILE} (or delete it: the CDK recreates it as its cache)`,
        },
      ],
      `${CONFIG_FILE} and ${LEGACY_FILE}`,
    );
  }
  if (hasOwn) {
    return {
      name: CONFIG_FILE,
      values: readJsonObject(join(directory, CONFIG_FILE), CONFIG_FILE),
      example: false,
    };
  }
  if (legacy !== undefined && legacyKeys.length > 0) {
    return {
      name: LEGACY_FILE,
      values: legacy,
      example: false,
      notice: `Reading the configuration from ${LEGACY_FILE}, the CDK's context cache, which CDK commands such as \`cdk context --clear\` erase: move it to a file of its own with \`mv ${LEGACY_FILE} ${CONFIG_FILE}\`.`,
    };
  }
  return {
    name: EXAMPLE_FILE,
    values: readJsonObject(join(directory, EXAMPLE_FILE), EXAMPLE_FILE),
    example: true,
    notice: `No ${CONFIG_FILE} found: using the example configuration in ${EXAMPLE_FILE}, whose account IDs are placeholders. Copy it to ${CONFIG_FILE} and edit it before deploying.`,
  };
}

/** A key of this app's configuration, as opposed to the CDK's own cache and settings. */
function isConfigurationKey(key: string): boolean {
  return key in CONFIG_KEYS || key === ENVIRONMENTS_KEY || key === ENVIRONMENT_KEY;
}

/**
 * Reads a JSON object. A leading byte-order mark (some editors write one) is ignored; invalid JSON
 * and a key written twice are reported with their line and column (see json.ts).
 */
export function readJsonObject(path: string, name: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`;
    throw new ConfigError([{ key: name, message: reason }], name);
  }
  const parsed = parseStrictJson(text);
  if (parsed.problems.length > 0) throw new ConfigError(fileProblems(name, parsed.problems), name);
  const value = parsed.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError([{ key: name, message: 'must hold a JSON object of configuration keys' }], name);
  }
  return value as Record<string, unknown>;
}
