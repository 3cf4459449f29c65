import {
  AppConfig,
  ApiError,
  AttemptsRepository,
  CatalogueService,
  CountingGrades,
  GradingMode,
  Mp,
  PassbackQueue,
  User,
} from '@wb/common';
import type Redis from 'ioredis';
import { FakeUsersRepository } from '../../../../../test/support/fake-users-repository';
import { FakeGradesRepository } from '../../../../../test/support/fake-grades-repository';
import type { SubmissionsService } from '../../submissions/submissions.service';
import { StaffGradesService } from './staff-grades.service';

const day = (d: number) => new Date(Date.UTC(2026, 0, d));

/** Staff overrides and the export, with the grades table faked (the staff's other tools need a running platform). */
describe('StaffGradesService', () => {
  const staff = { id: 'staff-1', username: 'ta' } as User;

  function setup(options: { grading?: GradingMode; passbackAuto?: boolean; passbackMode?: AppConfig['PASSBACK_MODE'] } = {}) {
    const mp = {
      config: { id: 'lab', title: 'Lab', grading: options.grading ?? 'best', passback_auto: options.passbackAuto ?? false },
    } as Mp;
    const grades = new FakeGradesRepository();
    const enqueued: string[] = [];
    const passback = {
      enqueue: async (id: string) => {
        enqueued.push(id);
        await grades.markQueued(id);
      },
    } as unknown as PassbackQueue;
    const students = [{ id: 'u1', username: 'zoe' } as User, { id: 'u2', username: 'adam' } as User];
    const users = new FakeUsersRepository();
    for (const student of students) users.rows.set(student.id, student);
    const catalogue = { find: (id: string) => (id === mp.config.id ? mp : undefined) } as CatalogueService;
    const attempts = {} as AttemptsRepository;
    const service = new StaffGradesService(
      users.repository,
      grades.repository,
      attempts,
      {} as SubmissionsService,
      catalogue,
      new CountingGrades(users.repository, attempts, grades.repository),
      {} as Redis,
      passback,
      { PASSBACK_MODE: options.passbackMode ?? 'lti11' } as AppConfig,
    );
    return { service, grades, enqueued, mp };
  }

  const statusOf = (err: unknown) => (err as ApiError).getStatus();

  it('answers 404 for a grade that does not exist (or is no grade id at all), recording nothing', async () => {
    const { service, grades } = setup();
    for (const id of ['9b2f3c1e-8a64-4a5c-9a57-6f1c1d0f3e21', 'not-a-uuid'])
      expect(statusOf(await service.override(staff, id, 10, 'typo').catch((e: unknown) => e))).toBe(404);
    expect(grades.overrides).toEqual([]);
  });

  it('answers 400 for a score above the maximum, changing nothing', async () => {
    const { service, grades } = setup();
    const grade = grades.add({ score: 40, maxScore: 50 });
    expect(statusOf(await service.override(staff, grade.id, 51, 'bonus').catch((e: unknown) => e))).toBe(400);
    expect(grades.rows.get(grade.id)?.score).toBe(40);
    expect(grades.overrides).toEqual([]);
  });

  it('changes the score with who, from what, to what and why; nothing is sent when the course never had a grade', async () => {
    const { service, grades, enqueued } = setup();
    const grade = grades.add({ score: 40, maxScore: 50 });
    const outcome = await service.override(staff, grade.id, 45, 'regraded by hand');
    expect(outcome).toEqual({ grade: expect.objectContaining({ id: grade.id, score: 45 }), resent: null });
    expect(grades.rows.get(grade.id)?.score).toBe(45);
    expect(grades.overrides).toEqual([
      expect.objectContaining({ gradeId: grade.id, staffId: staff.id, oldScore: 40, newScore: 45, reason: 'regraded by hand' }),
    ]);
    expect(enqueued).toEqual([]);
  });

  it('sends nothing when the course has no passback, even for a grade sent before', async () => {
    const { service, grades, enqueued } = setup({ passbackMode: 'none' });
    const grade = grades.add({ score: 40, passbackState: 'sent' });
    expect((await service.override(staff, grade.id, 45, 'typo')).resent).toBeNull();
    expect(enqueued).toEqual([]);
  });

  it('sends the counting grade again once the course has one: the override may have made another grade count', async () => {
    const { service, grades, enqueued } = setup();
    const best = grades.add({ score: 90, gradedAt: day(1), passbackState: 'sent' });
    const second = grades.add({ score: 80, gradedAt: day(2) });
    const outcome = await service.override(staff, best.id, 70, 'copied');
    expect(outcome.resent?.id).toBe(second.id);
    expect(enqueued).toEqual([second.id]);
    expect(grades.rows.get(second.id)?.passbackState).toBe('queued');
  });

  it("sends the last grade under grading: last, whichever grade's score changed", async () => {
    const { service, grades, enqueued } = setup({ grading: 'last' });
    const older = grades.add({ score: 90, gradedAt: day(1), passbackState: 'failed' });
    const last = grades.add({ score: 20, gradedAt: day(2), late: true });
    expect((await service.override(staff, older.id, 100, 'rubric fix')).resent?.id).toBe(last.id);
    expect(enqueued).toEqual([last.id]);
  });

  it('sends for a lab that sends by itself even when nothing was sent yet', async () => {
    const { service, grades, enqueued } = setup({ passbackAuto: true });
    const grade = grades.add({ score: 10 });
    expect((await service.override(staff, grade.id, 60, 'appeal')).resent).toEqual(expect.objectContaining({ id: grade.id, score: 60 }));
    expect(enqueued).toEqual([grade.id]);
  });

  it("exports each student's counting grade by name, marking the overridden ones", async () => {
    const { service, grades, mp } = setup();
    const zoe = grades.add({ userId: 'u1', score: 70, gradedAt: day(1) });
    grades.add({ userId: 'u1', score: 60, gradedAt: day(2) });
    const adam = grades.add({ userId: 'u2', score: 30, gradedAt: day(3) });
    grades.add({ userId: 'u2', mpId: 'other-lab', score: 100 });
    await service.override(staff, adam.id, 35, 'typo');
    const rows = await service.exportRows(mp);
    expect(rows.map((r) => [r.username, r.gradeId, r.score, r.overridden])).toEqual([
      ['adam', adam.id, 35, true],
      ['zoe', zoe.id, 70, false],
    ]);
    expect(await service.gradedStudentsByLab()).toEqual(
      new Map([
        ['lab', 2],
        ['other-lab', 1],
      ]),
    );
  });
});
