import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileDigests } from './file-digests';

describe('FileDigests', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wb-digests-'));
    await mkdir(join(dir, 'include'));
    await writeFile(join(dir, 'include', 'wb.h'), '#pragma once\n');
    await writeFile(join(dir, 'libwb.a'), 'archive');
  });

  afterEach(() => rm(dir, { recursive: true, force: true }));

  const paths = () => [join(dir, 'include'), join(dir, 'libwb.a')];

  it('is stable while nothing changes', async () => {
    const digests = new FileDigests();
    expect(await digests.digest(paths())).toBe(await digests.digest(paths()));
    expect(await new FileDigests().digest(paths())).toBe(await digests.digest(paths()));
  });

  it('changes when a file changes, also one inside a directory', async () => {
    const digests = new FileDigests();
    const before = await digests.digest(paths());
    await writeFile(join(dir, 'include', 'wb.h'), '#pragma once\n#define WB_VERSION 2\n');
    const afterHeader = await digests.digest(paths());
    expect(afterHeader).not.toBe(before);
    await writeFile(join(dir, 'include', 'extra.h'), '');
    expect(await digests.digest(paths())).not.toBe(afterHeader);
  });

  it('gives a missing file a digest of its own', async () => {
    const digests = new FileDigests();
    const missing = await digests.digest([join(dir, 'libwb_cuda.a')]);
    await writeFile(join(dir, 'libwb_cuda.a'), '');
    expect(await digests.digest([join(dir, 'libwb_cuda.a')])).not.toBe(missing);
  });
});
