export * from './attempt-outcome';
export * from './attempt-reports';
