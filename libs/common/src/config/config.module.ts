import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig, loadConfig } from './app-config';
import type { AppName } from './config-vars';

/** Makes the app's one validated {@link AppConfig} (its slice of the variables) injectable everywhere. */
@Global()
@Module({})
export class ConfigModule {
  static forApp(app: AppName): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: AppConfig, useFactory: () => loadConfig(app) }],
      exports: [AppConfig],
    };
  }
}
