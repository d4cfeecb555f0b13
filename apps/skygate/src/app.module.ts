import { DynamicModule, Module } from '@nestjs/common';
import { CoreModule, HealthModule, type CoreModuleOptions } from '@app/core';
import { MIGRATIONS } from './migrations';

export type AppOptions = Omit<CoreModuleOptions, 'migrations'>;

/** Composes the feature modules; holds no logic of its own. */
@Module({})
export class AppModule {
  static forRoot(options: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.forRoot({ ...options, migrations: MIGRATIONS }), HealthModule],
    };
  }
}
