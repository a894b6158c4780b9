// lib/analysis (the IAM engine, its AGPL data, the managed-policy fixture) is for development: the
// app's bundle (scripts/build.mjs, which the CDK CLI runs before each synthesis) never includes it.
import { build } from 'esbuild';
import { PROJECT_ROOT } from './support/config';

/** What esbuild bundles for an entry point, packages left external, nothing written. */
function bundleOf(entry: string) {
  return build({
    absWorkingDir: PROJECT_ROOT,
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
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

// The operator tools start in a fraction of a second because they load no construct library: the
// names they share with the stack come from lib/stack-facts.ts, and region facts from the generated
// lib/regions/table.ts. What of aws-cdk-lib they still import is aws-iam, which the policy builders return.
test.each(['bin/break-glass.ts', 'bin/doctor.ts', 'bin/drill.ts'])(
  '%s bundles no construct and loads no aws-cdk-lib core',
  async (entry) => {
    const result = await bundleOf(entry);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain('lib/stack-facts.ts');
    expect(
      inputs.filter((i) => i.startsWith('lib/constructs/') || i === 'lib/backup-account-stack.ts'),
    ).toEqual([]);
    const packages = Object.values(result.metafile.inputs).flatMap((input) =>
      input.imports.filter((i) => i.external && !i.path.startsWith('node:')).map((i) => i.path),
    );
    expect(
      [...new Set(packages)]
        .filter((path) => /^(aws-cdk-lib|constructs|esbuild|cdk-nag)(\/|$)/.test(path))
        .sort(),
    ).toEqual(['aws-cdk-lib/aws-iam']);
  },
);
