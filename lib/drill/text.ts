import type { DrillEvent } from './context';
import type { PlannedStep } from './plan';
import type { DrillReport } from './report';

/** A progress line for each event, or none (waiting is shown once a minute, not at every poll). */
export function progressLine(event: DrillEvent): string | undefined {
  switch (event.type) {
    case 'step-started':
      return `[${event.step}] ${event.title}…`;
    case 'waiting':
      return event.elapsedSeconds % 60 < 30 || event.state === 'COMPLETED'
        ? `[${event.step}]   ${event.what}: ${event.state} (${event.elapsedSeconds} s)`
        : undefined;
    case 'step-ended':
      return `[${event.step}] ${event.status.toUpperCase()}: ${event.summary}`;
  }
}

export function planText(id: string, steps: readonly PlannedStep[]): string[] {
  const lines = [`Drill ${id} would run these steps (nothing has been made):`];
  steps.forEach((s, i) => {
    lines.push(`${i + 1}. ${s.title} — ${s.account}`);
    for (const call of s.calls) lines.push(`     ${call}`);
    for (const made of s.creates) lines.push(`     creates: ${made}`);
  });
  return lines;
}

/** The verdict, where the report is, where it was filed (or why not), and what to do next. */
export function verdictText(
  report: DrillReport,
  paths: { markdown: string; json: string },
  filed?: string,
): string[] {
  const id = report.record.id;
  const lines = [
    `Drill ${id}: ${report.verdict.toUpperCase()}`,
    `Report: ${paths.markdown} (and ${paths.json})`,
  ];
  if (filed) lines.push(filed);
  if (report.verdict === 'incomplete')
    lines.push(
      `It stopped before the end: drill --resume ${id} finishes it, drill --cleanup ${id} removes what it made.`,
    );
  return lines;
}
