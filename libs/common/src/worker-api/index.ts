export * from './worker-api.types';
export * from './worker-api-client';
