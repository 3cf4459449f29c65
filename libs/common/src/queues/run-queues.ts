import { getQueueToken } from '@nestjs/bullmq';
import type { Provider } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { RUN_QUEUES, Toolchain, TOOLCHAINS } from '../toolchains/toolchain-specs';
import type { RunJob } from './queues';

/** Every toolchain's run queue, found by toolchain rather than injected one by one. */
export class RunQueues {
  private constructor(private readonly queues: ReadonlyMap<Toolchain, Queue<RunJob>>) {}

  /** Nest's provider: the registered queues, in TOOLCHAINS order. */
  static readonly provider: Provider = {
    provide: RunQueues,
    inject: RUN_QUEUES.map((name) => getQueueToken(name)),
    useFactory: (...queues: Queue<RunJob>[]) => new RunQueues(new Map(TOOLCHAINS.map((t, i) => [t, queues[i]]))),
  };

  of(toolchain: Toolchain): Queue<RunJob> {
    const queue = this.queues.get(toolchain);
    if (!queue) throw new Error(`no run queue for toolchain ${toolchain}`);
    return queue;
  }

  entries(): [Toolchain, Queue<RunJob>][] {
    return [...this.queues];
  }
}
