// Measures a cold `npx cdk synth` of the example configuration as operators run it (cdk.json's
// esbuild step, then node on the bundle) against the floor: the same CLI on JavaScript built
// beforehand, with no build step. Both run in fresh copies of the project, alternately, so that
// machine noise falls on both. Shows progress on stderr; prints medians and, last, the ratio.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const runs = Number(process.env.BENCH_RUNS ?? 7);
const root = resolve(import.meta.dirname, '..');
const cdkJson = JSON.parse((await import('node:fs')).readFileSync(join(root, 'cdk.json'), 'utf8'));

function project(withBuildStep) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-synth-'));
  for (const entry of ['bin', 'lib', 'scripts', 'backup-account.example.json', 'package.json']) {
    cpSync(join(root, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  const settings = { ...cdkJson };
  if (!withBuildStep) {
    delete settings.build;
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: dir });
  }
  writeFileSync(join(dir, 'cdk.json'), JSON.stringify(settings));
  return dir;
}

function seconds(dir) {
  rmSync(join(dir, 'cdk.out'), { recursive: true, force: true });
  const start = process.hrtime.bigint();
  execFileSync('npx', ['cdk', 'synth', '--quiet'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const asShipped = project(true);
const floor = project(false);
const times = { asShipped: [], floor: [] };
const progress = (text) => process.stderr.write(`${text}\n`);
try {
  progress(`bench: warming up (one synthesis of each)`);
  seconds(asShipped); // warm the file cache once for both; every measured run is a new process
  seconds(floor);
  for (let i = 0; i < runs; i++) {
    times.asShipped.push(seconds(asShipped));
    times.floor.push(seconds(floor));
    const last = (values) => values.at(-1).toFixed(2);
    progress(
      `bench: run ${i + 1} of ${runs}: ${last(times.asShipped)} s as shipped, ${last(times.floor)} s precompiled`,
    );
  }
} finally {
  rmSync(asShipped, { recursive: true, force: true });
  rmSync(floor, { recursive: true, force: true });
}
const fmt = (values) => values.map((v) => v.toFixed(2)).join(' ');
console.log(`runs: ${runs} each, alternating`);
console.log(
  `npx cdk synth (esbuild step + node), s: ${fmt(times.asShipped)}  median ${median(times.asShipped).toFixed(2)}`,
);
console.log(
  `npx cdk synth (precompiled JS),    s: ${fmt(times.floor)}  median ${median(times.floor).toFixed(2)}`,
);
console.log(
  `synth ratio to precompiled floor: ${(median(times.asShipped) / median(times.floor)).toFixed(2)}`,
);
