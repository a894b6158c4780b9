/**
 * A line diff in unified style (`-` removed, `+` added, two spaces unchanged), with `context`
 * unchanged lines kept around each change. Policies are a few hundred lines: the quadratic
 * longest-common-subsequence table is small.
 */
export function lineDiff(before: string, after: string, context = 3): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const ops: { kind: ' ' | '-' | '+'; line: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i] });
      i++;
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
      ops.push({ kind: '-', line: a[i] });
      i++;
    } else {
      ops.push({ kind: '+', line: b[j] });
      j++;
    }
  }
  const changed = ops.map((op) => op.kind !== ' ');
  const keep = ops.map((_, n) => changed.slice(Math.max(0, n - context), n + context + 1).some(Boolean));
  const lines: string[] = [];
  ops.forEach((op, n) => {
    if (keep[n]) lines.push(`${op.kind} ${op.line}`);
    else if (keep[n - 1]) lines.push('  ...');
  });
  return lines;
}
