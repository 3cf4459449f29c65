export * from './check-keywords';
export * from './default-forbidden-keywords';
export * from './source-scanner';
