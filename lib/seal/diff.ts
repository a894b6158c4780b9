import { diffArrays } from 'diff';

/**
 * A line diff in unified style (`-` removed, `+` added, two spaces unchanged), with `context`
 * unchanged lines kept around each change and `...` where unchanged lines are left out.
 */
export function lineDiff(before: string, after: string, context = 3): string[] {
  const ops = diffArrays(before.split('\n'), after.split('\n')).flatMap((part) =>
    part.value.map((line) => ({ kind: part.added ? '+' : part.removed ? '-' : ' ', line })),
  );
  const changed = ops.map((op) => op.kind !== ' ');
  const keep = ops.map((_, n) => changed.slice(Math.max(0, n - context), n + context + 1).some(Boolean));
  const lines: string[] = [];
  ops.forEach((op, n) => {
    if (keep[n]) lines.push(`${op.kind} ${op.line}`);
    else if (keep[n - 1]) lines.push('  ...');
  });
  return lines;
}
