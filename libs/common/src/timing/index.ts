export * from './device-facts';
export * from './timing-stats';
export * from './timing-verdict';
export * from './timing-jobs';
