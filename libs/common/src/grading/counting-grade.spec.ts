import { countingGrade, countingOfEach } from './counting-grade';

const g = (score: number, day: number) => ({ score, gradedAt: new Date(2026, 0, day) });

describe('countingGrade', () => {
  it('takes the best score, the earlier one on a tie', () => {
    const grades = [g(50, 1), g(90, 2), g(90, 3), g(10, 4)];
    expect(countingGrade(grades, 'best')).toBe(grades[1]);
  });

  it('takes the newest under grading: last, and nothing from nothing', () => {
    const grades = [g(90, 2), g(10, 4), g(50, 3)];
    expect(countingGrade(grades, 'last')).toBe(grades[1]);
    expect(countingGrade([], 'best')).toBeNull();
  });
});

describe('countingOfEach', () => {
  const of = (userId: string, mpId: string, score: number, day: number) => ({ userId, mpId, ...g(score, day) });

  it("picks one grade per student and lab, each lab's own way, in the order they first appear", () => {
    const grades = [of('u1', 'b', 10, 5), of('u2', 'a', 70, 1), of('u1', 'a', 40, 2), of('u1', 'b', 90, 1), of('u1', 'a', 80, 3)];
    const modeOf = (mpId: string) => (mpId === 'b' ? 'last' : 'best');
    expect(countingOfEach(grades, modeOf)).toEqual([grades[0], grades[1], grades[4]]);
    expect(countingOfEach([], modeOf)).toEqual([]);
  });
});
