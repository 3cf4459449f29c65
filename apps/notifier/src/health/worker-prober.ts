import { Injectable } from '@nestjs/common';
import { AppConfig, WorkerApiClient, WorkerRecord } from '@wb/common';

export interface ProbeOutcome {
  ok: boolean;
  reason: string | null;
  ms: number;
}

/**
 * Asks one worker whether it can do its job (see {@link WorkerApiClient.probe}); it must also
 * have sent a heartbeat lately.
 */
@Injectable()
export class WorkerProber {
  constructor(
    private readonly config: AppConfig,
    private readonly workerApi: WorkerApiClient,
  ) {}

  async probe(worker: WorkerRecord): Promise<ProbeOutcome> {
    const started = performance.now();
    const answer = await this.workerApi.probe(worker);
    const reason = (answer.ok ? null : answer.reason) ?? this.staleHeartbeat(worker);
    return { ok: reason === null, reason, ms: Math.round(performance.now() - started) };
  }

  private staleHeartbeat(worker: WorkerRecord): string | null {
    const age = Date.now() - worker.lastHeartbeatAt.getTime();
    return age > this.config.HEALTH_HEARTBEAT_STALE_MS ? `no heartbeat for ${Math.round(age / 1000)} s` : null;
  }
}
