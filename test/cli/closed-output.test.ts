// `npm run doctor | head` closes the pipe before the tool has written everything: the tool finishes
// its command without printing, exits with the command's code, and prints no stack trace.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../support/config';

function runWithClosedOutput(tool: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'scripts', 'run-tool.cjs'), tool, '--help'], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

test.each(['break-glass', 'doctor', 'drill'])(
  '%s --help into a closed pipe: exit 0, no stack trace',
  async (tool) => {
    const { code, stderr } = await runWithClosedOutput(tool);
    expect(stderr).not.toMatch(/EPIPE|^\s+at /m);
    expect(code).toBe(0);
  },
);
