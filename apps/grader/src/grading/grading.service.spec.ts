import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { AppConfig, CatalogueService, Mp, MpConfig, PassbackQueue } from '@wb/common';
import { plainToInstance } from 'class-transformer';
import { FakeAttemptsRepository } from '../../../../test/support/fake-attempts-repository';
import { FakeGradesRepository } from '../../../../test/support/fake-grades-repository';
import { GradingService } from './grading.service';

/** Scoring a grade attempt once, and sending it by itself when it becomes the counting grade, with both tables faked. */
describe('GradingService (grader)', () => {
  beforeAll(() => jest.spyOn(Logger.prototype, 'log').mockImplementation());
  beforeAll(() => jest.spyOn(Logger.prototype, 'warn').mockImplementation());
  afterAll(() => jest.restoreAllMocks());
  afterEach(() => jest.useRealTimers());

  function setup(extra: Record<string, unknown> = {}) {
    const config = plainToInstance(
      MpConfig,
      {
        id: 'lab',
        title: 'Lab',
        toolchain: 'cpp',
        language: 'cpp',
        output_type: 'vector',
        datasets: [
          { id: 0, name: 'small', points: 40 },
          { id: 1, name: 'large', points: 60 },
        ],
        passback_auto: true,
        ...extra,
      },
      { exposeDefaultValues: true },
    );
    const mp: Mp = {
      config,
      dir: '',
      template: '',
      description: '',
      datasets: config.datasets.map((d) => ({ ...d, dir: '', inputs: [], expected: '' })),
      version: 'v',
    };
    const attempts = new FakeAttemptsRepository();
    const grades = new FakeGradesRepository();
    const enqueued: string[] = [];
    const passback = { enqueue: async (id: string) => void enqueued.push(id) } as unknown as PassbackQueue;
    const catalogue = { find: (id: string) => (id === 'lab' ? mp : undefined) } as CatalogueService;
    const service = new GradingService(attempts.repository, grades.repository, catalogue, passback, {
      PASSBACK_MODE: 'lti13',
    } as AppConfig);
    /** A finished grade attempt that passed the datasets given, submitted `createdAt`. */
    const judged = (passed: number[], createdAt = new Date('2026-01-01T00:00:00Z')) =>
      attempts.add({
        kind: 'grade',
        dataset: -1,
        status: passed.length === 2 ? 'passed' : 'failed',
        passed: passed.length === 2,
        results: [0, 1].map((d) => ({
          dataset: d,
          status: passed.includes(d) ? 'passed' : 'failed',
          passed: passed.includes(d),
          message: '',
          timeMs: 1,
        })),
        createdAt,
        finishedAt: new Date(),
      }).id;
    return { service, grades, enqueued, judged, attempts };
  }

  it('grades an attempt once, however often its job comes', async () => {
    const { service, grades, judged } = setup();
    const id = judged([0]);
    await service.grade(id);
    await service.grade(id);
    expect([...grades.rows.values()].map((g) => [g.attemptId, g.score, g.maxScore, g.late])).toEqual([[id, 40, 100, false]]);
  });

  it('gives no grade to an attempt the platform could not run', async () => {
    const { service, grades, attempts } = setup();
    const lost = attempts.add({ kind: 'grade', status: 'internal_error', finishedAt: new Date() });
    await service.grade(lost.id);
    expect(grades.rows.size).toBe(0);
  });

  it('sends a grade that becomes the counting one, and not one that does not', async () => {
    const { service, grades, enqueued, judged } = setup();
    await service.grade(judged([0]));
    await service.grade(judged([0, 1]));
    await service.grade(judged([1]));
    const byScore = new Map([...grades.rows.values()].map((g) => [g.score, g.id]));
    expect(enqueued).toEqual([byScore.get(40), byScore.get(100)]);
  });

  it('does not let a late grade, lowered by the penalty, displace a better one under best; under last it counts', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const late = { deadline: '2026-01-10T00:00:00Z', late: { policy: 'penalty', penalty_per_day: 0.7 } };
    for (const grading of ['best', 'last'] as const) {
      const { service, grades, enqueued, judged } = setup({ ...late, grading });
      // Graded a second apart: under last, the later one counts.
      jest.setSystemTime(new Date('2026-01-11T00:00:00Z'));
      await service.grade(judged([0]));
      jest.setSystemTime(new Date('2026-01-11T00:00:01Z'));
      await service.grade(judged([0, 1], new Date('2026-01-10T12:00:00Z')));
      const lateGrade = [...grades.rows.values()].find((g) => g.late);
      expect(lateGrade?.score).toBe(30);
      expect(enqueued.includes(lateGrade!.id)).toBe(grading === 'last');
    }
  });
});
