export * from './incidents.repository';
export * from './worker-probes.repository';
export * from './workers.repository';
