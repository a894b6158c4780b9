import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './config';

/** The rows of the documented exit-code table (docs/break-glass.md): `| code | meaning |` after "## Exit codes". */
export function documentedExitCodes(): { code: number; meaning: string }[] {
  const guide = readFileSync(join(PROJECT_ROOT, 'docs', 'break-glass.md'), 'utf8');
  expect(guide).toContain('\n## Exit codes\n');
  const section = guide.slice(guide.indexOf('\n## Exit codes\n'));
  const rows = section.slice(section.indexOf('\n|'));
  const table = rows.slice(0, rows.search(/\n\n(?!\|)/));
  return [...table.matchAll(/^\| (\d+) +\| (.+?) +\|$/gm)].map((m) => ({
    code: Number(m[1]),
    meaning: m[2].replace(/\\\|/g, '|').replace(/`/g, ''),
  }));
}
