import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT, exitCodeHelp, exitCodeTable } from '../../lib/cli';
import { PROJECT_ROOT } from '../support/config';

/** The rows of the documented exit-code table: `| code | meaning |` after "## Exit codes". */
function documentedExitCodes(): { code: number; meaning: string }[] {
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

test("the documented exit-code table is the tool's table, code by code and word for word", () => {
  expect(documentedExitCodes()).toEqual(exitCodeTable().map(({ code, meaning }) => ({ code, meaning })));
});

test('every code has one meaning, and --help lists each', () => {
  const codes = Object.values(EXIT);
  expect(new Set(codes).size).toBe(codes.length);
  for (const { code, meaning } of exitCodeTable())
    expect(exitCodeHelp()).toContain(`${String(code).padStart(2)}  ${meaning}`);
});
