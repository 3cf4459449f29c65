export * from './queue-lag';
export * from './queues';
export * from './queues.module';
export * from './run-queue';
export * from './run-queues';
export * from './dead-letters';
