import { DatasetResult, isFinal, overallStatus, statusRank } from './attempt-outcome';

const result = (dataset: number, status: DatasetResult['status']): DatasetResult => ({
  dataset,
  status,
  passed: status === 'passed',
  message: '',
  timeMs: 1,
});

describe('attempt outcome', () => {
  it('passes an all-datasets attempt only when every dataset passes', () => {
    expect(overallStatus([result(0, 'passed'), result(1, 'passed')])).toBe('passed');
    expect(overallStatus([result(0, 'passed'), result(1, 'timeout'), result(2, 'failed')])).toBe('timeout');
    expect(overallStatus([])).toBe('internal_error');
  });

  it('orders statuses so that reports only move an attempt forward', () => {
    expect(statusRank('queued')).toBeLessThan(statusRank('compiling'));
    expect(statusRank('compiling')).toBeLessThan(statusRank('running'));
    expect(statusRank('running')).toBeLessThan(statusRank('passed'));
    expect(statusRank('compile_error')).toBe(statusRank('passed'));
    expect(isFinal('running')).toBe(false);
    expect(isFinal('sandbox_violation')).toBe(true);
  });
});
