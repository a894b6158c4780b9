// oxlint-disable typescript/no-require-imports -- a CommonJS script: require is how it loads modules
// Runs an operator tool (`node scripts/run-tool.cjs break-glass status …`) from its bundle in dist/,
// bundled like the app: the tool's TypeScript in one CommonJS file. The bundle is rebuilt first
// whenever a file it was built from has changed (the build records each input's size and
// modification time beside the bundle), so operators always run the current source; when nothing
// changed, the check takes a few milliseconds and esbuild is not loaded. CommonJS, not an ES module,
// because starting Node's ES module loader alone costs more than the check.
const { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { join, relative, resolve } = require('node:path');

const root = resolve(__dirname, '..');
const TOOLS = { 'break-glass': 'bin/break-glass.ts', doctor: 'bin/doctor.ts', drill: 'bin/drill.ts' };
/**
 * The small pure-JavaScript packages the tools use are bundled too, from their ES modules where they
 * have them: one file parses faster than Node finds and loads a hundred (zod's CommonJS entry alone
 * loads every locale; its ES modules bundle to the 19 files the configuration uses). The AWS SDK and
 * aws-cdk-lib stay in node_modules, as does any package not named here.
 */
const BUNDLED_PACKAGES = new Set([
  'aws-cron-parser',
  'commander',
  'diff',
  'fastest-levenshtein',
  'jsonc-parser',
  'ms',
  'safe-stable-stringify',
  'zod',
]);

/** Size and modification time: what changes when a file is edited, checked out or replaced. */
function signature(file) {
  try {
    const stat = statSync(join(root, file));
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

function isCurrent(bundle, inputsFile) {
  if (!existsSync(bundle) || !existsSync(inputsFile)) return false;
  try {
    const recorded = JSON.parse(readFileSync(inputsFile, 'utf8'));
    return Object.entries(recorded).every(([file, seen]) => signature(file) === seen);
  } catch {
    return false;
  }
}

function rebuild(entry, bundle, inputsFile) {
  const { buildSync } = require('esbuild');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter(
    (dependency) => !BUNDLED_PACKAGES.has(dependency),
  );
  mkdirSync(join(root, 'dist'), { recursive: true });
  const { metafile } = buildSync({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    mainFields: ['module', 'main'],
    external,
    // For debugging: node --enable-source-maps dist/<tool>.js. Not enabled by default, as reading
    // the map slows every start, and the tools print failures as one line, without a stack trace.
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
  });
  // This script's own build options are an input too.
  const files = [...Object.keys(metafile.inputs), relative(root, __filename)];
  writeFileSync(inputsFile, JSON.stringify(Object.fromEntries(files.map((f) => [f, signature(f)]))));
}

const [name, ...args] = process.argv.slice(2);
if (!Object.hasOwn(TOOLS, name)) {
  console.error(`usage: node scripts/run-tool.cjs <${Object.keys(TOOLS).join('|')}> [arguments]`);
  process.exit(2);
}
const bundle = join(root, 'dist', `${name}.js`);
const inputsFile = join(root, 'dist', `${name}.inputs.json`);
if (!isCurrent(bundle, inputsFile)) rebuild(TOOLS[name], bundle, inputsFile);
// Run the bundle as the main module, as `node dist/<tool>.js` would: its `require.main === module`
// starts the command line.
process.argv = [process.argv[0], bundle, ...args];
Module.runMain();
