export * from './program-text';
