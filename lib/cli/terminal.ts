import { createInterface } from 'node:readline/promises';
import { silenceSdkNodeWarning } from './aws-options';

/**
 * A yes/no question on the terminal (only "yes" confirms), or undefined when standard input or
 * output is not a terminal: commands then refuse rather than assume.
 */
export function terminalConfirm(): ((question: string) => Promise<boolean>) | undefined {
  if (!(process.stdin.isTTY && process.stdout.isTTY)) return undefined;
  return async (question) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    try {
      return (await rl.question(question)).trim().toLowerCase() === 'yes';
    } finally {
      rl.close();
    }
  };
}

/** What a write to a pipe whose reader has gone reports (`| head`), then every later write. */
const CLOSED_OUTPUT = new Set(['EPIPE', 'ERR_STREAM_DESTROYED']);

/**
 * A reader that stops early (`npm run doctor | head`) closes the pipe. The tool then goes on to the
 * end of its command without printing, so that no change stops halfway, and exits with the
 * command's code, instead of dying on the write with a stack trace.
 */
function ignoreClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (!CLOSED_OUTPUT.has(error.code ?? '')) throw error;
    });
  }
}

/**
 * What each operator tool's entry point does: stop quietly on a closed pipe, silence the AWS SDK's
 * Node.js warning, run the command line, and set the exit code from its result, or from the error
 * that escaped it (reported by `report`).
 */
export function startTool(run: () => Promise<number>, report: (error: unknown) => number): void {
  ignoreClosedOutput();
  silenceSdkNodeWarning();
  run().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.exitCode = report(error);
    },
  );
}
