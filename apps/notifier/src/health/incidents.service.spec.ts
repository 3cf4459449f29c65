import { Logger } from '@nestjs/common';
import { AlertJob } from '@wb/common';
import { FakeIncidentsRepository } from '../../../../test/support/fake-incidents-repository';
import { FakeWorkersRepository } from '../../../../test/support/fake-workers-repository';
import type { AlertQueue } from '../alerts/alert-queue';
import { IncidentsService } from './incidents.service';

const backlog = {
  kind: 'queue_backlog' as const,
  subject: 'run-cpp',
  reason: 'the oldest job has waited 700 s',
  actions: 'Nothing automatic.',
};

/** Incidents opened and closed once each, and the email each change owes, with the tables and the alert queue faked. */
describe('IncidentsService', () => {
  beforeAll(() => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation();
    jest.spyOn(Logger.prototype, 'warn').mockImplementation();
  });

  function setup() {
    const workers = new FakeWorkersRepository();
    const incidents = new FakeIncidentsRepository(workers);
    const alerts: AlertJob[] = [];
    const queue = { enqueue: async (job: AlertJob) => void alerts.push(job) } as unknown as AlertQueue;
    return { workers, incidents, alerts, service: new IncidentsService(incidents.repository, queue) };
  }

  it('opens one incident per kind and subject while it is open, and queues its alert once', async () => {
    const { service, alerts } = setup();
    const id = await service.open(backlog);
    expect(id).toEqual(expect.any(String));
    expect(await service.open({ ...backlog, reason: 'still waiting' })).toBeNull();
    expect(await service.isOpen('queue_backlog', 'run-cpp')).toBe(true);
    // Another subject, or another kind of the same subject, is another incident.
    expect(await service.open({ ...backlog, subject: 'run-cuda' })).not.toBeNull();
    expect(await service.open({ ...backlog, kind: 'queue_no_consumer' })).not.toBeNull();
    expect(alerts).toHaveLength(3);
    expect(alerts[0]).toEqual({ incidentId: id, event: 'opened' });
  });

  it('closes an open incident as recovered once, after which the same failure opens a new one', async () => {
    const { service, incidents, alerts } = setup();
    const first = await service.open(backlog);
    await service.close('queue_backlog', 'run-cpp');
    await service.close('queue_backlog', 'run-cpp');
    expect(incidents.rows.get(first!)).toMatchObject({ closedBecause: 'recovered', closedAt: expect.any(Date) });
    expect(await service.isOpen('queue_backlog', 'run-cpp')).toBe(false);
    const second = await service.open(backlog);
    expect(second).not.toEqual(first);
    expect(alerts).toEqual([
      { incidentId: first, event: 'opened' },
      { incidentId: first, event: 'closed' },
      { incidentId: second, event: 'opened' },
    ]);
  });

  it("closes the worker_down incidents of stopped workers as stopped, and no one else's", async () => {
    const { service, workers, incidents, alerts } = setup();
    const stopped = workers.add({ name: 'gone', status: 'stopped' });
    const down = workers.add({ name: 'down', status: 'down' });
    const downStopped = await service.open({ kind: 'worker_down', subject: 'gone', workerId: stopped.id, reason: 'r', actions: 'a' });
    const downUp = await service.open({ kind: 'worker_down', subject: 'down', workerId: down.id, reason: 'r', actions: 'a' });
    alerts.length = 0;
    await service.closeForStoppedWorkers();
    expect(incidents.rows.get(downStopped!)).toMatchObject({ closedBecause: 'stopped' });
    expect(incidents.rows.get(downUp!)?.closedAt).toBeNull();
    expect(alerts).toEqual([{ incidentId: downStopped, event: 'closed' }]);
  });

  it('queues again every alert not sent yet, and none already sent', async () => {
    const { service, incidents, alerts } = setup();
    const sent = await service.open(backlog);
    await incidents.sendOwedAlerts(async () => undefined);
    await service.close('queue_backlog', 'run-cpp');
    const open = await service.open({ ...backlog, subject: 'run-cuda' });
    alerts.length = 0;
    await service.requeueOwed();
    expect(alerts).toHaveLength(2);
    expect(alerts).toEqual(
      expect.arrayContaining([
        { incidentId: sent, event: 'closed' },
        { incidentId: open, event: 'opened' },
      ]),
    );
  });
});
