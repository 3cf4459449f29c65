export * from './metrics-access';
export * from './metrics-server';
export * from './metrics-text';
export * from './metrics.controller';
export * from './metrics.module';
export * from './registries';
export * from './wb-metrics';
