import { DynamicModule, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { buildDataSourceOptions, type MigrationList } from './data-source-options';
import { DatabaseProbe } from './database-probe';

export interface DatabaseModuleOptions {
  migrations: MigrationList;
  /** Build the module graph without connecting (OpenAPI generation). */
  connect: boolean;
}

/** Opens the database once at start-up, then brings the schema up to date with the migrations. */
export async function openDataSource(dataSource: DataSource, logger = new Logger('Database')): Promise<DataSource> {
  const started = Date.now();
  await dataSource.initialize();
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  logger.log(
    `database ready in ${Date.now() - started} ms; ${applied.length} migration(s) applied${applied.length ? `: ${applied.map((m) => m.name).join(', ')}` : ''}`,
  );
  return dataSource;
}

@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            ...buildDataSourceOptions({ database: config.database, migrations: options.migrations }),
            autoLoadEntities: true,
            manualInitialization: !options.connect,
            // Fail start-up within seconds when the database is unreachable instead of retrying for half a minute.
            retryAttempts: 2,
            retryDelay: 1000,
          }),
          dataSourceFactory: async (dsOptions) => {
            const dataSource = new DataSource(dsOptions!);
            return options.connect ? openDataSource(dataSource) : dataSource;
          },
        }),
      ],
      providers: [DatabaseProbe],
      exports: [DatabaseProbe],
    };
  }
}
