import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, servesGpu, Toolchain } from '@wb/common';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { JobTracker } from '../api/job-tracker';
import type { JobSlots } from '../toolchains/job-slots';
import { GatewayClient, GatewayRejected } from './gateway-client';
import { WorkerIdentity } from './worker-identity';

export const HEARTBEAT_INTERVAL_MS = 10_000;
/** What this worker offers, decided at start from what the machine has. */
export class WorkerDescription {
  constructor(
    readonly toolchains: Toolchain[],
    readonly gpu: string | null,
    /** Jobs run at once, per toolchain queue. */
    readonly slots: JobSlots,
  ) {}
}

/** Registers at start (waiting for the gateway if it is not up yet), heartbeats, deregisters at stop. */
@Injectable()
export class RegistrationService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RegistrationService.name);
  private timer?: NodeJS.Timeout;
  private stopping = false;

  constructor(
    private readonly gateway: GatewayClient,
    private readonly identity: WorkerIdentity,
    private readonly config: AppConfig,
    private readonly description: WorkerDescription,
    private readonly jobs: JobTracker,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.register();
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_INTERVAL_MS);
  }

  onApplicationShutdown(): Promise<void> {
    return this.deregister();
  }

  /**
   * Leaves the rotation; only the first call speaks to the gateway. A graceful stop calls it as
   * soon as the consumers are closed, so that no one sees a registered worker consuming nothing.
   */
  async deregister(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    clearInterval(this.timer);
    if (this.identity.id) await this.gateway.deregister(this.identity.id).catch(() => undefined);
  }

  private async register(): Promise<void> {
    const body = {
      name: this.config.WORKER_NAME ?? `${hostname()}-${this.config.WORKER_PORT}`,
      url: this.config.WORKER_URL ?? `http://127.0.0.1:${this.config.WORKER_PORT}`,
      toolchains: this.description.toolchains,
      gpu: this.description.gpu,
      // A site probe command makes /is_gpu_alive meaningful even where CUDA is not detected.
      gpuProbe: servesGpu(this.description.toolchains) || Boolean(this.config.GPU_PROBE_COMMAND),
      version: process.env.npm_package_version ?? '0.1.0',
    };
    for (let attempt = 0; !this.stopping; attempt++) {
      try {
        this.identity.id = await this.gateway.register(body);
        this.identity.name = body.name;
        this.logger.log(`registered as ${body.name} (${this.identity.id}) serving ${body.toolchains.join(', ')}`);
        return;
      } catch (err) {
        if (err instanceof GatewayRejected && err.status === 401)
          throw new Error('the gateway refused the worker token (WORKER_TOKEN differs)');
        const delay = Math.min(10_000, 500 * 2 ** attempt);
        this.logger.warn(`cannot register yet (${(err as Error).message}); retrying in ${delay} ms`);
        await sleep(delay);
      }
    }
  }

  private async beat(): Promise<void> {
    if (!this.identity.id) return;
    try {
      const { status } = await this.gateway.heartbeat(this.identity.id);
      await this.jobs.setPaused(status === 'down', `the gateway lists this worker as ${status}`);
    } catch (err) {
      if (err instanceof GatewayRejected && err.status === 404) await this.register();
      else this.logger.warn(`heartbeat failed: ${(err as Error).message}`);
    }
  }
}
