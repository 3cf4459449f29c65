export * from './app-config';
export * from './config-vars';
export * from './config.module';
export * from './project-root';
