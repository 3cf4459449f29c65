export * from './data-source';
export * from './database.module';
export * from './entities';
export * from './group-commit';
export * from './migrate';
export * from './migrations';
