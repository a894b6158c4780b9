import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT, exitCodeHelp, exitCodeTable } from '../../lib/cli';
import { PROJECT_ROOT } from '../support/config';

/** The rows of the README's exit-code table: `| code | meaning |` after "**Exit codes.**". */
function readmeExitCodes(): { code: number; meaning: string }[] {
  const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('**Exit codes**'));
  const table = section.slice(0, section.search(/\n\n(?!\|)/));
  return [...table.matchAll(/^\| (\d+) +\| (.+?) +\|$/gm)].map((m) => ({
    code: Number(m[1]),
    meaning: m[2].replace(/\\\|/g, '|').replace(/`/g, ''),
  }));
}

test("the README's exit-code table is the tool's table, code by code and word for word", () => {
  expect(readmeExitCodes()).toEqual(exitCodeTable().map(({ code, meaning }) => ({ code, meaning })));
});

test('every code has one meaning, and --help lists each', () => {
  const codes = Object.values(EXIT);
  expect(new Set(codes).size).toBe(codes.length);
  for (const { code, meaning } of exitCodeTable())
    expect(exitCodeHelp()).toContain(`${String(code).padStart(2)}  ${meaning}`);
});
