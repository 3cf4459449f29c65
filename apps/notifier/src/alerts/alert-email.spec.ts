import { composeAlertEmail } from './alert-email';
import { alertRetryDelay } from './alerts.processor';
import type { OwedAlert } from '@wb/common';

const base: OwedAlert = {
  id: 'i1',
  event: 'opened',
  kind: 'worker_down',
  subject: 'gpu-1',
  workerUrl: 'http://gpu-1:8090',
  reason: 'GET /is_gpu_alive answered 503: no device',
  actions: 'Marked down.',
  logTail: 'line one\nline two',
  openedAt: new Date('2026-01-01T10:00:00Z'),
  closedAt: null,
  closedBecause: null,
};

describe('composeAlertEmail', () => {
  it('says the worker, the failure, the time, the log and what was done for one incident', () => {
    const email = composeAlertEmail([base], 'http://wb.example.org');
    expect(email.subject).toBe('[wb] DOWN: worker down gpu-1');
    expect(email.text).toContain('Failure: GET /is_gpu_alive answered 503: no device');
    expect(email.text).toContain('Since: 2026-01-01T10:00:00.000Z');
    expect(email.text).toContain('    line two');
    expect(email.text).toContain('What was done: Marked down.');
    expect(email.text).toContain('http://wb.example.org/admin/workers');
  });

  it('makes one digest of many', () => {
    const closed = {
      ...base,
      id: 'i2',
      subject: 'gpu-2',
      event: 'closed' as const,
      closedAt: new Date('2026-01-01T10:30:00Z'),
      closedBecause: 'recovered' as const,
    };
    const email = composeAlertEmail([base, closed], 'http://wb.example.org');
    expect(email.subject).toBe('[wb] 1 down, 1 recovered');
    expect(email.text).toContain('RECOVERED: worker down gpu-2');
    expect(email.text).toContain('about 30 min');
    expect(email.text).toContain('It is back in rotation');
  });

  it('says when an incident closed because its worker was stopped, not recovered', () => {
    const stopped = { ...base, event: 'closed' as const, closedAt: new Date('2026-01-01T11:00:00Z'), closedBecause: 'stopped' as const };
    const alone = composeAlertEmail([stopped], 'http://wb.example.org');
    expect(alone.subject).toBe('[wb] CLOSED, WORKER STOPPED: worker down gpu-1');
    expect(alone.text).toContain('stopped and deregistered while down');
    expect(alone.text).not.toContain('RECOVERED');
    const digest = composeAlertEmail([{ ...base, id: 'i3', subject: 'gpu-3' }, stopped], 'http://wb.example.org');
    expect(digest.subject).toBe('[wb] 1 down, 0 recovered, 1 closed (worker stopped)');
  });
});

describe('alertRetryDelay', () => {
  it('backs off exponentially from a second up to a minute', () => {
    expect([1, 2, 3, 7, 8, 50].map(alertRetryDelay)).toEqual([1_000, 2_000, 4_000, 60_000, 60_000, 60_000]);
  });
});
