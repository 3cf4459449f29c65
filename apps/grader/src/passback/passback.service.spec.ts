import { Logger } from '@nestjs/common';
import { CatalogueService, METRICS, Mp, User } from '@wb/common';
import { UnrecoverableError } from 'bullmq';
import { FakeGradesRepository } from '../../../../test/support/fake-grades-repository';
import { FakeUsersRepository } from '../../../../test/support/fake-users-repository';
import { PassbackAdapter, PassbackRefused, PassbackTarget } from './passback-adapter';
import { PassbackService } from './passback.service';

/** The passback state each send leaves on the grade, with the grades table and the course platform faked. */
describe('PassbackService', () => {
  const mp = { config: { id: 'lab', title: 'Lab' } } as Mp;
  const user = { id: 'u1', username: 'student' } as User;

  beforeAll(() => jest.spyOn(Logger.prototype, 'log').mockImplementation());
  beforeAll(() => jest.spyOn(Logger.prototype, 'warn').mockImplementation());
  afterAll(() => jest.restoreAllMocks());

  /** The platform answers each send with the next outcome: ok, or the error it throws. */
  function setup(...outcomes: ('ok' | Error)[]) {
    const grades = new FakeGradesRepository();
    const sent: PassbackTarget[] = [];
    const adapter: PassbackAdapter = {
      send: async (target) => {
        sent.push(target);
        const outcome = outcomes.shift() ?? 'ok';
        if (outcome !== 'ok') throw outcome;
      },
    };
    const users = new FakeUsersRepository();
    users.rows.set(user.id, user);
    const catalogue = { find: (id: string) => (id === mp.config.id ? mp : undefined) } as CatalogueService;
    const service = new PassbackService(users.repository, grades.repository, catalogue, adapter);
    const queued = grades.add({ score: 30, maxScore: 40, passbackState: 'queued' });
    const state = () => {
      const g = grades.rows.get(queued.id)!;
      return { state: g.passbackState, error: g.passbackError, sent: g.passbackSentAt instanceof Date };
    };
    return { service, grades, sent, queued, state };
  }

  it('sends the fraction of the maximum and marks the grade sent', async () => {
    const { service, sent, queued, state } = setup('ok');
    await service.send(queued.id, false);
    expect(sent).toEqual([expect.objectContaining({ user, mp, fraction: 0.75, grade: expect.objectContaining({ id: queued.id }) })]);
    expect(state()).toEqual({ state: 'sent', error: null, sent: true });
  });

  it('keeps the grade queued with the error while a later try may still succeed, and clears it when one does', async () => {
    const { service, queued, state } = setup(new Error('HTTP 503'), 'ok');
    await expect(service.send(queued.id, false)).rejects.toThrow('HTTP 503');
    expect(state()).toEqual({ state: 'queued', error: 'retrying: HTTP 503', sent: false });
    await service.send(queued.id, true);
    expect(state()).toEqual({ state: 'sent', error: null, sent: true });
  });

  it('marks the grade failed when the last try fails, rethrowing the error for BullMQ', async () => {
    const { service, queued, state } = setup(new Error('HTTP 503'));
    const err = await service.send(queued.id, true).catch((e: unknown) => e);
    expect(err).toEqual(new Error('HTTP 503'));
    expect(err).not.toBeInstanceOf(UnrecoverableError);
    expect(state()).toEqual({ state: 'failed', error: 'HTTP 503', sent: false });
  });

  it('marks a refused grade failed at once, and ends the job', async () => {
    const { service, queued, state } = setup(new PassbackRefused('unknown sourcedid'));
    await expect(service.send(queued.id, false)).rejects.toBeInstanceOf(UnrecoverableError);
    expect(state()).toEqual({ state: 'failed', error: 'unknown sourcedid', sent: false });
  });

  it('counts each try by its outcome', async () => {
    METRICS.passbacks.reset();
    const { service, queued } = setup(new Error('HTTP 503'), new Error('HTTP 503'), new PassbackRefused('unknown sourcedid'), 'ok');
    await service.send(queued.id, false).catch(() => undefined);
    await service.send(queued.id, true).catch(() => undefined);
    await service.send(queued.id, false).catch(() => undefined);
    await service.send(queued.id, false);
    const counts = Object.fromEntries((await METRICS.passbacks.get()).values.map((v) => [v.labels.outcome, v.value]));
    expect(counts).toEqual({ retry: 1, failed: 1, refused: 1, sent: 1 });
  });

  it('sends a fraction of 0 for a grade out of nothing', async () => {
    const { service, grades, sent } = setup('ok');
    const empty = grades.add({ score: 0, maxScore: 0 });
    await service.send(empty.id, false);
    expect(sent[0].fraction).toBe(0);
  });

  it('ends the job, touching nothing, for a missing grade, or one whose lab or user is gone', async () => {
    const { service, grades, sent } = setup();
    const orphans = [grades.add({ mpId: 'gone' }), grades.add({ userId: 'gone' })];
    for (const id of ['no-such-grade', ...orphans.map((g) => g.id)])
      await expect(service.send(id, true)).rejects.toBeInstanceOf(UnrecoverableError);
    expect(sent).toEqual([]);
    expect(orphans.map((g) => grades.rows.get(g.id)?.passbackState)).toEqual(['none', 'none']);
  });
});
