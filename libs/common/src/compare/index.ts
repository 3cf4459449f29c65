export * from './comparator';
export * from './format-error';
export * from './libwb-format';
export * from './ppm-format';
export * from './tolerance';
