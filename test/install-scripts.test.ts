// npm 11 runs a dependency's install scripts only if package.json's allowScripts allows them, and
// warns on every install about each one it neither allows nor denies. Every installed package with an
// install script must therefore be decided in allowScripts, so that `npm ci` stays quiet.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './support/config';

/** Every package folder under a node_modules folder, scoped and nested ones included. */
function packageFolders(modules: string): string[] {
  if (!existsSync(modules)) return [];
  return readdirSync(modules)
    .filter((name) => !name.startsWith('.'))
    .flatMap((name) =>
      name.startsWith('@')
        ? readdirSync(join(modules, name)).map((inner) => join(modules, name, inner))
        : [join(modules, name)],
    )
    .flatMap((folder) => [folder, ...packageFolders(join(folder, 'node_modules'))]);
}

/** Packages that npm would run an install script for (a node-gyp binding counts: npm builds it). */
function withInstallScripts(): string[] {
  const names = new Set<string>();
  for (const folder of packageFolders(join(PROJECT_ROOT, 'node_modules'))) {
    const manifest = join(folder, 'package.json');
    if (!existsSync(manifest)) continue;
    const { name, scripts = {} } = JSON.parse(readFileSync(manifest, 'utf8'));
    const hasScript = ['preinstall', 'install', 'postinstall'].some((hook) => hook in scripts);
    if (hasScript || existsSync(join(folder, 'binding.gyp'))) names.add(name);
  }
  return [...names].sort();
}

test('allowScripts decides every dependency install script, and names no package that has none', () => {
  const { allowScripts } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'));
  const decided = Object.keys(allowScripts).map((entry) => entry.replace(/(?<=.)@.*$/, ''));
  // If this fails after a dependency change, review the package's script, then run
  // `npm install-scripts approve NAME` or `npm install-scripts deny NAME`.
  expect(decided.sort()).toEqual(withInstallScripts());
});

test('esbuild may check and repair its native binary; nothing else runs', () => {
  const { allowScripts } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'));
  expect(allowScripts).toEqual({ esbuild: true });
});
