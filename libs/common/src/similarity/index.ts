export * from './archived-programs';
export * from './similarity-queue';
export * from './similarity-reports';
