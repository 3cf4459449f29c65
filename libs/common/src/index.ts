export * from './attempts';
export * from './catalogue';
export * from './compare';
export * from './config';
export * from './db';
export * from './queues';
export * from './redis';
