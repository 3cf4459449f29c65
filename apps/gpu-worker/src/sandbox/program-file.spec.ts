import { execFileSync } from 'node:child_process';
import { linkSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readProgramFile } from './program-file';

describe('readProgramFile', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'wb-program-file-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a regular file the program wrote', async () => {
    writeFileSync(join(dir, 'out'), 'solution');
    expect(await readProgramFile(join(dir, 'out'), 100)).toEqual({ kind: 'read', bytes: Buffer.from('solution') });
    expect(await readProgramFile(join(dir, 'none'), 100)).toEqual({ kind: 'missing' });
  });

  it('sizes it before reading a byte', async () => {
    writeFileSync(join(dir, 'big'), Buffer.alloc(1000));
    expect(await readProgramFile(join(dir, 'big'), 999)).toEqual({ kind: 'too-large', bytes: 1000 });
  });

  it('never follows a link, reads a second name, or waits on a FIFO', async () => {
    writeFileSync(join(dir, 'secret'), 'host file');
    symlinkSync(join(dir, 'secret'), join(dir, 'symlink'));
    linkSync(join(dir, 'secret'), join(dir, 'hardlink'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    expect(await readProgramFile(join(dir, 'symlink'), 100)).toEqual({ kind: 'refused', why: 'a symbolic link' });
    expect(await readProgramFile(join(dir, 'hardlink'), 100)).toEqual({ kind: 'refused', why: 'a file with more than one name' });
    expect(await readProgramFile(join(dir, 'fifo'), 100)).toEqual({ kind: 'refused', why: 'not a regular file' });
    expect(await readProgramFile(dir, 100)).toEqual({ kind: 'refused', why: 'not a regular file' });
  });
});
