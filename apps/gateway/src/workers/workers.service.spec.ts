import { ApiError } from '@wb/common';
import { FakeAttemptsRepository } from '../../../../test/support/fake-attempts-repository';
import { FakeIncidentsRepository } from '../../../../test/support/fake-incidents-repository';
import { FakeWorkerProbesRepository } from '../../../../test/support/fake-worker-probes-repository';
import { FakeWorkersRepository } from '../../../../test/support/fake-workers-repository';
import { RegisterWorkerDto } from './dto/register-worker.dto';
import { WorkerHealthReader } from './worker-health.reader';
import type { WorkerLogClient } from './worker-log.client';
import { WorkersService } from './workers.service';

const registration = (fields: Partial<RegisterWorkerDto> = {}): RegisterWorkerDto => ({
  name: 'gpu-1',
  url: 'http://gpu-1:8090',
  toolchains: ['cuda'],
  ...fields,
});

/** A worker's own routes and the staff's list, with the tables faked. */
describe('WorkersService', () => {
  function setup() {
    const workers = new FakeWorkersRepository();
    const probes = new FakeWorkerProbesRepository();
    const incidents = new FakeIncidentsRepository(workers);
    const attempts = new FakeAttemptsRepository();
    const health = new WorkerHealthReader(workers.repository, probes.repository, incidents.repository);
    const log = { recent: async () => ({ lines: ['ready'] }) } as unknown as WorkerLogClient;
    return { workers, probes, incidents, attempts, service: new WorkersService(workers.repository, health, log, attempts.repository) };
  }

  const statusOf = (error: unknown) => (error as ApiError).getStatus();

  it('registers a worker up, probed on its GPU when it serves CUDA unless it says otherwise', async () => {
    const { service, workers } = setup();
    const gpu = await service.register(registration());
    const cpu = await service.register(registration({ name: 'cpu-1', toolchains: ['cpp'], version: '1.2' }));
    const siteProbe = await service.register(registration({ name: 'cpu-2', toolchains: ['cpp'], gpuProbe: true }));
    expect(workers.rows.get(gpu)).toMatchObject({ status: 'up', gpuProbe: true, gpu: null, version: null });
    expect(workers.rows.get(cpu)).toMatchObject({ status: 'up', gpuProbe: false, version: '1.2' });
    expect(workers.rows.get(siteProbe)?.gpuProbe).toBe(true);
  });

  it('registers a worker again under its name: the same row, up, with its probe streaks reset', async () => {
    const { service, workers } = setup();
    const id = await service.register(registration());
    Object.assign(workers.rows.get(id)!, { status: 'down', failureStreak: 4 });
    expect(await service.register(registration({ url: 'http://gpu-1:9000' }))).toBe(id);
    expect(workers.rows.get(id)).toMatchObject({ status: 'up', failureStreak: 0, successStreak: 0, url: 'http://gpu-1:9000' });
    expect(workers.rows.size).toBe(1);
  });

  it('answers a heartbeat with the status the notifier gave, without changing it', async () => {
    const { service, workers } = setup();
    const id = await service.register(registration());
    const before = workers.rows.get(id)!.lastHeartbeatAt;
    await workers.markDown(id);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await service.heartbeat(id)).toEqual({ status: 'down' });
    expect(workers.rows.get(id)!.lastHeartbeatAt.getTime()).toBeGreaterThan(before.getTime());
    expect(workers.rows.get(id)?.status).toBe('down');
  });

  it('stops a worker that deregisters; a heartbeat or deregistration of no such worker is a 404', async () => {
    const { service, workers } = setup();
    const id = await service.register(registration());
    await service.deregister(id);
    expect(workers.rows.get(id)?.status).toBe('stopped');
    for (const unknown of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      expect(statusOf(await service.heartbeat(unknown).catch((e: unknown) => e))).toBe(404);
      expect(statusOf(await service.deregister(unknown).catch((e: unknown) => e))).toBe(404);
    }
  });

  it('lists every worker by name with its open incident and the jobs it runs now', async () => {
    const { service, workers, incidents, attempts } = setup();
    const b = workers.add({ name: 'b', status: 'down' });
    const a = workers.add({ name: 'a' });
    workers.add({ name: 'c', status: 'stopped' });
    const incident = await incidents.open({ kind: 'worker_down', subject: 'b', workerId: b.id, reason: 'no heartbeat', actions: '' });
    attempts.add({ workerId: a.id, status: 'running' });
    attempts.add({ workerId: a.id, status: 'passed' });
    const listed = await service.list();
    expect(listed.map((w) => [w.name, w.status, w.openIncident?.id ?? null, w.jobs])).toEqual([
      ['a', 'up', null, 1],
      ['b', 'down', incident, 0],
      ['c', 'stopped', null, 0],
    ]);
  });

  it('gives one worker with its log and health history; an unknown one is a 404', async () => {
    const { service, probes, incidents } = setup();
    const id = await service.register(registration());
    await probes.insert({ workerId: id, ok: false, reason: 'no device', ms: 12 });
    await incidents.open({ kind: 'worker_down', subject: 'gpu-1', workerId: id, reason: 'no device', actions: '' });
    expect(await service.detail(id)).toMatchObject({
      id,
      name: 'gpu-1',
      log: { lines: ['ready'] },
      probes: [{ ok: false, reason: 'no device' }],
      incidents: [{ kind: 'worker_down', reason: 'no device' }],
    });
    expect(statusOf(await service.detail('not-a-uuid').catch((e: unknown) => e))).toBe(404);
  });
});
