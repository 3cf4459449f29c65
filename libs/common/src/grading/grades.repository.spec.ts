import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AttemptsRepository } from '../attempts/attempts.repository';
import { GradesRepository, NewGrade } from './grades.repository';
import { ScratchDatabase } from '../../../../test/support/scratch-database';

/**
 * The repository's SQL against the real Postgres, in a database of its own made by the project's
 * migrations and dropped afterwards: what the services' unit tests fake.
 */
describe('GradesRepository', () => {
  let database: ScratchDatabase;
  let dataSource: DataSource;
  let grades: GradesRepository;
  let attempts: AttemptsRepository;
  let student: string;
  let other: string;
  let staff: string;

  beforeAll(async () => {
    database = await ScratchDatabase.create('grades_repo');
    dataSource = database.dataSource;
    grades = new GradesRepository(dataSource);
    attempts = new AttemptsRepository(dataSource);
    const user = async (username: string): Promise<string> =>
      (
        await dataSource.query(`INSERT INTO users (username, api_key_hash, api_key_sealed) VALUES ($1, $2, 'sealed') RETURNING id`, [
          username,
          createHash('sha256').update(username).digest('hex'),
        ])
      )[0].id;
    [student, other, staff] = [await user('student'), await user('other'), await user('staff')];
  });

  afterAll(async () => {
    await database?.drop();
  });

  /** A grade of a new grade attempt, `day` days into 2026 (later days graded later). */
  async function grade(fields: Partial<NewGrade> & { day?: number } = {}): Promise<NewGrade> {
    const { day = 1, ...rest } = fields;
    const userId = rest.userId ?? student;
    const mpId = rest.mpId ?? 'lab';
    const { id } = await attempts.insertQueued({
      userId,
      mpId,
      kind: 'grade',
      dataset: -1,
      program: 'int main() {}',
      programSha256: '0'.repeat(64),
    });
    return {
      userId,
      mpId,
      attemptId: id,
      score: 50,
      maxScore: 100,
      items: [],
      late: false,
      gradedAt: new Date(Date.UTC(2026, 0, day)),
      ...rest,
    };
  }

  async function inserted(fields: Partial<NewGrade> & { day?: number } = {}): Promise<string> {
    const id = await grades.insertOnce(await grade(fields));
    if (!id) throw new Error('not inserted');
    return id;
  }

  it('grades an attempt once: a second grade of it is ignored', async () => {
    const items = [{ name: 'Compiles', points: 10, earned: 10, message: '' }];
    const first = await grade({ mpId: 'once', score: 80, items, late: true });
    const id = await grades.insertOnce(first);
    expect(id).toEqual(expect.any(String));
    expect(await grades.insertOnce({ ...first, score: 10 })).toBeNull();
    expect(await grades.findById(id!)).toMatchObject({
      ...first,
      score: 80,
      passbackState: 'none',
      passbackSentAt: null,
      passbackError: null,
    });
    expect(await grades.findById(randomUUID())).toBeNull();
  });

  it("finds an attempt's grade by the attempt, and nothing for an attempt without one", async () => {
    const graded = await grade({ mpId: 'by-attempt', score: 70 });
    const id = await grades.insertOnce(graded);
    expect(await grades.ofAttempt(graded.attemptId)).toMatchObject({ id, attemptId: graded.attemptId, score: 70 });
    const ungraded = await grade({ mpId: 'by-attempt' });
    expect(await grades.ofAttempt(ungraded.attemptId)).toBeNull();
  });

  it('records each passback state: queued, retrying, failed, queued again, sent', async () => {
    const id = await inserted({ mpId: 'passback' });
    const state = async () => {
      const g = await grades.findById(id);
      return { state: g?.passbackState, error: g?.passbackError, sent: g?.passbackSentAt instanceof Date };
    };
    await grades.markQueued(id);
    expect(await state()).toEqual({ state: 'queued', error: null, sent: false });
    await grades.noteRetry(id, 'HTTP 503');
    expect(await state()).toEqual({ state: 'queued', error: 'retrying: HTTP 503', sent: false });
    await grades.markFailed(id, 'HTTP 503');
    expect(await state()).toEqual({ state: 'failed', error: 'HTTP 503', sent: false });
    await grades.markQueued(id);
    expect(await state()).toEqual({ state: 'queued', error: null, sent: false });
    await grades.markSent(id);
    expect(await state()).toEqual({ state: 'sent', error: null, sent: true });
  });

  it('overrides a score with its audit row, and changes nothing for a missing grade or a score above the maximum', async () => {
    const id = await inserted({ mpId: 'override', score: 40, maxScore: 50 });
    expect(await grades.override({ gradeId: randomUUID(), staffId: staff, score: 1, reason: 'typo' })).toEqual({ missing: true });
    expect(await grades.override({ gradeId: id, staffId: staff, score: 51, reason: 'bonus' })).toEqual({ aboveMax: 50 });
    expect(await grades.overriddenAmong([id])).toEqual(new Set());

    const result = await grades.override({ gradeId: id, staffId: staff, score: 45, reason: 'regraded by hand' });
    expect(result).toEqual({ changed: expect.objectContaining({ id, score: 45, maxScore: 50, mpId: 'override' }) });
    expect((await grades.findById(id))?.score).toBe(45);
    expect(await dataSource.query(`SELECT staff_id, old_score, new_score, reason FROM grade_overrides WHERE grade_id = $1`, [id])).toEqual([
      { staff_id: staff, old_score: 40, new_score: 45, reason: 'regraded by hand' },
    ]);
    const untouched = await inserted({ mpId: 'override' });
    expect(await grades.overriddenAmong([id, untouched])).toEqual(new Set([id]));
    expect(await grades.overriddenAmong([])).toEqual(new Set());
  });

  it('locks the grade for an override: two at once each record the score the other left', async () => {
    const id = await inserted({ mpId: 'override-race', score: 10 });
    await Promise.all([
      grades.override({ gradeId: id, staffId: staff, score: 20, reason: 'a' }),
      grades.override({ gradeId: id, staffId: staff, score: 30, reason: 'b' }),
    ]);
    const rows: { old_score: number; new_score: number }[] = await dataSource.query(
      `SELECT old_score, new_score FROM grade_overrides WHERE grade_id = $1`,
      [id],
    );
    expect(rows).toHaveLength(2);
    // Without the row lock both would have read 10 as the old score.
    const first = rows.find((r) => r.old_score === 10)!;
    const second = rows.find((r) => r !== first)!;
    expect(second.old_score).toBe(first.new_score);
    expect((await grades.findById(id))?.score).toBe(second.new_score);
  });

  it("reads a student's grades for a lab: all of them oldest first, the history newest first and capped", async () => {
    const ids = [
      await inserted({ mpId: 'history', day: 2 }),
      await inserted({ mpId: 'history', day: 1 }),
      await inserted({ mpId: 'history', day: 3 }),
    ];
    await inserted({ mpId: 'history', userId: other });
    expect((await grades.ofUserAndLab(student, 'history')).map((g) => g.id)).toEqual([ids[1], ids[0], ids[2]]);
    expect((await grades.history(student, 'history', 2)).map((g) => g.id)).toEqual([ids[2], ids[0]]);
    expect(await grades.history(student, 'never-graded', 50)).toEqual([]);
  });

  it('picks the counting grade: the best (the earlier on a tie, late or not) or the last', async () => {
    const early = await inserted({ mpId: 'counting', score: 90, day: 2 });
    await inserted({ mpId: 'counting', score: 90, day: 3 });
    await inserted({ mpId: 'counting', score: 40, day: 1 });
    const last = await inserted({ mpId: 'counting', score: 20, day: 4, late: true });
    expect((await grades.counting(student, 'counting', 'best'))?.id).toBe(early);
    expect((await grades.counting(student, 'counting', 'last'))?.id).toBe(last);
    expect(await grades.counting(student, 'never-graded', 'best')).toBeNull();
  });

  it("lists counting grades per lab for a student, and per student for a lab, each lab's own way", async () => {
    const bestA = await inserted({ mpId: 'list-a', score: 70, day: 1 });
    await inserted({ mpId: 'list-a', score: 60, day: 5 });
    await inserted({ mpId: 'list-b', score: 90, day: 2 });
    const lastB = await inserted({ mpId: 'list-b', score: 30, day: 3 });
    const otherA = await inserted({ mpId: 'list-a', score: 10, day: 4, userId: other });

    const perLab = await grades.countingPerLab(student, (mpId) => (mpId === 'list-b' ? 'last' : 'best'));
    const listed = perLab.filter((g) => g.mpId.startsWith('list-'));
    // The lab graded most recently first.
    expect(listed.map((g) => [g.mpId, g.id])).toEqual([
      ['list-a', bestA],
      ['list-b', lastB],
    ]);
    expect(perLab.every((g) => g.userId === student)).toBe(true);

    expect((await grades.countingForLab('list-a', 'best')).map((g) => [g.userId, g.id])).toEqual([
      [student, bestA],
      [other, otherA],
    ]);
    expect((await grades.countingForLab('list-b', 'best')).map((g) => g.score)).toEqual([90]);
    expect(await grades.countingForLab('never-graded', 'best')).toEqual([]);
  });

  it('counts the students with a grade per lab', async () => {
    await inserted({ mpId: 'students' });
    await inserted({ mpId: 'students' });
    await inserted({ mpId: 'students', userId: other });
    const perLab = await grades.studentsPerLab();
    expect(perLab.get('students')).toBe(2);
    expect(perLab.get('never-graded')).toBeUndefined();
  });
});
