// The README leads, in at most 300 lines, to guides under docs/; every link among them resolves.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { CONFIG_KEYS, KNOWN_KEYS } from '../lib/config/keys';
import { PROJECT_ROOT } from './support/config';

const DOCUMENTS = [
  'README.md',
  ...readdirSync(join(PROJECT_ROOT, 'docs')).map((name) => join('docs', name)),
].filter((path) => path.endsWith('.md'));
const read = (path: string) => readFileSync(join(PROJECT_ROOT, path), 'utf8');

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function headings(path: string): Set<string> {
  const text = read(path).replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchor(m[1])));
}

/** The relative links of a document: `[text](target)`, outside code. */
function links(path: string): string[] {
  const text = read(path).replace(/```[\s\S]*?```/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((t) => !/^[a-z]+:/.test(t));
}

test('the README is at most 300 lines', () => {
  expect(read('README.md').split('\n').length).toBeLessThanOrEqual(300);
});

test.each(DOCUMENTS)('every relative link of %s names an existing file and heading', (path) => {
  for (const link of links(path)) {
    const [file, hash] = link.split('#');
    const target = file === '' ? path : normalize(join(dirname(path), file));
    expect({ link, exists: existsSync(join(PROJECT_ROOT, target)) }).toEqual({ link, exists: true });
    if (hash !== undefined && target.endsWith('.md')) {
      expect({ link, heading: headings(target).has(hash) }).toEqual({ link, heading: true });
    }
  }
});

test('every guide under docs/ is linked from the README', () => {
  const linked = new Set(links('README.md').map((link) => normalize(link.split('#')[0])));
  for (const path of DOCUMENTS.filter((p) => p.startsWith('docs'))) expect(linked).toContain(path);
});

test('the quick start is the same two commands', () => {
  const readme = read('README.md');
  const start = readme.indexOf('## Quick start\n\n```bash\n') + '## Quick start\n\n```bash\n'.length;
  expect(readme.slice(start, readme.indexOf('```', start)).trimEnd().split('\n')).toEqual([
    'npm ci && npx cdk synth   # install, then synthesize BackupAccountStack on the example configuration',
    'npm test                  # type-check, lint, and run the tests',
  ]);
});

test("the README's configuration table has a row for every key, in the order of lib/config/keys.ts", () => {
  const rows = [...read('README.md').matchAll(/^\| `([a-z_]+)` +\| /gm)].map((m) => m[1]);
  expect(rows.filter((key) => key in CONFIG_KEYS)).toEqual(KNOWN_KEYS);
});
