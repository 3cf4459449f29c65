export * from './users.repository';
