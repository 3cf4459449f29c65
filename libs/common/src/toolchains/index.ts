export * from './toolchain-specs';
