import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A private directory for one attempt, removed whole afterwards. `rm` with `recursive` unlinks
 * symbolic links instead of following them, so a link the program planted cannot make the
 * worker delete anything outside the directory.
 */
export async function withRunDirectory<T>(workDir: string, attemptId: string, use: (dir: string) => Promise<T>): Promise<T> {
  await mkdir(workDir, { recursive: true, mode: 0o700 });
  const dir = await mkdtemp(join(workDir, `${attemptId}-`));
  try {
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
