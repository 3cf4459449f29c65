export * from './attempt-outcome';
export * from './attempt-reports';
export * from './attempts.repository';
export * from './report-text';
