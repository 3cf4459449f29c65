export * from './attempt-outcome';
