import { ApiError, AppConfig, Grade, Mp, PassbackQueue, User } from '@wb/common';
import { GradesReader } from './grades-reader';
import { ProgramsService } from '../programs/programs.service';
import { SubmissionsService } from '../submissions/submissions.service';
import { GradingService } from './grading.service';

/** The rules of POST /mp/:mp_id/submit_grade that need no running platform. */
describe('GradingService.requestPassback', () => {
  const mp = { config: { id: 'lab', title: 'Lab' } } as Mp;
  const user = { id: 'u1' } as User;
  const enqueue = jest.fn();

  const service = (mode: AppConfig['PASSBACK_MODE'], grade: Partial<Grade> | null) =>
    new GradingService(
      {} as SubmissionsService,
      {} as ProgramsService,
      { counting: () => Promise.resolve(grade) } as unknown as GradesReader,
      { enqueue } as unknown as PassbackQueue,
      { PASSBACK_MODE: mode } as AppConfig,
    );

  beforeEach(() => jest.resetAllMocks());

  it('answers 409 when the course has no passback configured', async () => {
    const err = await service('none', { id: 'g1' })
      .requestPassback(user, mp)
      .catch((e: ApiError) => e);
    expect((err as ApiError).getStatus()).toBe(409);
    expect(enqueue).not.toHaveBeenCalled();
  });

  it('answers 404 without a grade', async () => {
    const err = await service('lti11', null)
      .requestPassback(user, mp)
      .catch((e: ApiError) => e);
    expect((err as ApiError).getStatus()).toBe(404);
  });

  it('queues the counting grade', async () => {
    await service('lti13', { id: 'g1' }).requestPassback(user, mp);
    expect(enqueue).toHaveBeenCalledWith('g1');
  });
});
