// How long the whole test suite takes, in units of one cold `npx cdk synth` measured in the same run
// (so that the machine's load falls on both): runs `npm test`, then one `npx cdk synth` of the
// example configuration into a fresh output folder, and prints, last, the ratio.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

function seconds(command, args, options = {}) {
  const start = process.hrtime.bigint();
  execFileSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], ...options });
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const test = seconds('npm', ['test']);
const outdir = mkdtempSync(join(tmpdir(), 'bench-test-'));
let synth;
try {
  synth = seconds('npx', ['cdk', 'synth', '--quiet', '--output', outdir], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
console.log(`npm test: ${test.toFixed(1)} s; one cold npx cdk synth: ${synth.toFixed(1)} s`);
console.log(`test suite ratio to one synth: ${(test / synth).toFixed(1)}`);
