import { checkText } from './text/check-text';
import type { DoctorReport } from './types';

/** One line per check (`PASS  title: summary`), its details indented below, and a closing count. */
export function renderText(report: DoctorReport): string[] {
  const now = new Date(report.checkedAt);
  const lines = [
    `Health check of account ${report.account}, region ${report.region}, at ${report.checkedAt}:`,
  ];
  for (const c of report.checks) {
    const { title, summary, details } = checkText(c, now);
    lines.push(`${c.status.padEnd(4)}  ${title}: ${summary}`);
    for (const d of details) lines.push(`        ${d}`);
  }
  const { PASS, WARN, FAIL, SKIP } = report.counts;
  lines.push(`${report.checks.length} checks: ${PASS} PASS, ${WARN} WARN, ${FAIL} FAIL, ${SKIP} SKIP`);
  return lines;
}
