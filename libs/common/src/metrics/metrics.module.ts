import { DynamicModule, Module, ModuleMetadata, Provider } from '@nestjs/common';
import type { AppName } from '../config/config-vars';
import { MetricsAccessGuard } from './metrics-access';
import { MetricsController } from './metrics.controller';
import { MetricsServer } from './metrics-server';
import { MetricsText, ProcessSeries, SharedStateReader } from './metrics-text';
import { collectProcessMetrics } from './registries';
import { registerMetricsOf } from './wb-metrics';

/** What an app adds to its /metrics: a {@link ProcessSeries}, a {@link SharedStateReader}, and the modules they need. */
export type MetricsAdditions = Pick<ModuleMetadata, 'imports' | 'providers'>;

/** `GET /metrics` for an app: its own series ({@link registerMetricsOf}) and Node's process metrics. */
@Module({})
export class MetricsModule {
  /** On the app's own HTTP server (gateway, worker). */
  static route(app: AppName, additions: MetricsAdditions = {}): DynamicModule {
    return {
      module: MetricsModule,
      imports: additions.imports ?? [],
      controllers: [MetricsController],
      providers: [metricsText(app), MetricsAccessGuard, ...(additions.providers ?? [])],
    };
  }

  /** On a server of its own at METRICS_PORT (grader, notifier). */
  static ownServer(app: AppName): DynamicModule {
    return { module: MetricsModule, providers: [metricsText(app), MetricsServer] };
  }
}

function metricsText(app: AppName): Provider {
  return {
    provide: MetricsText,
    inject: [
      { token: ProcessSeries, optional: true },
      { token: SharedStateReader, optional: true },
    ],
    useFactory: (processSeries?: ProcessSeries, sharedState?: SharedStateReader) => {
      registerMetricsOf(app);
      collectProcessMetrics();
      return new MetricsText(processSeries, sharedState);
    },
  };
}
