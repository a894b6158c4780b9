/**
 * `npm run report`: writes docs/access-matrix.md for the configuration in use, loaded the way the
 * app loads it (cdk.context.json in the current folder, or the example configuration).
 * Uses the IAM engine, a devDependency: never imported by the app.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../lib/config/errors';
import { loadConfig } from '../lib/config/load';
import { renderAccessMatrix } from '../test/support/access-matrix';

export const REPORT_PATH = join('docs', 'access-matrix.md');

async function main(): Promise<number> {
  const directory = process.cwd();
  try {
    const { config, source, notice } = loadConfig({ directory });
    if (notice) console.error(notice);
    const markdown = await renderAccessMatrix(config, source);
    mkdirSync(join(directory, 'docs'), { recursive: true });
    writeFileSync(join(directory, REPORT_PATH), markdown);
    console.error(`wrote ${REPORT_PATH} for ${source}`);
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
