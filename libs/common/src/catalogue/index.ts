export * from './catalogue.module';
export * from './catalogue.service';
export * from './keyword-rules';
export * from './mp-config';
export * from './mp-loader';
