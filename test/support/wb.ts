import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './processes';

/** The `wb` client as `npm run build` (or `make -C libs/libwb/client`) leaves it. */
export const WB = join(ROOT, 'libs', 'libwb', 'build', 'wb');

export interface WbResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built binary with only what a student's shell would give it. */
export function runWb(args: string[], home: string, cwd: string, input?: string): Promise<WbResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(WB, args, {
      cwd,
      env: { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), TMPDIR: home, LANG: 'C.UTF-8' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 170_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
    // wb may exit without reading its input (--help, a usage error): that EPIPE is not a failure.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}
