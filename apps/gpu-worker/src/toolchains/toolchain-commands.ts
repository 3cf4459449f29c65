import type { Toolchain } from '@wb/common';
import { join } from 'node:path';

export interface CompileCommand {
  command: string;
  args: string[];
}

/** The file name a program is saved under before compiling; the compilers pick the language from it. */
export const SOURCE_FILE: Record<Toolchain, string> = { cpp: 'program.cpp', opencl: 'program.cpp', cuda: 'program.cu' };

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
      return { command: 'g++', args: [...labFlags, include, source, '-o', binary, join(libwbPath, 'build', 'libwb.a'), '-lm'] };
    case 'opencl':
      return { command: 'g++', args: [...labFlags, include, source, '-o', binary, join(libwbPath, 'build', 'libwb.a'), '-lOpenCL', '-lm'] };
    case 'cuda':
      return { command: 'nvcc', args: [...labFlags, include, source, '-o', binary, join(libwbPath, 'build', 'libwb_cuda.a'), '-lm'] };
  }
}
