import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DependencyChecks } from './dependency-checks';
import { HealthProbes } from './health-probes';
import { HealthProbesController } from './health-probes.controller';
import { TerminusHealthProbes } from './terminus-health-probes';

/**
 * `GET /healthz/live` and `GET /healthz/ready` for an app, which provides its {@link Readiness}
 * in whichever of its modules has what the checks need. `routes`: on Nest's HTTP server
 * (gateway, worker); without, {@link HealthProbes} is for the grader's and notifier's own
 * server (MetricsServer), which finds it as a global provider.
 */
@Module({})
export class HealthProbesModule {
  static forApp(options: { routes: boolean }): DynamicModule {
    const terminus = TerminusModule.forRoot({ logger: false }); // it would log every failing probe; TerminusHealthProbes logs the changes
    return {
      module: HealthProbesModule,
      global: true,
      imports: [terminus],
      controllers: options.routes ? [HealthProbesController] : [],
      providers: [DependencyChecks, { provide: HealthProbes, useClass: TerminusHealthProbes }],
      exports: [HealthProbes, DependencyChecks, terminus],
    };
  }
}
