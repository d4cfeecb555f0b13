import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { Clock, SystemClock } from './clock/clock';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import type { MigrationList } from './database/data-source-options';
import { DatabaseModule } from './database/database.module';
import { RequestBoundaryFilter } from './errors/request-boundary.filter';
import { EventBus } from './events/event-bus';
import { HealthContributors } from './health/health-contributors';
import { defaultLogDestination, loggerParams } from './logging/logging';
import { RecentLogs } from './logging/recent-logs';
import { RouteIndex } from './routing/route-index';
import { FileStore } from './storage/file-store';

export interface CoreModuleOptions {
  config: AppConfig;
  /** Every migration of every module, in order; the app composes the list. */
  migrations: MigrationList;
  /** false builds the module graph without touching the database (OpenAPI generation). */
  connectDatabase?: boolean;
  /** Where log lines go (stdout by default: readable on a terminal, JSON otherwise; tests capture them). */
  logDestination?: DestinationStream;
  clock?: Clock;
}

/** Config, database, logging, clock, event bus, file store and the /health contributors: what every feature module stands on. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(options: CoreModuleOptions): DynamicModule {
    const recentLogs = new RecentLogs();
    return {
      module: CoreModule,
      imports: [
        ConfigModule.forRoot(options.config),
        LoggerModule.forRoot(loggerParams(options.config.logLevel, options.logDestination ?? defaultLogDestination(), recentLogs)),
        DatabaseModule.forRoot({ migrations: options.migrations, connect: options.connectDatabase ?? true }),
      ],
      providers: [
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        { provide: RecentLogs, useValue: recentLogs },
        EventBus,
        FileStore,
        HealthContributors,
        RouteIndex,
        { provide: APP_FILTER, useClass: RequestBoundaryFilter },
      ],
      exports: [ConfigModule, DatabaseModule, Clock, EventBus, FileStore, HealthContributors, RecentLogs],
    };
  }
}
