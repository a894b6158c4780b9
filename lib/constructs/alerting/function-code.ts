import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildSync } from 'esbuild';

/**
 * The deployable code of a function in lib/functions/<name>/index.ts: bundled at synthesis by the
 * local esbuild (a dependency: `cdk synth` builds the app with it too), as one CommonJS file
 * for inline code. The AWS SDK stays out of the bundle: the Node.js runtime provides it.
 *
 * Inline code rather than an asset: the template is complete and the code is reviewed with it (the
 * snapshot shows it), nothing is uploaded at deployment, and synthesis needs neither Docker nor npx.
 * The result is cached per process, so tests that synthesize often bundle once.
 */
const bundles = new Map<string, string>();

export function bundledFunctionCode(name: string): string {
  const cached = bundles.get(name);
  if (cached !== undefined) return cached;
  const entry = join('lib', 'functions', name, 'index.ts');
  const result = buildSync({
    absWorkingDir: folderHolding(entry),
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external: ['@aws-sdk/*', '@smithy/*'],
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  bundles.set(name, code);
  return code;
}

/**
 * The nearest folder above this file that holds `relative`: the project root, whether this file runs
 * from lib/constructs/alerting (tests, tsx) or bundled into dist/app.js (`cdk synth`).
 */
function folderHolding(relative: string): string {
  let dir = __dirname;
  while (!existsSync(join(dir, relative))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find ${relative} in any folder above ${__dirname}`);
    dir = parent;
  }
  return dir;
}
