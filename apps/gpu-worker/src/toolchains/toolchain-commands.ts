import type { Toolchain } from '@wb/common';
import { join } from 'node:path';

export interface CompileCommand {
  command: string;
  args: string[];
}

/** The file name a program is saved under before compiling; the compilers pick the language from it. */
export const SOURCE_FILE: Record<Toolchain, string> = { cpp: 'program.cpp', opencl: 'program.cpp', cuda: 'program.cu' };

/** The libwb archive a toolchain links: CUDA programs use the build whose timers synchronize the device. */
export function libwbArchive(toolchain: Toolchain, libwbPath: string): string {
  return join(libwbPath, 'build', toolchain === 'cuda' ? 'libwb_cuda.a' : 'libwb.a');
}

/** What a build reads besides the program: part of the compile cache's key. */
export function libwbInputs(toolchain: Toolchain, libwbPath: string): string[] {
  return [join(libwbPath, 'include'), libwbArchive(toolchain, libwbPath)];
}

/**
 * How each toolchain builds a student program against libwb. The lab's own flags come first so
 * that it can choose the language standard or optimisation level; libwb is linked last.
 */
export function compileCommand(
  toolchain: Toolchain,
  libwbPath: string,
  labFlags: string[],
  source: string,
  binary: string,
): CompileCommand {
  const include = `-I${join(libwbPath, 'include')}`;
  switch (toolchain) {
    case 'cpp':
      return { command: 'g++', args: [...labFlags, include, source, '-o', binary, libwbArchive(toolchain, libwbPath), '-lm'] };
    case 'opencl':
      return { command: 'g++', args: [...labFlags, include, source, '-o', binary, libwbArchive(toolchain, libwbPath), '-lOpenCL', '-lm'] };
    case 'cuda':
      return { command: 'nvcc', args: [...labFlags, include, source, '-o', binary, libwbArchive(toolchain, libwbPath), '-lm'] };
  }
}
