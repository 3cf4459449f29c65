import { Injectable } from '@nestjs/common';
import { execCapped, ExecResult, ExecSpec } from './process-runner';
import { Sandbox } from './sandbox';

/** Time limit, output cap and process-group kill; no filesystem, syscall or network isolation. */
@Injectable()
export class ProcessGroupSandbox extends Sandbox {
  readonly description = 'process-group limits only (no bubblewrap/seccomp isolation yet): run only trusted code';

  compile(spec: ExecSpec): Promise<ExecResult> {
    return execCapped(spec);
  }

  run(spec: ExecSpec): Promise<ExecResult> {
    return execCapped(spec);
  }
}
