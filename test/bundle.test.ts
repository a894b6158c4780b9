// lib/analysis (the IAM engine, its AGPL data, the managed-policy fixture) is for development: the
// app's bundle (scripts/build.mjs, which the CDK CLI runs before each synthesis) never includes it.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { PROJECT_ROOT } from './support/config';

/** What esbuild bundles for entry points, packages left external, nothing written. */
function bundleOf(...entries: string[]) {
  return build({
    absWorkingDir: PROJECT_ROOT,
    entryPoints: entries,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    // Nothing is written; esbuild wants a folder to name the outputs of several entries.
    outdir: 'dist',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
}

test('the app bundle holds no lib/analysis module and no IAM engine', async () => {
  const result = await bundleOf('bin/app.ts');
  const inputs = Object.keys(result.metafile.inputs);
  expect(inputs).toContain('lib/policies/key-statements.ts');
  expect(inputs.filter((i) => i.startsWith('lib/analysis/'))).toEqual([]);
  const imports = Object.values(result.metafile.outputs).flatMap((o) => o.imports.map((i) => i.path));
  expect(
    imports.filter((path) => path.includes('iam-simulate') || path.includes('managed-policies')),
  ).toEqual([]);
});

/** The packages the bundle's modules import, Node's own left out. */
function packagesOf(result: Awaited<ReturnType<typeof bundleOf>>): string[] {
  const imports = Object.values(result.metafile.inputs).flatMap((input) =>
    input.imports.filter((i) => i.external && !i.path.startsWith('node:')).map((i) => i.path),
  );
  return [...new Set(imports)].sort();
}

const CDK_PACKAGE = /^(aws-cdk-lib|constructs|esbuild|cdk-nag)(\/|$)/;

// The policy builders are plain data and functions: the operator tools, the analysis and the docs
// use them without the CDK; the constructs convert their JSON (lib/constructs/policy-documents.ts).
test('lib/policies loads no aws-cdk-lib', async () => {
  const entries = readdirSync(join(PROJECT_ROOT, 'lib', 'policies'))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => `lib/policies/${name}`);
  const result = await bundleOf(...entries);
  expect(Object.keys(result.metafile.inputs)).toEqual(expect.arrayContaining(entries));
  expect(packagesOf(result).filter((path) => CDK_PACKAGE.test(path))).toEqual([]);
});

// The operator tools start in a fraction of a second because they load no construct library: the
// names they share with the stack come from lib/stack-facts.ts, and region facts from the generated
// lib/regions/table.ts, and the policies they write from lib/policies, which is plain data.
test.each(['bin/break-glass.ts', 'bin/doctor.ts', 'bin/drill.ts'])(
  '%s bundles no construct and loads no aws-cdk-lib',
  async (entry) => {
    const result = await bundleOf(entry);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain('lib/stack-facts.ts');
    expect(
      inputs.filter((i) => i.startsWith('lib/constructs/') || i === 'lib/backup-account-stack.ts'),
    ).toEqual([]);
    expect(packagesOf(result).filter((path) => CDK_PACKAGE.test(path))).toEqual([]);
  },
);
