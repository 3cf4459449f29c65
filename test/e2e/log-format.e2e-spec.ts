import { spawn } from 'node:child_process';
import { appEntry, ROOT } from '../support/processes';

jest.setTimeout(60_000);

/**
 * The first line an app writes (the grader's "Starting Nest application"), with its stdout on a
 * terminal (a pseudo-terminal `script` makes) or on a pipe. The app is stopped once it is seen.
 */
function firstLine(onTerminal: boolean, settings: Record<string, string>): Promise<string> {
  const app = [process.execPath, appEntry('grader')];
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, ...settings };
  const child = onTerminal
    ? spawn('script', ['-qec', app.join(' '), '/dev/null'], { cwd: ROOT, env, detached: true })
    : spawn(app[0], app.slice(1), { cwd: ROOT, env, detached: true });
  return new Promise((resolve, reject) => {
    let output = '';
    const stop = () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* it ended already */
      }
    };
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const line = output.split(/\r?\n/).find((l) => l.includes('Starting Nest application'));
      if (line === undefined) return;
      stop();
      resolve(line);
    });
    child.once('error', reject);
    child.once('exit', () => reject(new Error(`the grader ended before its first line:\n${output}`)));
  });
}

describe('the log format an app chooses (LOG_FORMAT)', () => {
  it("writes Nest's coloured text on a terminal, by default", async () => {
    const line = await firstLine(true, {});
    expect(line).toMatch(/^\x1b\[32m\[Nest\] \d+ {2}- /);
    expect(line).toContain('[NestFactory] ');
  });

  it('writes JSON on a pipe, by default, as a log collector reads it', async () => {
    const line = await firstLine(false, {});
    expect(JSON.parse(line)).toEqual({
      level: 'info',
      time: expect.any(String),
      pid: expect.any(Number),
      context: 'NestFactory',
      msg: 'Starting Nest application...',
    });
  });

  it('writes what LOG_FORMAT says wherever its output goes', async () => {
    expect(JSON.parse(await firstLine(true, { LOG_FORMAT: 'json' }))).toMatchObject({ level: 'info', context: 'NestFactory' });
    expect(await firstLine(false, { LOG_FORMAT: 'text' })).toContain('[NestFactory] ');
  });
});
