export * from './catalogue.module';
export * from './catalogue.service';
export * from './mp-config';
export * from './mp-loader';
