// Tests are hermetic: they never read the checkout's own configuration (an operator's
// backup-account.json, or the CDK's cdk.context.json), which would make a result depend on whose
// machine runs them. Any attempt from inside a test worker throws, naming the file.
import fs from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const FORBIDDEN = new Set(['backup-account.json', 'cdk.context.json'].map((name) => join(ROOT, name)));
const GUARDED = Symbol.for('backup-account.checkout-guard');

function refuse(path: fs.PathLike | number): void {
  if (typeof path !== 'string') return;
  if (FORBIDDEN.has(resolve(path))) {
    throw new Error(`a test read the checkout's ${resolve(path)}: give it a folder or file of its own`);
  }
}

const patched = fs as typeof fs & { [GUARDED]?: true };
if (!patched[GUARDED]) {
  patched[GUARDED] = true;
  for (const name of ['readFileSync', 'existsSync', 'statSync', 'openSync'] as const) {
    const original = fs[name] as (...args: unknown[]) => unknown;
    (fs as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      refuse(args[0] as fs.PathLike);
      return original.apply(fs, args);
    };
  }
}
