import { linkSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { keepOnlyRegularFiles } from './output-sanitizer';

describe('keepOnlyRegularFiles', () => {
  let dir: string;
  let outside: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wb-sanitizer-'));
    outside = mkdtempSync(join(tmpdir(), 'wb-sanitizer-outside-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it("keeps the program's own files and removes links, FIFOs and folders, never what a link points to", () => {
    writeFileSync(join(dir, 'output.raw'), '1\n2\n');
    writeFileSync(join(outside, 'secret'), 'host file');
    symlinkSync(join(outside, 'secret'), join(dir, 'wb-report.json'));
    symlinkSync(outside, join(dir, 'folder-link'));
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    mkdirSync(join(dir, 'nested'));
    symlinkSync(join(outside, 'secret'), join(dir, 'nested', 'inner-link'));
    linkSync(join(outside, 'secret'), join(dir, 'hard-link'));

    return keepOnlyRegularFiles(dir).then((removed) => {
      expect(removed.sort()).toEqual(['folder-link', 'hard-link', 'nested', 'pipe', 'wb-report.json']);
      expect(readdirSync(dir)).toEqual(['output.raw']);
      expect(readdirSync(outside)).toEqual(['secret']);
    });
  });
});
