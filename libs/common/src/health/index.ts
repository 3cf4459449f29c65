// Imported as `@wb/common/health`, not from the library's index: terminus is an ES module that
// Jest cannot load, and every unit spec loads the index.
export * from './dependency-checks';
export * from './health-probes';
export * from './health-probes.module';
export * from './readiness';
export * from './store-readiness';
