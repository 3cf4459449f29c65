export * from './recent-log';
