import { DynamicModule, Logger, Module, type LoggerService } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Logger as PinoLogger } from 'nestjs-pino';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { buildDataSourceOptions, type MigrationList } from './data-source-options';
import { DatabaseProbe } from './database-probe';

export interface DatabaseModuleOptions {
  migrations: MigrationList;
  /** Build the module graph without connecting (OpenAPI generation). */
  connect: boolean;
}

/** Opens the database once at start-up, then brings the schema up to date with the migrations. */
export async function openDataSource(dataSource: DataSource, logger: LoggerService = new Logger('Database')): Promise<DataSource> {
  const started = Date.now();
  await dataSource.initialize();
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  logger.log(
    `database ready in ${Date.now() - started} ms; ${applied.length} migration(s) applied${applied.length ? `: ${applied.map((m) => m.name).join(', ')}` : ''}`,
    'Database',
  );
  return dataSource;
}

/** SQLSTATE class 28 (bad user or password) will not heal by waiting: fail at once. */
function worthRetrying(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return !(typeof code === 'string' && code.startsWith('28'));
}

/**
 * Connects with back-off (0.25 s doubling to 5 s) until `waitSeconds` have passed, so Skygate
 * started beside a PostgreSQL that is still booting comes up instead of exiting. Each attempt
 * gets a fresh DataSource (a failed one keeps a half-made pool). The embedded database is tried
 * once: its failures (a folder in use) do not pass with time.
 */
export async function openDataSourceWithin(options: DataSourceOptions, waitSeconds: number, logger: LoggerService): Promise<DataSource> {
  if (options.driver !== undefined || waitSeconds <= 0) return openDataSource(new DataSource(options), logger);
  const deadline = Date.now() + waitSeconds * 1000;
  for (let attempt = 1, delayMs = 250; ; attempt++, delayMs = Math.min(delayMs * 2, 5000)) {
    const dataSource = new DataSource(options);
    try {
      return await openDataSource(dataSource, logger);
    } catch (err) {
      await dataSource.destroy().catch(() => (dataSource.driver as { disconnect?: () => Promise<void> }).disconnect?.().catch(() => undefined));
      const left = deadline - Date.now();
      const reason = err instanceof Error ? err.message : String(err);
      if (!worthRetrying(err) || left <= 0) {
        logger.error(`database not reachable after ${attempt} attempt(s); giving up (DATABASE_WAIT_SECONDS=${waitSeconds}): ${reason}`, undefined, 'Database');
        throw err;
      }
      const wait = Math.min(delayMs, left);
      logger.warn(`database not reachable (attempt ${attempt}): ${reason}; retrying in ${wait} ms`, 'Database');
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    let config: AppConfig;
    let logger: LoggerService;
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig, PinoLogger],
          useFactory: (appConfig: AppConfig, pino: PinoLogger) => {
            config = appConfig;
            logger = pino;
            return {
              ...buildDataSourceOptions({ database: appConfig.database, migrations: options.migrations, maxWaiting: appConfig.databaseLimits.maxWaiting }),
              autoLoadEntities: true,
              manualInitialization: !options.connect,
              // openDataSourceWithin does the waiting (DATABASE_WAIT_SECONDS).
              retryAttempts: 0,
            };
          },
          dataSourceFactory: async (dsOptions) =>
            options.connect ? openDataSourceWithin(dsOptions!, config.databaseLimits.waitSeconds, logger) : new DataSource(dsOptions!),
        }),
      ],
      providers: [DatabaseProbe],
      exports: [DatabaseProbe],
    };
  }
}
