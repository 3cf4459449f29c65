import { Injectable } from '@nestjs/common';
import { AppConfig, Mp } from '@wb/common';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compileCommand, SOURCE_FILE } from '../toolchains/toolchain-commands';
import { Sandbox } from './sandbox';

/** Compiler output is for a person to read; past this much it is noise. */
const COMPILER_OUTPUT_CAP = 64 * 1024;

export type CompileOutcome =
  { ok: true; binary: string; output: string } | { ok: false; status: 'compile_error' | 'compile_timeout'; output: string };

@Injectable()
export class Compiler {
  constructor(
    private readonly sandbox: Sandbox,
    private readonly config: AppConfig,
  ) {}

  async compile(mp: Mp, program: string, dir: string): Promise<CompileOutcome> {
    const source = join(dir, SOURCE_FILE[mp.config.toolchain]);
    const binary = join(dir, 'program');
    await writeFile(source, program, { mode: 0o600 });
    const { command, args } = compileCommand(mp.config.toolchain, this.config.libwbPath, mp.config.compile.flags, source, binary);
    const limitS = mp.config.limits.compile_s;
    const result = await this.sandbox.compile({
      command,
      args,
      cwd: dir,
      env: { PATH: process.env.PATH, LANG: 'C.UTF-8', TMPDIR: dir },
      timeoutMs: limitS * 1000,
      outputCapBytes: COMPILER_OUTPUT_CAP,
    });
    // Paths of the worker's run directory mean nothing to the student.
    const output = (result.stdout + result.stderr).split(`${dir}/`).join('');
    if (result.timedOut)
      return { ok: false, status: 'compile_timeout', output: `${output}\ncompilation took longer than ${limitS} s and was stopped`.trim() };
    if (result.exitCode !== 0)
      return {
        ok: false,
        status: 'compile_error',
        output: output || `the compiler failed (${result.signal ?? `status ${result.exitCode}`})`,
      };
    return { ok: true, binary, output };
  }
}
