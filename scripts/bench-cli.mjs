// How fast the operator tools start: runs `--help` of each tool exactly as `npm run <tool>` runs it
// (the command of package.json's script, without npm's own start-up), and, in the same run, a bare
// Node process that loads the AWS SDK client packages that tool imports: the floor of any tool built
// on those clients. Runs alternate so that machine noise falls on all. Shows progress on stderr;
// prints per-command medians and, last, the operator start ratio (the slowest tool's median over
// its baseline's median).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { build } from 'esbuild';

const runs = Number(process.env.BENCH_RUNS ?? 9);
const root = resolve(import.meta.dirname, '..');
const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts;
const env = { ...process.env, PATH: `${join(root, 'node_modules', '.bin')}${delimiter}${process.env.PATH}` };

/** The tools, each with the TypeScript entry whose SDK client packages its baseline loads. */
const TOOLS = [
  { name: 'break-glass', entry: 'bin/break-glass.ts' },
  { name: 'doctor', entry: 'bin/doctor.ts' },
  { name: 'drill', entry: 'bin/drill.ts' },
];

/** The `@aws-sdk/client-*` packages an entry imports, directly or through its modules. */
async function clientPackages(entry) {
  const { metafile } = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    write: false,
    platform: 'node',
    packages: 'external',
    metafile: true,
    logLevel: 'error',
    outfile: 'out.js',
  });
  const packages = Object.values(metafile.inputs).flatMap((input) =>
    input.imports.filter((i) => i.external && /^@aws-sdk\/client-[^/]+$/.test(i.path)).map((i) => i.path),
  );
  return [...new Set(packages)].sort();
}

const commands = new Map();
for (const tool of TOOLS) {
  if (!scripts[tool.name]) throw new Error(`package.json has no "${tool.name}" script`);
  commands.set(tool.name, `${scripts[tool.name]} --help`);
  const clients = await clientPackages(tool.entry);
  const loads = clients.map((p) => `require(${JSON.stringify(p)});`).join('');
  tool.baseline = `baseline (${clients.length} SDK clients of ${tool.entry})`;
  commands.set(tool.baseline, `node -e '${loads}'`);
}

function seconds(command) {
  const start = process.hrtime.bigint();
  execFileSync('/bin/sh', ['-c', command], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const times = new Map([...commands.keys()].map((name) => [name, []]));
const progress = (text) => process.stderr.write(`${text}\n`);

progress('bench: warming up (one run of each)');
for (const command of commands.values()) seconds(command);
for (let i = 0; i < runs; i++) {
  for (const [name, command] of commands) times.get(name).push(seconds(command));
  progress(`bench: run ${i + 1} of ${runs}`);
}

const width = Math.max(...[...commands.keys()].map((name) => name.length));
console.log(`runs: ${runs} each, alternating`);
for (const [name, values] of times) {
  const all = values.map((v) => v.toFixed(2)).join(' ');
  console.log(`${name.padEnd(width)}  median ${median(values).toFixed(3)} s  (${all})`);
}
const ratios = TOOLS.map((tool) => ({
  name: tool.name,
  ratio: median(times.get(tool.name)) / median(times.get(tool.baseline)),
}));
for (const { name, ratio } of ratios) console.log(`${name} start ratio: ${ratio.toFixed(2)}`);
console.log(`operator start ratio: ${Math.max(...ratios.map((r) => r.ratio)).toFixed(1)}`);
