export * from './attempt-outcome';
export * from './attempt-reports';
export * from './report-text';
