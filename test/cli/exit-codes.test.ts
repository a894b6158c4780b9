import { EXIT, exitCodeHelp, exitCodeTable } from '../../lib/cli';
import { documentedExitCodes } from '../support/exit-codes';

test("the documented exit-code table is the tool's table, code by code and word for word", () => {
  expect(documentedExitCodes()).toEqual(exitCodeTable().map(({ code, meaning }) => ({ code, meaning })));
});

test('every code has one meaning, and --help lists each', () => {
  const codes = Object.values(EXIT);
  expect(new Set(codes).size).toBe(codes.length);
  for (const { code, meaning } of exitCodeTable())
    expect(exitCodeHelp()).toContain(`${String(code).padStart(2)}  ${meaning}`);
});
