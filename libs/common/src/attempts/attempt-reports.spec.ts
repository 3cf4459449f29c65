import type Redis from 'ioredis';
import { FakeAttemptsRepository } from '../../../../test/support/fake-attempts-repository';
import type { CatalogueService } from '../catalogue/catalogue.service';
import type { Mp } from '../catalogue/mp-loader';
import type { AppConfig } from '../config/app-config';
import type { GradeQueue } from '../grading/grade-queue';
import { METRICS } from '../metrics/wb-metrics';
import { AttemptReports } from './attempt-reports';

/** The catalogue, as far as the verdict counter asks it: 'lab' is a C++ lab, no other exists. */
const catalogue = { find: (mpId: string) => (mpId === 'lab' ? ({ config: { toolchain: 'cpp' } } as Mp) : undefined) } as CatalogueService;

/** What is learnt of an attempt, applied through the repository (faked), announced on Redis and graded (both faked). */
describe('AttemptReports', () => {
  function setup() {
    const attempts = new FakeAttemptsRepository();
    const published: string[] = [];
    const gradeJobs: string[] = [];
    const redis = { publish: async (channel: string) => published.push(channel) } as unknown as Redis;
    const gradeQueue = {
      enqueue: async (id: string) => void gradeJobs.push(`enqueue ${id}`),
      enqueueAgain: async (id: string) => void gradeJobs.push(`again ${id}`),
    } as unknown as GradeQueue;
    const reports = new AttemptReports(attempts.repository, gradeQueue, redis, { REDIS_PREFIX: 'wb' } as AppConfig, catalogue);
    return { attempts, reports, published, gradeJobs };
  }

  it('moves an attempt forward only, announcing each change and nothing else', async () => {
    const { attempts, reports, published } = setup();
    const { id } = attempts.add();
    expect(await reports.apply('lab', { attemptId: id, status: 'running', workerId: 'w1' })).toBe(true);
    expect(await reports.apply('lab', { attemptId: id, status: 'compiling', workerId: 'w1' })).toBe(true);
    expect(attempts.rows.get(id)).toMatchObject({ status: 'running', workerId: 'w1' });
    expect(published).toEqual([`wb:attempt:${id}`]);

    await reports.apply('lab', { attemptId: id, status: 'failed', output: 'wrong', results: [] });
    await reports.apply('lab', { attemptId: id, status: 'passed', output: 'a second worker' });
    await reports.apply('lab', { attemptId: id, status: 'running' });
    expect(attempts.rows.get(id)).toMatchObject({ status: 'failed', passed: false, output: 'wrong' });
    expect(published).toEqual([`wb:attempt:${id}`, `wb:attempt:${id}`]);
  });

  it("refuses a report for another lab's attempt, or for none", async () => {
    const { attempts, reports, published } = setup();
    const { id } = attempts.add({ mpId: 'lab' });
    expect(await reports.apply('other-lab', { attemptId: id, status: 'passed' })).toBe(false);
    expect(await reports.apply('lab', { attemptId: '00000000-0000-4000-8000-000000000000', status: 'passed' })).toBe(false);
    expect(attempts.rows.get(id)?.status).toBe('queued');
    expect(published).toEqual([]);
  });

  it("stores a report's text made safe first", async () => {
    const { attempts, reports } = setup();
    const { id } = attempts.add();
    await reports.apply('lab', { attemptId: id, status: 'failed', output: 'a\u0000b' });
    expect(attempts.rows.get(id)?.output).toBe('a\u2400b');
  });

  it("queues a grade attempt's grading on every verdict (the job id makes it once), a run's never", async () => {
    const { attempts, reports, gradeJobs } = setup();
    const grade = attempts.add({ kind: 'grade' });
    const run = attempts.add({ kind: 'run' });
    await reports.apply('lab', { attemptId: grade.id, status: 'running' });
    await reports.apply('lab', { attemptId: grade.id, status: 'passed' });
    await reports.apply('lab', { attemptId: grade.id, status: 'passed' });
    await reports.apply('lab', { attemptId: run.id, status: 'passed' });
    expect(gradeJobs).toEqual([`enqueue ${grade.id}`, `enqueue ${grade.id}`]);
  });

  it('replays a verdict over the internal_error it left, grading it anew, but never over a real verdict', async () => {
    const { attempts, reports, gradeJobs } = setup();
    const lost = attempts.add({ kind: 'grade', status: 'internal_error', finishedAt: new Date() });
    const judged = attempts.add({ kind: 'grade', status: 'failed', finishedAt: new Date() });
    await reports.apply('lab', { attemptId: lost.id, status: 'passed' }, { replacing: 'internal_error' });
    await reports.apply('lab', { attemptId: judged.id, status: 'passed' }, { replacing: 'internal_error' });
    expect([attempts.rows.get(lost.id)?.status, attempts.rows.get(judged.id)?.status]).toEqual(['passed', 'failed']);
    expect(gradeJobs).toEqual([`again ${lost.id}`, `enqueue ${judged.id}`]);
  });

  it('cancels an attempt without a verdict, saying why, and leaves a verdict alone', async () => {
    const { attempts, reports, published } = setup();
    const running = attempts.add({ status: 'running' });
    const passed = attempts.add({ status: 'passed', passed: true, finishedAt: new Date() });
    expect(await reports.cancel(running.id, 'Cancelled by staff.')).toBe(true);
    expect(await reports.cancel(passed.id, 'Cancelled by staff.')).toBe(false);
    expect(attempts.rows.get(running.id)).toMatchObject({ status: 'cancelled', output: 'Cancelled by staff.' });
    expect(attempts.rows.get(passed.id)).toMatchObject({ status: 'passed', passed: true });
    expect(published).toEqual([`wb:attempt:${running.id}`]);
  });

  it('ends a pending attempt as internal_error, announced and never graded, but never one with a verdict', async () => {
    const { attempts, reports, published, gradeJobs } = setup();
    const queued = attempts.add({ kind: 'grade' });
    const judged = attempts.add({ kind: 'grade', status: 'passed', passed: true, finishedAt: new Date() });
    expect(await reports.endWithInternalError(queued.id, 'the run queue is unavailable')).toBe(true);
    expect(await reports.endWithInternalError(judged.id, 'the run queue is unavailable')).toBe(false);
    expect(attempts.rows.get(queued.id)).toMatchObject({ status: 'internal_error', output: 'the run queue is unavailable' });
    expect(attempts.rows.get(judged.id)?.status).toBe('passed');
    expect(published).toEqual([`wb:attempt:${queued.id}`]);
    expect(gradeJobs).toEqual([]);
  });

  it("counts each verdict recorded once, by the lab's toolchain, and no progress or repeat", async () => {
    const { attempts, reports } = setup();
    const verdicts = async () =>
      Object.fromEntries(
        (await METRICS.attemptVerdicts.get()).values
          .filter((v) => v.value > 0)
          .map((v) => [`${v.labels.toolchain} ${v.labels.verdict}`, v.value]),
      );
    METRICS.attemptVerdicts.reset();
    const run = attempts.add();
    await reports.apply('lab', { attemptId: run.id, status: 'running' });
    await reports.apply('lab', { attemptId: run.id, status: 'passed' });
    await reports.apply('lab', { attemptId: run.id, status: 'passed' }); // a redelivered report
    await reports.cancel(attempts.add({ status: 'running' }).id, 'Cancelled by staff.');
    await reports.endWithInternalError(attempts.add().id, 'the run queue is unavailable');
    await reports.endWithInternalError(run.id, 'too late: it has its verdict');
    const gone = attempts.add({ mpId: 'removed-lab' });
    await reports.apply('removed-lab', { attemptId: gone.id, status: 'failed' });
    expect(await verdicts()).toEqual({ 'cpp passed': 1, 'cpp cancelled': 1, 'cpp internal_error': 1, 'unknown failed': 1 });
  });

  it('keeps the change when Redis cannot announce it: the live views re-read on reconnect', async () => {
    const { attempts } = setup();
    const redis = { publish: async () => Promise.reject(new Error('connect ECONNREFUSED')) } as unknown as Redis;
    const reports = new AttemptReports(attempts.repository, {} as GradeQueue, redis, { REDIS_PREFIX: 'wb' } as AppConfig, catalogue);
    const { id } = attempts.add({ status: 'running' });
    expect(await reports.cancel(id, 'Cancelled by staff.')).toBe(true);
    expect(attempts.rows.get(id)?.status).toBe('cancelled');
  });
});
