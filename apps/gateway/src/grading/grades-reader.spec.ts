import type { CatalogueService, GradingMode, Mp } from '@wb/common';
import { FakeGradesRepository } from '../../../../test/support/fake-grades-repository';
import { GradesReader } from './grades-reader';

const day = (d: number) => new Date(Date.UTC(2026, 0, d));

/** Which grade a student's pages show as the one that counts, with the grades table faked. */
describe('GradesReader', () => {
  function setup(modes: Record<string, GradingMode> = {}) {
    const grades = new FakeGradesRepository();
    const catalogue = {
      find: (id: string) => (id in modes ? ({ config: { id, grading: modes[id] } } as Mp) : undefined),
    } as CatalogueService;
    return { grades, reader: new GradesReader(grades.repository, catalogue) };
  }

  it('counts the best grade, the earlier of two equal ones', async () => {
    const { grades, reader } = setup({ lab: 'best' });
    grades.add({ score: 50, gradedAt: day(1) });
    const best = grades.add({ score: 90, gradedAt: day(2) });
    grades.add({ score: 90, gradedAt: day(3) });
    grades.add({ score: 10, gradedAt: day(4) });
    expect((await reader.counting('u1', 'lab'))?.id).toBe(best.id);
  });

  it('counts a late grade by its score after the penalty, like any other', async () => {
    const { grades, reader } = setup({ lab: 'best' });
    const onTime = grades.add({ score: 60, gradedAt: day(1) });
    grades.add({ score: 55, late: true, gradedAt: day(5) });
    expect((await reader.counting('u1', 'lab'))?.id).toBe(onTime.id);
    const lateButBetter = grades.add({ score: 80, late: true, gradedAt: day(6) });
    expect((await reader.counting('u1', 'lab'))?.id).toBe(lateButBetter.id);
  });

  it('counts the newest grade under grading: last, worse and late as it may be', async () => {
    const { grades, reader } = setup({ lab: 'last' });
    grades.add({ score: 90, gradedAt: day(1) });
    const last = grades.add({ score: 20, late: true, gradedAt: day(3) });
    grades.add({ score: 95, gradedAt: day(2) });
    expect((await reader.counting('u1', 'lab'))?.id).toBe(last.id);
  });

  it('counts the best for a lab no longer in the catalogue, and nothing without a grade', async () => {
    const { grades, reader } = setup();
    const best = grades.add({ mpId: 'gone', score: 90, gradedAt: day(1) });
    grades.add({ mpId: 'gone', score: 20, gradedAt: day(2) });
    expect((await reader.counting('u1', 'gone'))?.id).toBe(best.id);
    expect(await reader.counting('u1', 'lab')).toBeNull();
    expect(await reader.counting('u2', 'gone')).toBeNull();
  });

  it("lists one counting grade per lab, each lab's own way, the lab graded most recently first", async () => {
    const { grades, reader } = setup({ best: 'best', last: 'last' });
    const best = grades.add({ mpId: 'best', score: 90, gradedAt: day(1) });
    grades.add({ mpId: 'best', score: 10, gradedAt: day(4) });
    grades.add({ mpId: 'last', score: 90, gradedAt: day(2) });
    const last = grades.add({ mpId: 'last', score: 10, gradedAt: day(3) });
    grades.add({ mpId: 'best', userId: 'u2', score: 100, gradedAt: day(5) });
    expect((await reader.countingPerLab('u1')).map((g) => g.id)).toEqual([best.id, last.id]);
    expect(await reader.countingPerLab('nobody')).toEqual([]);
  });

  it("shows the student's own history, the newest first and at most 50", async () => {
    const { grades, reader } = setup({ lab: 'best' });
    for (let d = 1; d <= 60; d++) grades.add({ score: d, gradedAt: day(d) });
    grades.add({ userId: 'u2', gradedAt: day(61) });
    const history = await reader.history('u1', 'lab');
    expect(history).toHaveLength(50);
    expect(history[0].score).toBe(60);
    expect(history.every((g) => g.userId === 'u1')).toBe(true);
  });

  it("gives an attempt's grade to the student it belongs to, and to nobody else", async () => {
    const { grades, reader } = setup({ lab: 'best' });
    const graded = grades.add({ score: 80 });
    expect((await reader.ofAttempt('u1', graded.attemptId))?.id).toBe(graded.id);
    expect(await reader.ofAttempt('u2', graded.attemptId)).toBeNull();
    expect(await reader.ofAttempt('u1', 'an-attempt-without-a-grade')).toBeNull();
  });
});
