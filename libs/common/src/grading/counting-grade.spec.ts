import { countingGrade } from './counting-grade';

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
