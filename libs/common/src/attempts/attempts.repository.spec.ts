import { DataSource } from 'typeorm';
import { AttemptsRepository, NewAttempt } from './attempts.repository';
import { ScratchDatabase } from '../../../../test/support/scratch-database';

/**
 * The repository's SQL against the real Postgres, in a database of its own made by the project's
 * migrations and dropped afterwards: what the services' unit tests fake.
 */
describe('AttemptsRepository', () => {
  let database: ScratchDatabase;
  let dataSource: DataSource;
  let attempts: AttemptsRepository;
  let userId: string;
  let workerId: string;

  beforeAll(async () => {
    database = await ScratchDatabase.create('attempts_repo');
    dataSource = database.dataSource;
    attempts = new AttemptsRepository(dataSource);
    [{ id: userId }] = await dataSource.query(
      `INSERT INTO users (username, api_key_hash, api_key_sealed) VALUES ('student', repeat('a', 64), 'sealed') RETURNING id`,
    );
    [{ id: workerId }] = await dataSource.query(
      `INSERT INTO workers (name, url, toolchains, registered_at, last_heartbeat_at) VALUES ('w1', 'http://w1', '{cpp}', now(), now()) RETURNING id`,
    );
  });

  afterAll(async () => {
    await database?.drop();
  });

  const attempt = (fields: Partial<NewAttempt> = {}): NewAttempt => ({
    userId,
    mpId: 'lab',
    kind: 'run',
    dataset: 0,
    program: 'int main() {}',
    programSha256: '0'.repeat(64),
    ...fields,
  });

  it('records a queued attempt, with its id and creation time', async () => {
    const queued = await attempts.insertQueued(attempt({ kind: 'grade', dataset: -1 }));
    expect(queued).toMatchObject({ userId, mpId: 'lab', kind: 'grade', dataset: -1, status: 'queued' });
    expect(queued.createdAt).toBeInstanceOf(Date);
    expect(await attempts.findById(queued.id)).toMatchObject({ status: 'queued', passed: false, finishedAt: null, workerId: null });
  });

  it('moves an attempt forward only, and a verdict once', async () => {
    const { id } = await attempts.insertQueued(attempt());
    expect(await attempts.advance({ attemptId: id, status: 'running', workerId })).toBe(true);
    const running = await attempts.findById(id);
    expect(running).toMatchObject({ status: 'running', workerId });
    expect(running?.startedAt).toBeInstanceOf(Date);
    expect(await attempts.advance({ attemptId: id, status: 'compiling', workerId })).toBe(false);
    expect(await attempts.advance({ attemptId: id, status: 'running', workerId })).toBe(false);

    const results = [{ dataset: 0, status: 'passed' as const, passed: true, message: '', timeMs: 3 }];
    expect(await attempts.advance({ attemptId: id, status: 'passed', workerId, output: 'ok', outputBytes: 2, results })).toBe(true);
    expect(await attempts.advance({ attemptId: id, status: 'failed', workerId, output: 'a second worker' })).toBe(false);
    const judged = await attempts.findById(id);
    expect(judged).toMatchObject({ status: 'passed', passed: true, output: 'ok', outputBytes: 2, results });
    // started_at is kept from the progress report (COALESCE), finished_at set by the verdict.
    expect(judged?.startedAt).toEqual(running?.startedAt);
    expect(judged?.finishedAt).toBeInstanceOf(Date);
  });

  it('stores every part of a verdict, and briefs an attempt without its program', async () => {
    const { id } = await attempts.insertQueued(attempt({ kind: 'grade' }));
    expect(await attempts.findBrief(id)).toEqual({ id, mpId: 'lab', kind: 'grade', status: 'queued' });
    expect(await attempts.findBrief('00000000-0000-4000-8000-000000000000')).toBeNull();
    const timers = [{ dataset: 0, kind: 'Compute', message: 'kernel', elapsedMs: 1.5, parent: null }];
    const logs = [{ dataset: 0, level: 'TRACE', message: 'a "quoted" \\ line', file: 'main.cu', line: 3 }];
    const verdict = {
      attemptId: id,
      status: 'compile_error' as const,
      compilerOutput: 'error: x',
      compilerOutputBytes: 8,
      output: '',
      timers,
      logs,
    };
    expect(await attempts.advance(verdict)).toBe(true);
    expect(await attempts.findById(id)).toMatchObject({
      status: 'compile_error',
      passed: false,
      compilerOutput: 'error: x',
      compilerOutputBytes: 8,
      results: [],
      timers,
      logs,
    });
    expect(await attempts.findBrief(id)).toEqual({ id, mpId: 'lab', kind: 'grade', status: 'compile_error' });
  });

  it('takes a report from a worker no longer registered without its id, rather than fail on the foreign key', async () => {
    const { id } = await attempts.insertQueued(attempt());
    expect(await attempts.advance({ attemptId: id, status: 'failed', workerId: '00000000-0000-4000-8000-000000000000' })).toBe(true);
    expect(await attempts.findById(id)).toMatchObject({ status: 'failed', workerId: null });
  });

  it('puts a replayed verdict in place of an internal_error, never of a real verdict', async () => {
    const lost = await attempts.insertQueued(attempt());
    const judged = await attempts.insertQueued(attempt());
    await attempts.endWithInternalError(lost.id, 'the run queue is unavailable');
    await attempts.advance({ attemptId: judged.id, status: 'failed' });
    expect(await attempts.advance({ attemptId: lost.id, status: 'passed' })).toBe(false);
    expect(await attempts.advance({ attemptId: lost.id, status: 'passed' }, { replacing: 'internal_error' })).toBe(true);
    expect(await attempts.advance({ attemptId: judged.id, status: 'passed' }, { replacing: 'internal_error' })).toBe(false);
    expect([await attempts.statusOf(lost.id), await attempts.statusOf(judged.id)]).toEqual(['passed', 'failed']);
  });

  it('ends a pending attempt as internal_error, saying why, but can never overwrite a verdict', async () => {
    const queued = await attempts.insertQueued(attempt());
    const judged = await attempts.insertQueued(attempt());
    await attempts.advance({ attemptId: judged.id, status: 'passed', output: 'ok' });
    expect(await attempts.endWithInternalError(queued.id, 'the run queue is unavailable')).toBe(true);
    expect(await attempts.endWithInternalError(judged.id, 'the run queue is unavailable')).toBe(false);
    expect(await attempts.findById(queued.id)).toMatchObject({
      status: 'internal_error',
      passed: false,
      output: 'the run queue is unavailable',
    });
    expect((await attempts.findById(queued.id))?.finishedAt).toBeInstanceOf(Date);
    expect(await attempts.findById(judged.id)).toMatchObject({ status: 'passed', passed: true, output: 'ok' });
  });

  it('cancels an attempt without a verdict, once, and no attempt with one', async () => {
    const running = await attempts.insertQueued(attempt());
    const judged = await attempts.insertQueued(attempt());
    await attempts.advance({ attemptId: running.id, status: 'running', workerId });
    await attempts.advance({ attemptId: judged.id, status: 'timeout' });
    expect(await attempts.cancel(running.id, 'Cancelled by staff.')).toBe(true);
    expect(await attempts.cancel(running.id, 'Cancelled again.')).toBe(false);
    expect(await attempts.cancel(judged.id, 'Cancelled by staff.')).toBe(false);
    expect(await attempts.findById(running.id)).toMatchObject({ status: 'cancelled', output: 'Cancelled by staff.' });
    expect(await attempts.statusOf(judged.id)).toBe('timeout');
    // A late verdict from the worker whose box was stopped changes nothing.
    expect(await attempts.advance({ attemptId: running.id, status: 'passed' })).toBe(false);
  });

  it('gives the median time a worker held the latest judged runs of some labs, or null before any ran', async () => {
    expect(await attempts.medianRunMs(['timed-a', 'timed-b'], 10)).toBeNull();
    const ran = async (mpId: string, ms: number, finishedSecondsAgo: number, status: 'passed' | 'cancelled' = 'passed') => {
      const { id } = await attempts.insertQueued(attempt({ mpId }));
      await attempts.advance({ attemptId: id, status: 'running', workerId });
      if (status === 'cancelled') await attempts.cancel(id, 'cancelled');
      else await attempts.advance({ attemptId: id, status, workerId });
      await dataSource.query(
        `UPDATE attempts SET finished_at = now() - make_interval(secs => $2), started_at = now() - make_interval(secs => $2) - make_interval(secs => $3)
          WHERE id = $1`,
        [id, finishedSecondsAgo, ms / 1000],
      );
    };
    await ran('timed-a', 1_000, 50);
    await ran('timed-a', 9_000, 40);
    await ran('timed-b', 4_000, 30);
    await ran('timed-a', 2_000, 20);
    await ran('timed-a', 60_000, 10, 'cancelled'); // not a run of the program: left out
    await attempts.insertQueued(attempt({ mpId: 'timed-a' })); // not started: left out

    expect(await attempts.medianRunMs(['timed-a', 'timed-b'], 10)).toBe(3_000); // 1, 2, 4, 9 s
    expect(await attempts.medianRunMs(['timed-a', 'timed-b'], 2)).toBe(3_000); // the latest two: 2 and 4 s
    expect(await attempts.medianRunMs(['timed-a'], 10)).toBe(2_000);
    expect(await attempts.medianRunMs([], 10)).toBeNull();
  });

  it('reads what the staff pages, the notifier and the grader ask for', async () => {
    const unfinished = await attempts.insertQueued(attempt({ mpId: 'reads' }));
    const graded = await attempts.insertQueued(attempt({ mpId: 'reads', kind: 'grade' }));
    await attempts.advance({ attemptId: unfinished.id, status: 'running', workerId });
    await attempts.advance({ attemptId: graded.id, status: 'passed' });
    await dataSource.query(`UPDATE attempts SET finished_at = now() - interval '5 minutes' WHERE id = $1`, [graded.id]);

    expect((await attempts.unfinished(500)).find((a) => a.id === unfinished.id)).toMatchObject({
      mpId: 'reads',
      status: 'running',
      username: 'student',
      workerName: 'w1',
    });
    expect(await attempts.unfinishedOlderThan(60_000, 500)).toEqual([]);
    expect(await attempts.judgedWithoutGrade(60_000, 30, 500)).toEqual([graded.id]);
    expect(await attempts.finishedAndGraded([unfinished.id, graded.id])).toEqual({ finished: 1, graded: 0 });
    expect((await attempts.bestPerLab(userId)).find((r) => r.mpId === 'reads')).toEqual({ mpId: 'reads', status: 'passed', passed: true });
    expect(await attempts.findUnfinished(graded.id)).toBeNull();
    expect(await attempts.findUnfinished(unfinished.id)).toMatchObject({ id: unfinished.id, program: 'int main() {}' });
    expect(await attempts.statusesOf([unfinished.id, graded.id])).toEqual(
      new Map([
        [unfinished.id, 'running'],
        [graded.id, 'passed'],
      ]),
    );
  });
});
