import 'reflect-metadata';
import { LateConfig } from '../catalogue/mp-config';
import { applyLatePolicy } from './late-policy';

const policy = (p: Partial<LateConfig>) => Object.assign(new LateConfig(), p);
const deadline = '2026-03-01T00:00:00Z';
const at = (iso: string) => new Date(iso);

describe('applyLatePolicy', () => {
  it('is on time without a deadline or up to the deadline itself', () => {
    expect(applyLatePolicy(undefined, at('2030-01-01T00:00:00Z'), policy({ policy: 'cutoff' }))).toEqual({
      late: false,
      factor: 1,
      daysLate: 0,
    });
    expect(applyLatePolicy(deadline, at(deadline), policy({ policy: 'cutoff' })).late).toBe(false);
  });

  it('counts a started day as a whole day under a penalty, never below 0', () => {
    expect(applyLatePolicy(deadline, at('2026-03-01T00:00:01Z'), policy({ policy: 'penalty', penalty_per_day: 0.1 }))).toEqual({
      late: true,
      factor: 0.9,
      daysLate: 1,
    });
    expect(applyLatePolicy(deadline, at('2026-03-02T12:00:00Z'), policy({ policy: 'penalty', penalty_per_day: 0.25 })).factor).toBe(0.5);
    expect(applyLatePolicy(deadline, at('2026-04-01T00:00:00Z'), policy({ policy: 'penalty', penalty_per_day: 0.1 })).factor).toBe(0);
  });

  it('gives 0 after a cut-off, and marks late work without loss under none', () => {
    expect(applyLatePolicy(deadline, at('2026-03-01T01:00:00Z'), policy({ policy: 'cutoff' })).factor).toBe(0);
    expect(applyLatePolicy(deadline, at('2026-03-05T00:00:00Z'), policy({ policy: 'none' }))).toEqual({
      late: true,
      factor: 1,
      daysLate: 4,
    });
  });
});
