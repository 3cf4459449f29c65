import { Module } from '@nestjs/common';
import { MetricsModule, ProcessSeries, QueuesModule, SharedStateReader, WorkersRepository } from '@wb/common';
import cluster from 'node:cluster';
import { ClusterProcessSeries } from '../cluster/cluster-metrics';
import { METRIC_QUEUES, PlatformStateMetrics } from './platform-state-metrics';

/**
 * `GET /metrics` on the gateway: what its processes recorded, summed when it runs as a cluster,
 * and the queues and workers as they are now.
 */
@Module({
  imports: [
    MetricsModule.route('gateway', {
      imports: [QueuesModule.register(...METRIC_QUEUES)],
      providers: [
        WorkersRepository,
        { provide: SharedStateReader, useClass: PlatformStateMetrics },
        ...(cluster.isWorker ? [{ provide: ProcessSeries, useClass: ClusterProcessSeries }] : []),
      ],
    }),
  ],
})
export class GatewayMetricsModule {}
