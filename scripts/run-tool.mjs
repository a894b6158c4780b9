// Runs an operator tool (`node scripts/run-tool.mjs break-glass status …`) from its bundle in dist/,
// bundled like the app: the tool's own TypeScript in one file, packages left to node_modules. The
// bundle is rebuilt first whenever one of the files it was built from has changed (the build
// records each input's size and modification time beside the bundle), so operators always run the
// current source; when nothing changed, the check costs a few milliseconds and esbuild is not
// loaded at all.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const TOOLS = { 'break-glass': 'bin/break-glass.ts', drill: 'bin/drill.ts' };
/**
 * Packages bundled into the tool rather than loaded from node_modules: zod's CommonJS entry loads
 * every locale (some 95 files), while its ES modules bundle to the 19 the configuration uses.
 */
const BUNDLED_PACKAGES = new Set(['zod']);

const [name, ...args] = process.argv.slice(2);
if (!Object.hasOwn(TOOLS, name)) {
  console.error(`usage: node scripts/run-tool.mjs <${Object.keys(TOOLS).join('|')}> [arguments]`);
  process.exit(2);
}
const bundle = join(root, 'dist', `${name}.js`);
const inputsFile = join(root, 'dist', `${name}.inputs.json`);

/** Size and modification time: what changes when a file is edited, checked out or replaced. */
function signature(file) {
  try {
    const stat = statSync(join(root, file));
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

function isCurrent() {
  if (!existsSync(bundle) || !existsSync(inputsFile)) return false;
  let recorded;
  try {
    recorded = JSON.parse(readFileSync(inputsFile, 'utf8'));
  } catch {
    return false;
  }
  return Object.entries(recorded).every(([file, seen]) => signature(file) === seen);
}

async function rebuild() {
  const { build } = await import('esbuild');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter(
    (dependency) => !BUNDLED_PACKAGES.has(dependency),
  );
  mkdirSync(join(root, 'dist'), { recursive: true });
  const { metafile } = await build({
    absWorkingDir: root,
    entryPoints: [TOOLS[name]],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external,
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
  });
  // This script's own build options are an input too.
  const files = [...Object.keys(metafile.inputs), relative(root, fileURLToPath(import.meta.url))];
  writeFileSync(inputsFile, JSON.stringify(Object.fromEntries(files.map((f) => [f, signature(f)]))));
}

if (!isCurrent()) await rebuild();
process.setSourceMapsEnabled(true);
// Run the bundle as the main module, as `node dist/<tool>.js` would: its `require.main === module`
// starts the command line.
process.argv = [process.argv[0], bundle, ...args];
Module.runMain();
