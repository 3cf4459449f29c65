import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { HttpClient } from './http-client';
import { ROOT } from './processes';
import type { TestPlatform } from './platform';

/** The `wb` client as `npm run build` (or `make -C libs/libwb/client`) leaves it. */
export const WB = join(ROOT, 'libs', 'libwb', 'build', 'wb');

// wb's documented exit statuses (libs/libwb/client/src/exit_codes.h).
export const WB_EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  notLoggedIn: 3,
  unreachable: 4,
  auth: 5,
  notFound: 6,
  rateLimited: 7,
  tooLarge: 8,
  refused: 9,
  conflict: 10,
  local: 13,
  unsupported: 14,
};

/** Builds the client: make is incremental, so this builds it when missing and keeps it in step with its sources. */
export function buildWb(): void {
  const make = spawnSync('make', ['-s', '-C', join(ROOT, 'libs', 'libwb', 'client')], { encoding: 'utf8' });
  if (make.status !== 0) throw new Error(`building wb failed:\n${make.stdout}${make.stderr}`);
}

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

/** Prints what wb said when an expectation about its exit status fails, so a failure explains itself. */
export function expectWbExit(result: WbResult, status: number): void {
  if (result.status !== status) {
    throw new Error(`wb exited with ${result.status}, expected ${status}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
  }
}

/** A student on their own machine: a home folder (wb's config) and a working folder (the labs). */
export interface WbStudent {
  username: string;
  http: HttpClient;
  apiKey: string;
  home: string;
  work: string;
  wb: (args: string[], input?: string) => Promise<WbResult>;
}

/** Signs up over HTTP, as in the browser, reads the API key from /whoami, and makes the student's folders under `scratch`. */
export async function newWbStudent(platform: TestPlatform, scratch: string, username: string): Promise<WbStudent> {
  const http = platform.client();
  const signup = await http.post('/signup', { user: username, pass: 'correct horse battery' });
  if (signup.status !== 201) throw new Error(`signing up ${username} answered ${signup.status}`);
  const whoami = await http.get('/whoami');
  if (whoami.status !== 200) throw new Error(`/whoami answered ${whoami.status}`);
  const home = join(scratch, username, 'home');
  const work = join(scratch, username, 'work');
  mkdirSync(home, { recursive: true });
  mkdirSync(work, { recursive: true });
  return { username, http, apiKey: whoami.body.apiKey, home, work, wb: (args, input) => runWb(args, home, work, input) };
}
