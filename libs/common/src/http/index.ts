export * from './api-error';
export * from './validation.pipe';
export * from './worker-token.guard';
export * from './infrastructure-outage';
