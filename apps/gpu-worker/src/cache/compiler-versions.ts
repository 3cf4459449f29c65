import { Injectable } from '@nestjs/common';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/**
 * nvcc compiles host code with the system's gcc and links with g++, so their versions shape a
 * CUDA binary as much as nvcc's own does.
 */
const HOST_COMPILERS: Record<string, readonly string[]> = { nvcc: ['gcc', 'g++'] };

const PROBE_TIMEOUT_MS = 10_000;

/**
 * The version of each compiler, asked once per worker process: compilers are not upgraded
 * under a running worker (a restart picks up a new one), and asking costs a process per compile.
 */
@Injectable()
export class CompilerVersions {
  private readonly known = new Map<string, Promise<string>>();

  /**
   * All of `--version`'s output, not its first line: nvcc's first line is the same in every
   * release ("nvcc: NVIDIA (R) Cuda compiler driver"); the release is further down.
   */
  of(command: string): Promise<string> {
    let version = this.known.get(command);
    if (!version) {
      version = this.probeAll(command);
      this.known.set(command, version);
      // A compiler that could not be asked (not installed yet, a slow start) is asked again next time.
      version.catch(() => this.known.delete(command));
    }
    return version;
  }

  private async probeAll(command: string): Promise<string> {
    const commands = [command, ...(HOST_COMPILERS[command] ?? [])];
    const versions = await Promise.all(commands.map((c) => this.probe(c)));
    return commands.map((c, i) => `${c}: ${versions[i]}`).join('\n');
  }

  protected async probe(command: string): Promise<string> {
    const { stdout } = await execFileAsync(command, ['--version'], {
      timeout: PROBE_TIMEOUT_MS,
      env: { PATH: process.env.PATH, LANG: 'C' },
    });
    return stdout.trim();
  }
}
