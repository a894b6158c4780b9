import { createInterface } from 'node:readline/promises';

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
