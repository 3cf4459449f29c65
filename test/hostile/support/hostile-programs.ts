import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunVerdict } from '@wb/common';

export type HostileVerdict = RunVerdict | 'compile_error' | 'compile_timeout';

export interface HostileProgram {
  name: string;
  source: string;
  /** Any of these is right (the compile-time bombs may hit the memory or the time limit first). */
  expected: HostileVerdict[];
  /** Host paths the program tries to create or reach, which must still not exist afterwards. */
  hostMustNotExist: string[];
}

export const PROGRAMS_DIR = join(__dirname, '..', 'programs');
export const OPENCL_PROGRAMS_DIR = join(__dirname, '..', 'opencl');
export const OPENMP_PROGRAMS_DIR = join(__dirname, '..', 'openmp');

/**
 * Each program states its own verdict in its first lines (`// expect: timeout`), so the file
 * is the whole case: what it does, why, and what the worker must say about it.
 */
export function loadHostilePrograms(dir = PROGRAMS_DIR): HostileProgram[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cpp'))
    .sort()
    .map((file) => {
      const source = readFileSync(join(dir, file), 'utf8');
      const expect = /^\/\/ expect: (.+)$/m.exec(source);
      if (!expect) throw new Error(`${file}: no "// expect: <verdict>" line`);
      return {
        name: file.replace(/\.cpp$/, ''),
        source,
        expected: expect[1].split('|').map((v) => v.trim() as HostileVerdict),
        hostMustNotExist: [...source.matchAll(/^\/\/ host-must-not-exist: (\S+)$/gm)].map((m) => m[1]),
      };
    });
}
