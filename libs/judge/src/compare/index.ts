export * from './comparator';
export * from './format-error';
export * from './libwb-format';
export * from './mismatches';
export * from './output-type';
export * from './ppm-format';
export * from './tolerance';
