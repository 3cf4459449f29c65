import { Processor, WorkerHost } from '@nestjs/bullmq';
import { QUEUE } from '@wb/common';
import { HealthRoundService } from './health-round.service';

/** One probe round at a time per replica; the scheduler makes one job per interval for all. */
@Processor(QUEUE.health, { concurrency: 1 })
export class HealthProcessor extends WorkerHost {
  constructor(private readonly round: HealthRoundService) {
    super();
  }

  process(): Promise<void> {
    return this.round.run();
  }
}
