export * from './redis.module';
export * from './interval-slot';
