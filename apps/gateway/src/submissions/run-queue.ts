import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { QUEUE, RUN_JOB_NAME, RUN_JOB_OPTIONS, RunJob, Toolchain } from '@wb/common';
import { Queue } from 'bullmq';

/** The only producer of run jobs: one queue per toolchain, the attempt id as the job id. */
@Injectable()
export class RunQueue {
  private readonly queues: Record<Toolchain, Queue<RunJob>>;

  constructor(
    @InjectQueue(QUEUE.runCuda) cuda: Queue<RunJob>,
    @InjectQueue(QUEUE.runOpencl) opencl: Queue<RunJob>,
    @InjectQueue(QUEUE.runCpu) cpu: Queue<RunJob>,
  ) {
    this.queues = { cuda, opencl, cpp: cpu };
  }

  async enqueue(job: RunJob, toolchain: Toolchain): Promise<void> {
    await this.queues[toolchain].add(RUN_JOB_NAME, job, { ...RUN_JOB_OPTIONS, jobId: job.attemptId });
  }
}
