/** Where a command's output goes: standard output and standard error, one line per call. */
export interface Output {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** A result as JSON: two-space indentation, missing values as null (so every key is present). */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v === undefined ? null : v), 2);
}

/**
 * Prints a command's result: its text lines, or with `--json` the result itself. Commands return
 * results; only this decides how they look.
 */
export function render<T>(
  result: T,
  options: { readonly json?: boolean },
  text: (r: T) => readonly string[],
  io: Output,
): void {
  if (options.json) io.out(jsonText(result));
  else for (const line of text(result)) io.out(line);
}
