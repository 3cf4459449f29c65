export * from './log-context';
export * from './recent-log';
export * from './request-id';
