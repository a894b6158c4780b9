/**
 * `npm run report [-- -c key=value ...] [--out PATH]`: writes the access matrix for the
 * configuration in use, loaded the way the app loads it (cdk.context.json in the current folder, or
 * the example configuration). The committed docs/access-matrix.md is the example configuration's;
 * any other configuration goes to access-matrix.local.md (git-ignored), so that real account IDs
 * never land in a tracked file. Uses the IAM engine, a devDependency: never imported by the app.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '../lib/config/errors';
import { EXAMPLE_FILE, loadConfig } from '../lib/config/load';
import { renderAccessMatrix } from '../test/support/access-matrix';

export const REPORT_PATH = join('docs', 'access-matrix.md');
export const LOCAL_REPORT_PATH = 'access-matrix.local.md';

async function main(): Promise<number> {
  const directory = process.cwd();
  const { values } = parseArgs({
    options: { context: { type: 'string', short: 'c', multiple: true }, out: { type: 'string' } },
  });
  try {
    const context = Object.fromEntries(
      (values.context ?? []).map((pair) => {
        const at = pair.indexOf('=');
        if (at < 1) throw new ConfigError([{ key: pair, message: 'must be given as -c key=value' }], '-c');
        return [pair.slice(0, at), pair.slice(at + 1)];
      }),
    );
    const { config, source, notice } = loadConfig({ directory, context });
    if (notice) console.error(notice);
    const out = values.out ?? (source === EXAMPLE_FILE ? REPORT_PATH : LOCAL_REPORT_PATH);
    const markdown = await renderAccessMatrix(config, source);
    mkdirSync(join(directory, dirname(out)), { recursive: true });
    writeFileSync(join(directory, out), markdown);
    console.error(`wrote ${out} for ${source}`);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
