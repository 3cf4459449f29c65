import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, cappedText, compileArgs, METRICS, Mp, toolchainSpec } from '@wb/common';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CompileCache } from '../cache/compile-cache';
import { libwbBuildInputs } from '../cache/libwb-build-inputs';
import { Sandbox } from './sandbox';

/** Compiler output is for a person to read; past this much it is noise. */
const COMPILER_OUTPUT_CAP = 64 * 1024;
const BINARY = 'program';

export type CompileOutcome =
  { ok: true; binary: string; output: string } | { ok: false; status: 'compile_error' | 'compile_timeout'; output: string };

@Injectable()
export class Compiler {
  private readonly logger = new Logger(Compiler.name);

  constructor(
    private readonly sandbox: Sandbox,
    private readonly cache: CompileCache,
    private readonly config: AppConfig,
  ) {}

  /**
   * Compiles in the run directory. The command names the source and binary relative to it, so
   * the same program compiles with the same command in every attempt — which is what lets the
   * cache recognise a resubmission. `onCompilerStarts` is called only when the compiler runs:
   * a resubmission served from the cache never shows as compiling.
   */
  async compile(
    mp: Mp,
    program: string,
    dir: string,
    signal?: AbortSignal,
    onCompilerStarts: () => Promise<unknown> = async () => undefined,
  ): Promise<CompileOutcome> {
    const toolchain = mp.config.toolchain;
    const binary = join(dir, BINARY);
    const source = toolchainSpec(toolchain).sourceFile;
    const { command, args } = compileArgs(toolchain, { libwb: this.config.libwbPath, source, binary: BINARY }, mp.config.compile.flags);

    const key = await this.cache.keyFor({
      source: program,
      toolchain,
      command,
      args,
      inputs: libwbBuildInputs(toolchain, this.config.libwbPath),
    });
    const hit = key ? await this.cache.get(key, binary) : null;
    METRICS.compileCacheLookups.inc({ toolchain, result: hit ? 'hit' : 'miss' });
    if (hit) {
      this.logger.log(`compile cache hit (${key!.slice(0, 12)}): ${toolchain} compiler skipped`);
      return hit;
    }

    await onCompilerStarts();
    // Only a miss needs the source on disk: a resubmission goes straight to its cached binary.
    await writeFile(join(dir, source), program, { mode: 0o600 });
    const limitS = mp.config.limits.compile_s;
    const result = await this.sandbox.compile({
      command,
      args,
      cwd: dir,
      env: { PATH: process.env.PATH, LANG: 'C.UTF-8', TMPDIR: dir },
      timeoutMs: limitS * 1000,
      outputCapBytes: COMPILER_OUTPUT_CAP,
      signal,
    });
    METRICS.compileSeconds.observe({ toolchain }, result.timeMs / 1000);
    // Paths of the worker's run directory mean nothing to the student.
    const output = cappedText(
      (result.stdout + result.stderr).split(`${dir}/`).join(''),
      { maxBytes: 2 * COMPILER_OUTPUT_CAP },
      {
        bytes: result.outputBytes,
        truncated: result.outputTruncated,
      },
    ).text;
    let outcome: CompileOutcome;
    if (result.timedOut) {
      outcome = {
        ok: false,
        status: 'compile_timeout',
        output: `${output}\ncompilation took longer than ${limitS} s and was stopped`.trim(),
      };
    } else if (result.exitCode !== 0) {
      outcome = {
        ok: false,
        status: 'compile_error',
        output: output || `the compiler failed (${result.signal ?? `status ${result.exitCode}`})`,
      };
    } else {
      outcome = { ok: true, binary, output };
    }
    // A compiler killed by a signal (out of memory, say) may succeed next time: not cached.
    if (key && result.signal === null) await this.cache.put(key, outcome);
    return outcome;
  }
}
