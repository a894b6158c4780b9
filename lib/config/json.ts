import { createScanner, type ParseErrorCode, printParseErrorCode, visit } from 'jsonc-parser';
import type { ConfigProblem } from './errors';

/**
 * Strict JSON, read with jsonc-parser (the parser of VS Code's JSON support) for what JSON.parse
 * does not tell: every syntax error with its offset and an error code (so a trailing comma is called
 * a comma, at the comma), and each key's position (so a key written twice, which JSON.parse
 * silently resolves to the last, is refused with both lines).
 */
export interface ParsedJson {
  readonly value?: unknown;
  /** Syntax errors and repeated keys; none means `value` is what the file says. */
  readonly problems: readonly string[];
}

const STRICT = { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false };

/** What each jsonc-parser error code means, for people. */
const REASONS: Partial<Record<string, string>> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'not a valid number',
  PropertyNameExpected: 'a key in double quotes expected',
  ValueExpected: 'a value expected',
  ColonExpected: 'a colon expected',
  CommaExpected: 'a comma expected',
  CloseBraceExpected: 'a closing } expected',
  CloseBracketExpected: 'a closing ] expected',
  EndOfFileExpected: 'nothing expected after the end of the JSON value',
  InvalidCommentToken: 'JSON allows no comments',
  UnexpectedEndOfComment: 'JSON allows no comments',
  UnexpectedEndOfString: 'the text ends inside a string',
  UnexpectedEndOfNumber: 'the text ends inside a number',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape after \\',
  InvalidCharacter: 'a control character (such as a tab or line break) inside a string',
};

export function parseStrictJson(text: string): ParsedJson {
  const errors: { code: ParseErrorCode; offset: number }[] = [];
  // Per open object: its keys so far, with their offsets.
  const objects: Map<string, number>[] = [];
  const repeated: string[] = [];
  visit(
    text,
    {
      onObjectBegin: () => void objects.push(new Map()),
      onObjectEnd: () => void objects.pop(),
      onObjectProperty: (name, offset, _length, _line, _column, path) => {
        const keys = objects[objects.length - 1];
        const first = keys?.get(name);
        if (first !== undefined) {
          const where = [...path(), name].map(String).join('.');
          repeated.push(
            `has the key "${where}" twice, at lines ${lineOf(text, first)} and ${lineOf(text, offset)}; JSON readers keep only the last one silently: remove one of them`,
          );
        }
        keys?.set(name, offset);
      },
      onError: (code, offset) => void errors.push({ code, offset }),
    },
    STRICT,
  );
  if (errors.length > 0) return { problems: [syntaxProblem(text, errors[0])] };
  return { value: JSON.parse(text), problems: repeated };
}

/** One syntax error, the first: later ones mostly follow from it. */
function syntaxProblem(text: string, error: { code: ParseErrorCode; offset: number }): string {
  const comma = trailingComma(text, error.offset);
  if (comma !== undefined) {
    return located(text, comma, 'a comma after the last entry, which JSON does not allow: remove it');
  }
  if (looksLikeYaml(text) && error.offset === firstContent(text)) {
    return located(
      text,
      error.offset,
      'this looks like YAML; the configuration is JSON, written as backup-account.example.json is',
    );
  }
  const code = printParseErrorCode(error.code);
  const reason = REASONS[code] ?? code;
  const atEnd = error.offset >= text.trimEnd().length;
  return located(text, error.offset, atEnd ? `the file ends too early: ${reason}` : reason);
}

/** The offset of a comma directly before the } or ] at `offset`, if that is what the error is. */
function trailingComma(text: string, offset: number): number | undefined {
  const scanner = createScanner(text, true);
  let previous: { value: string; offset: number } | undefined;
  while (scanner.getPosition() < text.length) {
    scanner.scan();
    const value = text.slice(scanner.getTokenOffset(), scanner.getTokenOffset() + scanner.getTokenLength());
    if (scanner.getTokenOffset() >= offset) {
      return (value === '}' || value === ']') && previous?.value === ',' ? previous.offset : undefined;
    }
    previous = { value, offset: scanner.getTokenOffset() };
  }
  return undefined;
}

function firstContent(text: string): number {
  return text.length - text.trimStart().length;
}

/** A `key: value` line where JSON needs `{` (after comments or `---`, if any): a YAML mapping. */
function looksLikeYaml(text: string): boolean {
  return /^\s*(#[^\n]*\n\s*)*(---\s*\n\s*)?[\w"'-]+\s*:(\s|$)/.test(text);
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** `is not valid JSON at line 3, column 18 (reason):` then the line and a caret under the column. */
function located(text: string, offset: number, reason: string): string {
  const before = text.slice(0, offset).split('\n');
  const line = before.length;
  const column = before[line - 1].length + 1;
  const shown = (text.split('\n')[line - 1] ?? '').replace(/\r$/, '').replace(/\t/g, ' ');
  return [
    `is not valid JSON at line ${line}, column ${column} (${reason}):`,
    `      ${shown}`,
    `      ${' '.repeat(column - 1)}^`,
  ].join('\n');
}

/** The problems of a parsed file as configuration problems of that file. */
export function fileProblems(name: string, problems: readonly string[]): ConfigProblem[] {
  return problems.map((message) => ({ key: name, message }));
}
