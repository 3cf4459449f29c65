import { Logger } from '@nestjs/common';
import { AppConfig } from '@wb/common';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunDirectories } from './run-directories';

describe('RunDirectories', () => {
  let work: string;
  let runs: RunDirectories;

  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'wb-run-dirs-'));
    runs = new RunDirectories({ WORKER_WORK_DIR: work } as AppConfig);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await runs.onApplicationShutdown();
    await rm(work, { recursive: true, force: true });
  });

  it('gives each use a private directory of its own under runs/, removed whole afterwards', async () => {
    const seen: string[] = [];
    const result = await runs.use('attempt-1', async (dir) => {
      seen.push(dir);
      expect((await stat(dir)).mode & 0o777).toBe(0o700);
      await mkdir(join(dir, 'dataset-0'));
      await writeFile(join(dir, 'dataset-0', 'output.raw'), 'x');
      return 'verdict';
    });
    await runs.use('attempt-1', async (dir) => void seen.push(dir));

    expect(result).toBe('verdict');
    expect(seen[0]).not.toBe(seen[1]);
    expect(seen.every((d) => d.startsWith(join(work, 'runs', 'attempt-1-')))).toBe(true);
    await runs.settled();
    expect(await readdir(join(work, 'runs'))).toEqual([]);
  });

  it('removes the directory of a use that failed, and passes the failure on', async () => {
    await expect(runs.use('broken', () => Promise.reject(new Error('compiler crashed')))).rejects.toThrow('compiler crashed');
    await runs.settled();
    expect(await readdir(join(work, 'runs'))).toEqual([]);
  });

  it('deletes a link the program planted, never what it points to', async () => {
    const outside = join(work, 'precious');
    await mkdir(outside);
    await writeFile(join(outside, 'keep'), 'keep me');
    await runs.use('linker', async (dir) => {
      await symlink(outside, join(dir, 'escape'));
      await symlink(join(outside, 'keep'), join(dir, 'file'));
    });
    await runs.settled();
    expect(await readFile(join(outside, 'keep'), 'utf8')).toBe('keep me');
    expect(await readdir(join(work, 'runs'))).toEqual([]);
  });

  it('sweeps at start the directories a dead worker left, and only those clearly abandoned', async () => {
    const root = join(work, 'runs');
    await mkdir(join(root, 'dead-attempt-abc123', 'dataset-0'), { recursive: true });
    await writeFile(join(root, 'dead-attempt-abc123', 'dataset-0', 'output.raw'), 'x');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await utimes(join(root, 'dead-attempt-abc123'), twoHoursAgo, twoHoursAgo);
    await mkdir(join(root, 'running-elsewhere-def456')); // another worker's attempt, sharing the work directory

    await runs.onModuleInit();
    await runs.settled();
    expect(await readdir(root)).toEqual(['running-elsewhere-def456']);
  });

  it('starts with no runs/ folder yet, and makes it on first use', async () => {
    await runs.onModuleInit();
    expect(existsSync(join(work, 'runs'))).toBe(false);
    await runs.use('first', async () => undefined);
    expect(existsSync(join(work, 'runs'))).toBe(true);
  });
});
