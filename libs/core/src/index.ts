// First, before anything here loads TypeORM, class-validator or prom-client: TypeORM's driver factory
// then loads only the postgres driver; the phone number metadata behind @IsPhoneNumber loads if one is
// checked, TypeORM's SQL formatter (243 KiB of heap) if a query is logged formatted, and OpenTelemetry's
// API (51 files, ~20-30 ms of each start) if prom-client's exemplars, which Skygate does not enable, ask.
import { loadTypeormDriversOnDemand } from './database/typeorm-driver-factory';
import { requireOnFirstUse } from './runtime/require-on-first-use';
loadTypeormDriversOnDemand();
requireOnFirstUse('libphonenumber-js/max', 'class-validator');
requireOnFirstUse('@sqltools/formatter', 'typeorm');
requireOnFirstUse('@opentelemetry/api', 'prom-client');

export { Clock, ManualClock, SystemClock } from './clock/clock';
export {
  AppConfig,
  type ArchiveConfig,
  type AuthConfig,
  CONFIG_VARIABLES,
  ConfigError,
  type ConfigVariable,
  type DatabaseConfig,
  type DatabaseLimitsConfig,
  DEFAULT_DATABASE_LIMITS,
  DEFAULT_ARCHIVE_CONFIG,
  DEFAULT_AUTH_CONFIG,
  DEFAULT_HARDWARE_CONFIG,
  DEFAULT_SYNC_CONFIG,
  DEFAULT_SEQUENCER_CONFIG,
  type HardwareConfig,
  loadConfig,
  type LogLevel,
  type MqttConfig,
  type SyncConfig,
  type SequencerConfig,
} from './config/app-config';
export { ConfigModule } from './config/config.module';
export { readPackageVersion } from './config/package-version';
export { CoreModule, type CoreModuleOptions } from './core.module';
export { buildDataSourceOptions, type DataSourceInput, type MigrationList } from './database/data-source-options';
export { DatabaseProbe, type DatabaseStatus } from './database/database-probe';
export { DatabaseModule, type DatabaseModuleOptions, openDataSource } from './database/database.module';
export { DatabaseBusyError, pgliteDriver, PglitePool, type PglitePoolOptions } from './database/pglite-pool';
export { installedPgliteVersion, PGLITE_MEMORY_SETTINGS, pgliteSeedDir, pgliteStartParams, seedDataDir } from './database/pglite-footprint';
export { favourMemoryOverSpeed, favourSpeedOnceStarted, useBaselineWasmCompiler } from './runtime/v8-footprint';
export { onFirstUse } from './runtime/on-first-use';
export { PrototypedExpressAdapter } from './routing/express-adapter';
export { ErrorDto } from './errors/error.dto';
export { createValidationPipe, CREDENTIAL_QUERY_PARAMETERS, type FieldErrors, IgnoreUnknownProperties, validationFieldErrors } from './errors/validation';
export { type FailureRenderer, registerFailureRenderer, renderDefaultFailure, renderFailure, type WireFailure } from './errors/failure-renderers';
export { type BusEvent, EventBus, type EventName, type SkygateEvents } from './events/event-bus';
export { CARD_LENGTH, parseCard, parseValueField, type ValueField } from './fits-headers/fits-card';
export { FITS_BLOCK, FITS_SIGNATURE, FitsHeaderReader, type FitsReaderOptions, parseFitsHeader } from './fits-headers/fits-header';
export { type HeaderErrorCode, HeaderParseError } from './fits-headers/header-errors';
export { type ContentFormat, HeaderSink, readHeader, SNIFF_BYTES, sniffFormat } from './fits-headers/header-reader';
export type { CardKind, FitsCard, FitsComplex, FitsValue, ParsedHeader } from './fits-headers/header-types';
export { parseXisfXml, XISF_SIGNATURE, XisfHeaderReader } from './fits-headers/xisf-header';
export { HealthContributors, type HealthSections } from './health/health-contributors';
export { HealthModule } from './health/health.module';
export { noteWireFamily } from './metrics/metrics-family';
export { MetricsModule } from './metrics/metrics.module';
export { MetricsService } from './metrics/metrics.service';
export { loggerParams, redactUrl, requestId, SECRET_HEADERS, SECRET_QUERY_PARAMS } from './logging/logging';
export { RecentLogs, type RecentLogEntry } from './logging/recent-logs';
export { accessLogLevel, requestLogging } from './logging/request-logging';
export {
  assertUniqueOperationIds,
  buildOpenApiDocument,
  registerOpenApiAmendment,
  type OpenApiAmendment,
  completeOperations,
  SecurityScheme,
  serializeOpenApi,
  serveOpenApi,
  sortKeysDeep,
} from './openapi/openapi';
export {
  type PermissionAction,
  Public,
  PUBLIC_SECURITY_MARKER,
  ROUTE_ACCESS,
  type RouteAccess,
  UseWireFamily,
  WIRE_FAMILY,
  type WireFamily,
} from './security/access';
export { applyHttpSecurity, CORS_ALLOWED_HEADERS } from './security/http-security';
export {
  FileExistsError,
  FileSizeMismatchError,
  FileStore,
  FileTooLargeError,
  type StagedFile,
  type StageOptions,
  StoragePathError,
  type StoredFile,
} from './storage/file-store';
export { type SendFileOptions, sendStoredFile } from './storage/send-file';
export { assertContentLengthWithin } from './storage/upload-limits';
export { formDataBoundary, MultipartError, parsePartHeaders, type PartHeaders } from './multipart/multipart-headers';
export { MultipartParser, PartStream, type MultipartLimits } from './multipart/multipart-parser';
export { abandonUnreadBody, bufferPart, discardPart, MultipartAbortedError, MultipartTooLargeError, readMultipart, type PartHandler, type ReadMultipartOptions } from './multipart/multipart-reader';
export { classifyInfrastructureError, wireFamilyError } from './errors/infrastructure-errors';
export { asWireAnswer } from './errors/request-boundary.filter';
export { INT4_MAX, MAX_JSON_DEPTH, ParseInt4Pipe, unsafeInput, unsafeRequest } from './errors/request-input';
