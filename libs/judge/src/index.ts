export * from './compare';
export * from './keywords';
