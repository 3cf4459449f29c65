import { Mp, toBody } from '@wb/common';
import { FakeProgramsRepository } from '../../../../test/support/fake-programs-repository';
import { ProgramsService } from './programs.service';

/** Saving programs with the programs table in memory: revisions, conflicts and the lab's size limit. */
describe('ProgramsService', () => {
  const mp = { config: { id: 'lab', limits: { program_bytes: 16 } } } as unknown as Mp;
  let table: FakeProgramsRepository;
  let programs: ProgramsService;

  beforeEach(() => {
    table = new FakeProgramsRepository();
    programs = new ProgramsService(table.repository);
  });

  it('saves a new program as revision 1', async () => {
    expect(await programs.save('u1', mp, 'int main() {}')).toEqual({ revision: 1, savedAt: expect.any(Date) });
    expect(await programs.find('u1', 'lab')).toMatchObject({ text: 'int main() {}', revision: 1 });
    expect(await programs.find('u2', 'lab')).toBeNull();
  });

  it('saves over the revision it was based on', async () => {
    await programs.save('u1', mp, 'one');
    expect((await programs.save('u1', mp, 'two', 1)).revision).toBe(2);
    expect(await programs.find('u1', 'lab')).toMatchObject({ text: 'two', revision: 2 });
  });

  it('refuses with 409 and the current revision a save based on an older one, changing nothing', async () => {
    await programs.save('u1', mp, 'one');
    await programs.save('u1', mp, 'two', 1);
    const error = await programs.save('u1', mp, 'stale', 1).catch((e: unknown) => e);
    expect(toBody(error)).toEqual({
      status: 409,
      body: { error: 'the program was saved elsewhere since revision 1; reload it first', revision: 2 },
    });
    expect(await programs.find('u1', 'lab')).toMatchObject({ text: 'two', revision: 2 });
  });

  it('lets a save that names no revision land over whatever is there', async () => {
    await programs.save('u1', mp, 'one');
    expect((await programs.save('u1', mp, 'two')).revision).toBe(2);
  });

  it("refuses with 413 a program over the lab's limit, counted in UTF-8 bytes, and saves nothing", async () => {
    const error = await programs.save('u1', mp, 'é'.repeat(9)).catch((e: unknown) => e);
    expect(toBody(error)).toEqual({ status: 413, body: { error: 'the program is 18 bytes; this lab allows at most 16' } });
    expect(table.rows.size).toBe(0);
    expect((await programs.save('u1', mp, 'é'.repeat(8))).revision).toBe(1);
  });
});
