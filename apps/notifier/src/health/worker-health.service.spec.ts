import { Logger } from '@nestjs/common';
import { AlertJob, AppConfig, WorkerRecord } from '@wb/common';
import { FakeIncidentsRepository } from '../../../../test/support/fake-incidents-repository';
import { FakeWorkerProbesRepository } from '../../../../test/support/fake-worker-probes-repository';
import { FakeWorkersRepository } from '../../../../test/support/fake-workers-repository';
import type { AlertQueue } from '../alerts/alert-queue';
import { IncidentsService } from './incidents.service';
import { WorkerHealthService } from './worker-health.service';
import type { WorkerLogTail } from './worker-log-tail';

const failed = { ok: false, reason: 'GET /status timed out', ms: 3000 };
const passed = { ok: true, reason: null, ms: 4 };

/** Probe outcomes turned into worker status and incidents, with the three tables and the alert queue faked. */
describe('WorkerHealthService', () => {
  beforeAll(() => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation();
    jest.spyOn(Logger.prototype, 'warn').mockImplementation();
  });

  function setup() {
    const workers = new FakeWorkersRepository();
    const probes = new FakeWorkerProbesRepository();
    const incidents = new FakeIncidentsRepository(workers);
    const alerts: AlertJob[] = [];
    const queue = { enqueue: async (job: AlertJob) => void alerts.push(job) } as unknown as AlertQueue;
    const logTail = { fetch: async () => 'last log lines' } as unknown as WorkerLogTail;
    const config = { HEALTH_FAILURES_TO_DOWN: 2, HEALTH_SUCCESSES_TO_UP: 2 } as AppConfig;
    const service = new WorkerHealthService(
      workers.repository,
      probes.repository,
      config,
      new IncidentsService(incidents.repository, queue),
      logTail,
    );
    /** Probes the worker as a round does: with its row as the round read it. */
    const probe = async (worker: WorkerRecord, ...outcomes: (typeof failed | typeof passed)[]) => {
      for (const outcome of outcomes) await service.record(worker, outcome);
      return workers.rows.get(worker.id)!;
    };
    return { workers, probes, incidents, alerts, probe };
  }

  it('marks a worker down after N failed probes in a row, and opens one incident with its log tail', async () => {
    const { workers, incidents, alerts, probe, probes } = setup();
    const worker = workers.add({ name: 'gpu-1' });
    expect(await probe(worker, failed)).toMatchObject({ status: 'up', failureStreak: 1, lastProbeOk: false });
    expect(incidents.rows.size).toBe(0);

    expect(await probe(worker, failed, failed)).toMatchObject({ status: 'down', failureStreak: 3, lastProbeReason: failed.reason });
    expect([...incidents.rows.values()]).toEqual([
      expect.objectContaining({ kind: 'worker_down', subject: 'gpu-1', workerId: worker.id, logTail: 'last log lines', closedAt: null }),
    ]);
    expect(alerts).toEqual([{ incidentId: [...incidents.rows.keys()][0], event: 'opened' }]);
    expect(probes.rows.map((p) => p.ok)).toEqual([false, false, false]);
  });

  it('brings a down worker back up after M passing probes in a row and closes its incident as recovered', async () => {
    const { workers, incidents, alerts, probe } = setup();
    const worker = workers.add({ name: 'gpu-1' });
    await probe(worker, failed, failed);
    // A failure in between starts the count again.
    expect(await probe(worker, passed, failed, passed)).toMatchObject({ status: 'down', successStreak: 1 });
    expect(await probe(worker, passed)).toMatchObject({ status: 'up', successStreak: 2, failureStreak: 0 });
    const [incident] = incidents.rows.values();
    expect(incident).toMatchObject({ closedBecause: 'recovered' });
    expect(alerts.map((a) => a.event)).toEqual(['opened', 'closed']);
  });

  it('closes the incident of a worker that registered again while down once its new process passes its probes', async () => {
    const { workers, incidents, alerts, probe } = setup();
    const worker = workers.add({ name: 'gpu-1' });
    await probe(worker, failed, failed);
    await workers.register({ name: 'gpu-1', url: worker.url, toolchains: worker.toolchains, gpu: null, gpuProbe: false, version: '2' });
    expect(workers.rows.get(worker.id)).toMatchObject({ status: 'up', failureStreak: 0, successStreak: 0 });
    expect(await probe(worker, passed)).toMatchObject({ status: 'up' });
    expect([...incidents.rows.values()][0].closedAt).toBeNull();
    await probe(worker, passed);
    expect([...incidents.rows.values()][0]).toMatchObject({ closedBecause: 'recovered' });
    expect(alerts.map((a) => a.event)).toEqual(['opened', 'closed']);
  });

  it('keeps the probe of a worker that deregistered while it was probed, and changes nothing else', async () => {
    const { workers, incidents, probe, probes } = setup();
    const worker = workers.add({ name: 'gpu-1' });
    await workers.deregister(worker.id);
    expect(await probe(worker, failed, failed, failed)).toMatchObject({ status: 'stopped', failureStreak: 0, lastProbeAt: null });
    expect(incidents.rows.size).toBe(0);
    expect(probes.rows).toHaveLength(3);
  });
});
