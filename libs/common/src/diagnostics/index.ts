export * from './compiler-diagnostics';
