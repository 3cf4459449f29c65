import { withLogContext } from './log-context';
import { RecentLogLogger } from './recent-log';

/** What the logger wrote to stdout while `fn` ran, line by line. */
function stdoutOf(fn: () => void): string[] {
  const written: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    fn();
  } finally {
    spy.mockRestore();
  }
  return written.join('').split('\n').filter(Boolean);
}

describe('RecentLogLogger', () => {
  it('writes one JSON object per line: time, level, pid, context, msg, and the ids of the request or job being handled', () => {
    const logger = new RecentLogLogger().configure({ LOG_LEVEL: 'log', LOG_FORMAT: 'json' });
    const lines = stdoutOf(() => {
      logger.log('started', 'Gateway');
      withLogContext({ requestId: 'req-1' }, () =>
        withLogContext({ attemptId: 'att-1' }, () => logger.warn('slow "box"\nsecond line', 'AttemptRunner')),
      );
      logger.error('it failed', 'Error: it failed\n    at somewhere', 'HTTP');
    });
    expect(lines).toHaveLength(3);
    const [started, warned, failed] = lines.map((line) => JSON.parse(line));
    expect(started).toEqual({ level: 'info', time: expect.any(String), pid: process.pid, context: 'Gateway', msg: 'started' });
    expect(new Date(started.time).toISOString()).toBe(started.time);
    expect(warned).toEqual({
      level: 'warn',
      time: expect.any(String),
      pid: process.pid,
      context: 'AttemptRunner',
      requestId: 'req-1',
      attemptId: 'att-1',
      msg: 'slow "box"\nsecond line',
    });
    // The stack is a field of the error's line, not lines of its own.
    expect(failed).toMatchObject({ level: 'error', context: 'HTTP', msg: 'it failed', stack: 'Error: it failed\n    at somewhere' });
  });

  it('keeps the lines as text for GET /log, each with its ids', () => {
    const logger = new RecentLogLogger().configure({ LOG_LEVEL: 'log', LOG_FORMAT: 'json' });
    stdoutOf(() =>
      withLogContext({ requestId: 'req-2', attemptId: 'att-2' }, () => logger.log('attempt att-2 queued', 'SubmissionsService')),
    );
    expect(logger.recent()).toEqual([
      expect.stringMatching(/^\S+Z LOG \[SubmissionsService\] attempt att-2 queued requestId=req-2 attemptId=att-2$/),
    ]);
  });

  it("writes Nest's text lines, with the ids at the end, when the format is text", () => {
    const logger = new RecentLogLogger().configure({ LOG_LEVEL: 'log', LOG_FORMAT: 'text' });
    const [line] = stdoutOf(() => withLogContext({ requestId: 'req-3' }, () => logger.log('hello', 'Worker')));
    expect(() => JSON.parse(line)).toThrow();
    expect(line).toContain('[Worker]');
    expect(line).toContain('hello requestId=req-3');
  });

  it('writes an error as its stack and an object on one line, a circular one too', () => {
    const logger = new RecentLogLogger().configure({ LOG_LEVEL: 'log', LOG_FORMAT: 'json' });
    const circular: Record<string, unknown> = { attempt: 'a1' };
    circular.self = circular;
    const lines = stdoutOf(() => {
      logger.error(new Error('lost'), 'X');
      logger.log(circular, 'X');
    });
    const [error, object] = lines.map((line) => JSON.parse(line));
    expect(error.msg).toMatch(/^Error: lost\n\s+at /);
    expect(object.msg).toBe("<ref *1> { attempt: 'a1', self: [Circular *1] }");
  });

  it('writes and keeps only lines at LOG_LEVEL or above, in either format', () => {
    for (const format of ['json', 'text'] as const) {
      const logger = new RecentLogLogger().configure({ LOG_LEVEL: 'warn', LOG_FORMAT: format });
      const lines = stdoutOf(() => {
        logger.debug('detail', 'X');
        logger.log('news', 'X');
        logger.warn('trouble', 'X');
      });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('trouble');
      expect(logger.recent()).toEqual([expect.stringContaining('WARN [X] trouble')]);
    }
    const verbose = new RecentLogLogger().configure({ LOG_LEVEL: 'verbose', LOG_FORMAT: 'json' });
    const lines = stdoutOf(() => verbose.verbose('every detail', 'X'));
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'trace', msg: 'every detail' });
  });
});
