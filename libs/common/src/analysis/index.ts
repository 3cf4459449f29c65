export * from './analysis-actions';
export * from './ncu-report';
export * from './profile-advice';
export * from './sanitizer-report';
