import { DataSource } from 'typeorm';
import { IncidentsRepository, NewIncident, OwedAlert } from './incidents.repository';
import { WorkerProbesRepository } from './worker-probes.repository';
import { WorkerRegistration, WorkersRepository } from './workers.repository';
import { ScratchDatabase } from '../../../../test/support/scratch-database';

const failed = { ok: false, reason: 'GET /status timed out' };
const passed = { ok: true, reason: null };

/**
 * The SQL of the three repositories of the fleet's tables against the real Postgres, in a
 * database of their own made by the project's migrations and dropped afterwards: what the
 * services' unit tests fake. Each test starts from empty tables.
 */
describe('the workers, worker_probes and incidents repositories', () => {
  let database: ScratchDatabase;
  let dataSource: DataSource;
  let workers: WorkersRepository;
  let probes: WorkerProbesRepository;
  let incidents: IncidentsRepository;

  beforeAll(async () => {
    database = await ScratchDatabase.create('workers_repo');
    dataSource = database.dataSource;
    workers = new WorkersRepository(dataSource);
    probes = new WorkerProbesRepository(dataSource);
    incidents = new IncidentsRepository(dataSource);
  });

  beforeEach(() => dataSource.query(`TRUNCATE workers, worker_probes, incidents CASCADE`));

  afterAll(async () => {
    await database?.drop();
  });

  const registration = (fields: Partial<WorkerRegistration> = {}): WorkerRegistration => ({
    name: 'gpu-1',
    url: 'http://gpu-1:8090',
    toolchains: ['cuda', 'cpp'],
    gpu: 'H100',
    gpuProbe: true,
    version: '1.0',
    ...fields,
  });

  describe('WorkersRepository', () => {
    it('registers a worker up, and again under its name in the same row, up, with its streaks reset', async () => {
      const id = await workers.register(registration());
      expect(await workers.findById(id)).toMatchObject({ ...registration(), status: 'up', failureStreak: 0, lastProbeAt: null });
      const first = (await workers.findById(id))!.registeredAt;

      await workers.recordProbe(id, failed);
      await workers.recordProbe(id, failed);
      await workers.markDown(id);
      expect(await workers.register(registration({ url: 'http://gpu-1:9000', toolchains: ['cuda'], gpu: null, version: null }))).toBe(id);
      const again = await workers.findById(id);
      expect(again).toMatchObject({
        status: 'up',
        failureStreak: 0,
        successStreak: 0,
        url: 'http://gpu-1:9000',
        toolchains: ['cuda'],
        gpu: null,
      });
      expect(again!.registeredAt.getTime()).toBeGreaterThanOrEqual(first.getTime());
      // The last probe is history, kept for the staff until the next one.
      expect(again).toMatchObject({ lastProbeOk: false, lastProbeReason: failed.reason });
    });

    it('brings a stopped worker back up when it registers again', async () => {
      const id = await workers.register(registration());
      await workers.deregister(id);
      await workers.register(registration());
      expect((await workers.findById(id))?.status).toBe('up');
    });

    it('stamps a heartbeat and answers the status without changing it; null for no such worker', async () => {
      const id = await workers.register(registration());
      await dataSource.query(`UPDATE workers SET last_heartbeat_at = now() - interval '1 minute' WHERE id = $1`, [id]);
      await workers.recordProbe(id, failed);
      await workers.markDown(id);
      expect(await workers.heartbeat(id)).toBe('down');
      const worker = await workers.findById(id);
      expect(worker?.status).toBe('down');
      expect(Date.now() - worker!.lastHeartbeatAt.getTime()).toBeLessThan(30_000);
      expect(await workers.heartbeat('00000000-0000-4000-8000-000000000000')).toBeNull();
    });

    it('stops a worker from any status on deregistration; false for no such worker', async () => {
      const up = await workers.register(registration({ name: 'up' }));
      const down = await workers.register(registration({ name: 'down' }));
      await workers.markDown(down);
      expect(await workers.deregister(up)).toBe(true);
      expect(await workers.deregister(down)).toBe(true);
      expect([(await workers.findById(up))?.status, (await workers.findById(down))?.status]).toEqual(['stopped', 'stopped']);
      expect(await workers.deregister('00000000-0000-4000-8000-000000000000')).toBe(false);
    });

    it('counts passed and failed probes in a row, each resetting the other, and keeps the last verdict', async () => {
      const id = await workers.register(registration());
      expect(await workers.recordProbe(id, failed)).toEqual({ failureStreak: 1, successStreak: 0 });
      expect(await workers.recordProbe(id, failed)).toEqual({ failureStreak: 2, successStreak: 0 });
      expect(await workers.recordProbe(id, passed)).toEqual({ failureStreak: 0, successStreak: 1 });
      expect(await workers.recordProbe(id, passed)).toEqual({ failureStreak: 0, successStreak: 2 });
      const worker = await workers.findById(id);
      expect(worker).toMatchObject({ lastProbeOk: true, lastProbeReason: null, status: 'up' });
      expect(worker?.lastProbeAt).toBeInstanceOf(Date);
    });

    it('records no probe on a stopped worker: one that deregistered while it was probed', async () => {
      const id = await workers.register(registration());
      await workers.deregister(id);
      expect(await workers.recordProbe(id, failed)).toBeNull();
      expect(await workers.findById(id)).toMatchObject({ status: 'stopped', failureStreak: 0, lastProbeAt: null });
    });

    it("moves a worker up → down and down → up once each, and never a stopped one's status", async () => {
      const id = await workers.register(registration());
      expect(await workers.markUp(id)).toBe(false);
      expect(await workers.markDown(id)).toBe(true);
      expect(await workers.markDown(id)).toBe(false);
      expect(await workers.markUp(id)).toBe(true);
      expect(await workers.markUp(id)).toBe(false);
      await workers.deregister(id);
      expect([await workers.markDown(id), await workers.markUp(id)]).toEqual([false, false]);
      expect((await workers.findById(id))?.status).toBe('stopped');
    });

    it('counts a probe of the old process recorded after a registration against the new one, from 0', async () => {
      const id = await workers.register(registration());
      for (let i = 0; i < 3; i++) await workers.recordProbe(id, failed);
      await workers.markDown(id);
      await workers.register(registration());
      expect(await workers.recordProbe(id, failed)).toEqual({ failureStreak: 1, successStreak: 0 });
      expect((await workers.findById(id))?.status).toBe('up');
    });

    it('lists workers by name, those the notifier probes, and which toolchains are served', async () => {
      const b = await workers.register(registration({ name: 'b', toolchains: ['cpp'] }));
      const a = await workers.register(registration({ name: 'a', toolchains: ['cuda'] }));
      const c = await workers.register(registration({ name: 'c', toolchains: ['opencl'] }));
      await workers.markDown(a);
      await workers.deregister(c);
      expect((await workers.list()).map((w) => w.name)).toEqual(['a', 'b', 'c']);
      expect((await workers.listNotStopped()).map((w) => w.id).sort()).toEqual([a, b].sort());
      // Up only for the lab page's warning; up or down for the queue watch, never stopped.
      expect([await workers.isServed('cpp'), await workers.isServed('cuda'), await workers.isServed('opencl')]).toEqual([
        true,
        false,
        false,
      ]);
      expect(await workers.servedToolchains()).toEqual(new Set(['cpp', 'cuda']));
    });

    it('counts the workers not stopped per toolchain they serve and status', async () => {
      expect(await workers.countByToolchain()).toEqual([]);
      await workers.register(registration({ name: 'gpu-1', toolchains: ['cuda', 'cpp'] }));
      const down = await workers.register(registration({ name: 'cpu-1', toolchains: ['cpp'] }));
      await workers.markDown(down);
      await workers.deregister(await workers.register(registration({ name: 'gone', toolchains: ['cpp'] })));
      const counts = await workers.countByToolchain();
      expect(counts.sort((a, b) => `${a.toolchain}${a.status}`.localeCompare(`${b.toolchain}${b.status}`))).toEqual([
        { toolchain: 'cpp', status: 'down', workers: 1 },
        { toolchain: 'cpp', status: 'up', workers: 1 },
        { toolchain: 'cuda', status: 'up', workers: 1 },
      ]);
    });
  });

  describe('WorkerProbesRepository', () => {
    it("keeps each probe, reads a worker's newest first, and forgets those older than asked", async () => {
      const id = await workers.register(registration());
      const other = await workers.register(registration({ name: 'other' }));
      await probes.insert({ workerId: id, ok: false, reason: 'no device', ms: 40 });
      await probes.insert({ workerId: id, ok: true, reason: null, ms: 3 });
      await probes.insert({ workerId: other, ok: true, reason: null, ms: 5 });
      await dataSource.query(`UPDATE worker_probes SET at = now() - interval '8 days' WHERE reason = 'no device'`);

      expect(await probes.recent(id, 50)).toEqual([
        expect.objectContaining({ workerId: id, ok: true, reason: null, ms: 3 }),
        expect.objectContaining({ workerId: id, ok: false, reason: 'no device', ms: 40 }),
      ]);
      expect(await probes.recent(id, 1)).toHaveLength(1);
      await probes.deleteOlderThan(7);
      expect((await probes.recent(id, 50)).map((p) => p.ok)).toEqual([true]);
      expect(await probes.recent(other, 50)).toHaveLength(1);
    });
  });

  describe('IncidentsRepository', () => {
    const backlog: NewIncident = { kind: 'queue_backlog', subject: 'run-cpp', reason: 'waited 700 s', actions: 'Nothing automatic.' };
    const down = (workerId: string, subject = 'gpu-1'): NewIncident => ({
      kind: 'worker_down',
      subject,
      workerId,
      reason: 'no heartbeat',
      actions: 'Marked down.',
      logTail: 'last lines',
    });

    it('opens one incident per kind and subject while it is open; closing it lets the next one open', async () => {
      const first = await incidents.open(backlog);
      expect(first).toEqual(expect.any(String));
      expect(await incidents.open({ ...backlog, reason: 'waited longer' })).toBeNull();
      expect(await incidents.isOpen('queue_backlog', 'run-cpp')).toBe(true);
      expect(await incidents.open({ ...backlog, kind: 'queue_no_consumer' })).not.toBeNull();

      expect(await incidents.closeRecovered('queue_backlog', 'run-cpp')).toEqual([first]);
      expect(await incidents.closeRecovered('queue_backlog', 'run-cpp')).toEqual([]);
      expect(await incidents.isOpen('queue_backlog', 'run-cpp')).toBe(false);
      const second = await incidents.open(backlog);
      expect(second).not.toBeNull();
      expect(second).not.toBe(first);
      expect((await incidents.listOpen()).map((i) => i.kind)).toEqual(['queue_no_consumer', 'queue_backlog']);
    });

    it('closes the worker_down incidents of stopped workers as stopped, and not those of workers up or down', async () => {
      const stopped = await workers.register(registration({ name: 'gone' }));
      const downWorker = await workers.register(registration({ name: 'down' }));
      const gone = await incidents.open(down(stopped, 'gone'));
      const still = await incidents.open(down(downWorker, 'down'));
      await workers.markDown(downWorker);
      await workers.deregister(stopped);
      expect(await incidents.closeForStoppedWorkers()).toEqual([gone]);
      expect(await incidents.closeForStoppedWorkers()).toEqual([]);
      const [closed] = await incidents.forWorker(stopped, 20);
      expect(closed).toMatchObject({ id: gone, closedBecause: 'stopped' });
      expect(closed.closedAt).toBeInstanceOf(Date);
      expect((await incidents.openWorkerDownByWorker()).get(downWorker)?.id).toBe(still);
    });

    it('owes an alert for each opening and closing until it is sent, and sends each once', async () => {
      const worker = await workers.register(registration());
      const open = await incidents.open(down(worker));
      const closed = await incidents.open(backlog);
      await incidents.closeRecovered('queue_backlog', 'run-cpp');
      expect(await incidents.owedAlertJobs()).toHaveLength(3);

      const sent: OwedAlert[][] = [];
      expect(await incidents.sendOwedAlerts(async (owed) => void sent.push(owed))).toBe(3);
      expect(sent).toHaveLength(1);
      expect(sent[0].map((a) => [a.id, a.event])).toEqual(
        expect.arrayContaining([
          [open, 'opened'],
          [closed, 'opened'],
          [closed, 'closed'],
        ]),
      );
      expect(sent[0].find((a) => a.id === open)).toMatchObject({
        kind: 'worker_down',
        subject: 'gpu-1',
        workerUrl: 'http://gpu-1:8090',
        logTail: 'last lines',
        closedAt: null,
        closedBecause: null,
      });
      expect(sent[0].find((a) => a.event === 'closed')).toMatchObject({ workerUrl: null, closedBecause: 'recovered' });
      expect(await incidents.owedAlertJobs()).toEqual([]);
      expect(await incidents.sendOwedAlerts(async (owed) => void sent.push(owed))).toBe(0);
      expect(sent).toHaveLength(1);

      await incidents.closeRecovered('worker_down', 'gpu-1');
      expect(await incidents.owedAlertJobs()).toEqual([{ incidentId: open, event: 'closed' }]);
    });

    it('stamps nothing when the email fails, so the alerts stay owed for the retry', async () => {
      const id = await incidents.open(backlog);
      await expect(incidents.sendOwedAlerts(async () => Promise.reject(new Error('SMTP down')))).rejects.toThrow('SMTP down');
      expect(await incidents.owedAlertJobs()).toEqual([{ incidentId: id, event: 'opened' }]);
      const [incident] = await incidents.listOpen();
      expect(incident.openedAlertSentAt).toBeNull();
    });

    it('sends each owed alert once when two replicas try together', async () => {
      await incidents.open(backlog);
      await incidents.open({ ...backlog, subject: 'run-cuda' });
      const slowEmail = () => new Promise<void>((resolve) => setTimeout(resolve, 200));
      const counts = await Promise.all([incidents.sendOwedAlerts(slowEmail), incidents.sendOwedAlerts(slowEmail)]);
      expect(counts.sort()).toEqual([0, 2]);
    });

    it("reads a worker's incidents newest first, and the open worker_down incident of each worker", async () => {
      const worker = await workers.register(registration());
      const old = await incidents.open(down(worker));
      await incidents.closeRecovered('worker_down', 'gpu-1');
      await dataSource.query(`UPDATE incidents SET opened_at = now() - interval '1 hour' WHERE id = $1`, [old]);
      const current = await incidents.open(down(worker));
      await incidents.open(backlog);
      expect((await incidents.forWorker(worker, 20)).map((i) => i.id)).toEqual([current, old]);
      expect((await incidents.forWorker(worker, 1)).map((i) => i.id)).toEqual([current]);
      const byWorker = await incidents.openWorkerDownByWorker();
      expect([...byWorker.keys()]).toEqual([worker]);
      expect(byWorker.get(worker)?.id).toBe(current);
    });
  });
});
