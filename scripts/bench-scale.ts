// How synthesis scales with the configuration: for 1, 10, 100 and the most source accounts the
// policy budgets allow, in 1 to 5 source regions, prints the in-process synthesis time (median of
// 7, compliance packs included) and the size of each policy, then the linear fits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { composeApp } from '../lib/app';
import { ConfigError, validateConfig } from '../lib/config';
import { assertPoliciesWithinBudgets, namedPolicies, planDestinations } from '../lib/plan';
import { policySizeBytes } from '../lib/policies';
import { loadConfig } from '../lib/config/load';

const REGIONS = ['us-east-1', 'us-east-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];
const base = loadConfig({ directory: process.cwd() }).config;

function config(accounts: number, regions: number) {
  return validateConfig(
    {
      backup_account_id: base.backupAccountId,
      organization_id: base.organizationId,
      backup_region: base.backupRegion,
      source_account_ids: Array.from({ length: accounts }, (_, i) => String(100000000000 + i)),
      source_regions: REGIONS.slice(0, regions),
    },
    'bench',
  );
}

function fits(accounts: number, regions: number): boolean {
  const c = config(accounts, regions);
  try {
    assertPoliciesWithinBudgets(planDestinations(c), c);
    return true;
  } catch (error) {
    if (error instanceof ConfigError) return false;
    throw error;
  }
}

/** The largest account count that fits, by bisection. */
function maxAccounts(regions: number): number {
  let [low, high] = [1, 4096];
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(mid, regions)) low = mid;
    else high = mid - 1;
  }
  return low;
}

function synthSeconds(accounts: number, regions: number): number {
  const samples: number[] = [];
  for (let i = 0; i < 7; i++) {
    const outdir = mkdtempSync(join(tmpdir(), 'bench-scale-'));
    const start = process.hrtime.bigint();
    const app = new App({ outdir });
    composeApp(app, config(accounts, regions));
    app.synth();
    samples.push(Number(process.hrtime.bigint() - start) / 1e9);
    rmSync(outdir, { recursive: true, force: true });
  }
  return samples.sort((a, b) => a - b)[3];
}

function linearFit(points: [number, number][]): { slope: number; intercept: number; r2: number } {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const ssr = points.reduce((s, [x, y]) => s + (y - (intercept + slope * x)) ** 2, 0);
  const sst = points.reduce((s, [, y]) => s + (y - my) ** 2, 0);
  return { slope, intercept, r2: sst === 0 ? 1 : 1 - ssr / sst };
}

synthSeconds(1, 1); // load and JIT-compile the libraries once; every measured synthesis starts fresh
const names = namedPolicies(planDestinations(config(1, 1)), config(1, 1)).map((p) => p.name);
console.log(`policies: ${names.map((n, i) => `[${i + 1}] ${n}`).join('; ')}`);
console.log('regions accounts  synth_s  bytes[1..4]');
const timing: [number, number][] = [];
const keyBytes: [number, number][] = [];
for (let regions = 1; regions <= 5; regions++) {
  const max = maxAccounts(regions);
  for (const accounts of new Set([1, 10, 100, 200, 300, max])) {
    const c = config(accounts, regions);
    const sizes = namedPolicies(planDestinations(c), c).map((p) => policySizeBytes(p.document));
    const seconds = synthSeconds(accounts, regions);
    if (regions === 5) timing.push([accounts, seconds]);
    if (regions === 5) keyBytes.push([accounts, sizes[2]]);
    console.log(
      `${String(regions).padStart(7)} ${String(accounts).padStart(8)}  ${seconds.toFixed(3)}  ${sizes.join(' ')}`,
    );
  }
  console.log(`largest supported with ${regions} source region(s): ${max} source accounts`);
}
const t = linearFit(timing);
const b = linearFit(keyBytes);
console.log(
  `synth time, 5 regions: ${t.intercept.toFixed(3)} s + ${(t.slope * 1000).toFixed(3)} ms per account (R² ${t.r2.toFixed(3)})`,
);
console.log(
  `SSN key policy, 5 regions: ${b.intercept.toFixed(0)} B + ${b.slope.toFixed(1)} B per account (R² ${b.r2.toFixed(4)})`,
);
console.log(`synth time ratio, most accounts to one: ${(timing.at(-1)![1] / timing[0][1]).toFixed(2)}`);
