export * from './counting-grade';
export * from './late-policy';
export * from './score-attempt';
export * from './grade-queue';
export * from './passback-queue';
export * from './counting-grades';
export * from './grades.repository';
