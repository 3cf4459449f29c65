import { Logger } from '@nestjs/common';
import { processRegistry, sharedStateRegistry } from './registries';

/** Prometheus's text format, as every /metrics answers. */
export const METRICS_CONTENT_TYPE = processRegistry.contentType;

/** How long a scrape waits for the queues and the workers table before it leaves their series out. */
const SHARED_STATE_TIMEOUT_MS = 3_000;

/** Fills the shared-state series ({@link sharedStateRegistry}) just before a scrape renders them; the gateway has one. */
export abstract class SharedStateReader {
  abstract read(): Promise<void>;
}

/** This process's series as text; in a gateway cluster, those of every process summed. */
export abstract class ProcessSeries {
  abstract text(): Promise<string>;
}

/** What GET /metrics answers: this process's series (or its cluster's), then the shared state's if the app reads it. */
export class MetricsText {
  private readonly logger = new Logger('Metrics');

  constructor(
    private readonly processSeries?: ProcessSeries,
    private readonly sharedState?: SharedStateReader,
  ) {}

  async render(): Promise<string> {
    const [own, shared] = await Promise.all([
      this.processSeries ? this.processSeries.text() : processRegistry.metrics(),
      this.sharedStateText(),
    ]);
    return own + shared;
  }

  private async sharedStateText(): Promise<string> {
    if (!this.sharedState) return '';
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${SHARED_STATE_TIMEOUT_MS} ms`)), SHARED_STATE_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.sharedState.read(), timeout]);
    } catch (err) {
      // Figures from an earlier scrape would pass for current ones: leave them out, and say why.
      sharedStateRegistry.resetMetrics();
      this.logger.warn(`queue and worker series left out of this scrape: ${(err as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
    return sharedStateRegistry.metrics();
  }
}
