// Bundles the app's own TypeScript into dist/app.js with esbuild (packages stay external).
// The CDK CLI runs this before every synthesis (cdk.json "build"): it takes a fraction of a
// second, so `npx cdk synth` always runs the current source at the speed of precompiled JS.
import { build } from 'esbuild';

await build({
  entryPoints: ['bin/app.ts'],
  outfile: 'dist/app.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
