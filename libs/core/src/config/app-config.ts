import { isAbsolute, resolve } from 'node:path';
import { cleanEnv, port, str } from 'envalid';
import { addressList, hexKey32, hostList, httpUrl, longSecret, mqttUrl, nonEmpty, originList, pathList, positiveInt, postgresUrl, seconds0to3600, topicPrefix, trueFalse, unitName, workerCount } from './config-validators';
import { readPackageVersion } from './package-version';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export type DatabaseConfig =
  | {
      kind: 'pglite';
      /** a folder, or 'memory://' for a throwaway database */
      dataDir: string;
      /** With 'memory://': start from this copy of a data folder (PglitePool.dumpDataDir) instead of an empty one; tests start from a migrated copy. */
      snapshot?: Blob;
    }
  | { kind: 'postgres'; url: string };

const GPIO_DRIVERS = ['auto', 'gpiochip', 'pigpio', 'onoff', 'simulated'] as const;
const GPIO_SAFE_STATES = ['off', 'on', 'restore'] as const;
const SERVICE_MANAGERS = ['auto', 'systemd', 'simulated'] as const;
const PLATE_SOLVERS = ['astrometry', 'none'] as const;

/** Every environment variable Skygate reads, with what it accepts. README documents each one (a test checks). */
export const CONFIG_VARIABLES = {
  PORT: { default: '8090', allowed: 'an integer 1-65535', description: 'TCP port of the HTTP server (the Allsky Server port)' },
  HOST: { default: '0.0.0.0', allowed: 'an IPv4/IPv6 address or host name', description: 'Bind address of the HTTP server' },
  DATA_DIR: { default: './data', allowed: 'a folder path', description: 'Embedded database, uploads, captures, generated secrets' },
  DATABASE_URL: { default: '(unset: embedded PGlite)', allowed: 'postgres://user:pass@host:port/db or postgresql://...', description: 'PostgreSQL connection; unset uses the embedded PGlite database in DATA_DIR/pglite' },
  DATABASE_WAIT_SECONDS: { default: '30', allowed: 'an integer 0-3600 (seconds)', description: 'How long start-up keeps retrying (with back-off) a database that does not answer yet before giving up; 0 tries once' },
  DATABASE_MAX_WAITING: { default: '100', allowed: 'a positive integer', description: 'Embedded database only: requests that may queue for its single session; more answer 503 with Retry-After instead of waiting without bound' },
  LOG_LEVEL: { default: 'info', allowed: LOG_LEVELS.join(', '), description: 'Minimum level of the JSON (pino) log written to stdout' },
  UPLOAD_MAX_BYTES: { default: String(16 * 1024 ** 3), allowed: 'a positive integer (bytes)', description: 'Largest file the file store accepts in one upload' },
  JWT_SECRET: { default: '(unset: generated in DATA_DIR/secrets)', allowed: 'at least 32 characters', description: 'HS256 key for login tokens' },
  JWT_TTL_SECONDS: { default: '1800', allowed: 'a positive integer (seconds)', description: 'Lifetime of a login token (the Allsky Server uses 1800)' },
  SECRETS_KEY: { default: '(unset: generated in DATA_DIR/secrets)', allowed: '64 hex characters (32 bytes)', description: 'AES-256-GCM key for stored secrets that must stay readable (signing API keys)' },
  AUTH_TRUST_LOOPBACK: { default: 'true', allowed: 'true or false', description: 'Requests from 127.0.0.0/8 or ::1 that passed no proxy need no credentials' },
  TRUSTED_PROXIES: { default: '(none)', allowed: 'comma-separated IP addresses or CIDR ranges', description: 'Reverse proxies whose X-Forwarded-For is believed for the client address; a request from one never counts as loopback' },
  ALLOWED_HOSTS: { default: '(none: only the machine\'s own names)', allowed: 'comma-separated host names or addresses', description: 'Extra Host header names a loopback request may carry and still skip authentication (the machine\'s own names always count)' },
  CORS_ORIGINS: { default: '(unset: no CORS headers)', allowed: '* or comma-separated origins (https://host[:port])', description: 'Web origins allowed to call the API from a browser; a listed origin (not *) also keeps loopback trust' },
  AUTH_CACHE_TTL_SECONDS: { default: '15', allowed: 'a positive integer (seconds)', description: 'Longest time a process trusts its cached copy of a user, role or API key (PostgreSQL changes also arrive at once by LISTEN/NOTIFY)' },
  LOGIN_MAX_FAILURES: { default: '5', allowed: 'a positive integer', description: 'Failed logins per client address and user name in 15 minutes before 429' },
  ARCHIVE_SITE_ADMIN_ONLY: { default: 'true', allowed: 'true or false', description: 'Only administrators create, change or delete archive observing sites and telescopes (as Arcsecond roles)' },
  ARCHIVE_PAGE_SIZE: { default: '100', allowed: 'a positive integer', description: 'Items per page of archive lists asked for with ?page=' },
  ARCHIVE_MAX_DECOMPRESSED_BYTES: { default: String(8 * 1024 ** 3), allowed: 'a positive integer (bytes)', description: 'Largest decompressed content of a .zip/.gz/.bz2 archive upload; more is refused as a bomb' },
  GPIO_DRIVER: { default: 'auto', allowed: GPIO_DRIVERS.join(', '), description: 'GPIO backend; auto is gpiochip (the kernel GPIO character device) on a Pi 5 and other Linux boards with one, pigpio on older Pis where it starts, else simulated. An explicit choice that cannot work here stops start-up' },
  GPIO_SAFE_STATE: { default: 'off', allowed: GPIO_SAFE_STATES.join(', '), description: 'What claimed outputs do at start-up: off (low, PWM duty 0), on (high), or restore the last persisted level' },
  ALLSKY_HOME: { default: '(unset)', allowed: 'a folder path', description: 'Allsky installation; /allsky/status reads ALLSKY_HOME/config/status.json' },
  ALLSKY_SERVICE_MANAGER: { default: 'auto', allowed: SERVICE_MANAGERS.join(', '), description: 'How the capture service is controlled; auto is systemd when /run/systemd/system exists, else simulated' },
  ALLSKY_SERVICE_UNIT: { default: 'allsky', allowed: 'a systemd unit name', description: 'The capture service /allsky/start, /stopall, /restart control' },
  SYNC_MAX_BYTES: { default: String(1024 ** 3), allowed: 'a positive integer (bytes)', description: 'Largest indi-allsky SyncAPI request body the receiver accepts (indi-allsky nginx: 1024M); larger answers 413' },
  SYNC_REMOTE_URL: { default: '(unset: uploader idle)', allowed: 'an http(s) base URL ending in /indi-allsky', description: 'Where the sync uploader sends files: another Skygate or an indi-allsky' },
  SYNC_REMOTE_USERNAME: { default: '(unset)', allowed: 'a user name without spaces or colons', description: 'User name the sync uploader signs with' },
  SYNC_REMOTE_API_KEY: { default: '(unset)', allowed: 'the remote API key', description: 'API key the sync uploader signs requests with (HMAC-SHA3-512)' },
  SYNC_UPLOAD_WORKERS: { default: '2', allowed: 'an integer 1-4', description: 'Parallel sync uploads (indi-allsky UPLOAD_WORKERS)' },
  SYNC_RETRY_MAX_SECONDS: { default: '600', allowed: 'a positive integer (seconds)', description: 'Cap of the exponential back-off between retries of a failed sync upload' },
  SYNC_MAX_ATTEMPTS: { default: '20', allowed: 'a positive integer', description: 'Attempts before a sync upload is marked failed' },
  SYNC_UPLOAD_ROOTS: { default: '(DATA_DIR/files)', allowed: 'comma-separated folder paths', description: 'Folders whose files POST /sync/uploader/jobs may queue (real paths: a symlink out of them is refused)' },
  PLATE_SOLVER: { default: 'astrometry', allowed: PLATE_SOLVERS.join(', '), description: 'Plate solver: astrometry.net (Debian astrometry.net + index files), or none (every solve fails at once)' },
  ASTROMETRY_INDEX_DIR: { default: '/usr/share/astrometry', allowed: 'a folder path', description: 'Folder of the astrometry.net index files (Debian astrometry-data-tycho2-* install them there)' },
  MQTT_URL: { default: '(unset: no MQTT)', allowed: 'mqtt://, mqtts://, ws:// or wss:// URL (user:password@ allowed)', description: 'MQTT broker of the daemon: MQTT inputs and outputs, Home Assistant discovery of inputs and outputs, measurements published as taken' },
  MQTT_DISCOVERY_PREFIX: { default: 'homeassistant', allowed: 'one or more MQTT topic levels without wildcards', description: "Home Assistant's discovery prefix (its MQTT integration setting) under which the daemon announces inputs and outputs" },
  SEQUENCE_LOAD_MAX_BYTES: { default: String(20 * 1024 ** 2), allowed: 'a positive integer (bytes)', description: 'Largest N.I.N.A. sequence JSON POST /v2/api/sequence/load accepts (real nights are 1-5 MB); larger answers 413 in the ninaAPI envelope. Every other JSON route keeps the 100 KB limit' },
  PLATE_SOLVE_TIMEOUT_SECONDS: { default: '60', allowed: 'a positive integer (seconds)', description: 'Longest a plate solve may run before the solver process is killed and the solve fails' },
} as const;

export type ConfigVariable = keyof typeof CONFIG_VARIABLES;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The validated configuration; one instance per process, injected by class. */
export class AppConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly database: DatabaseConfig;
  readonly databaseLimits: DatabaseLimitsConfig;
  readonly logLevel: LogLevel;
  readonly uploadMaxBytes: number;
  readonly auth: AuthConfig;
  readonly archive: ArchiveConfig;
  readonly hardware: HardwareConfig;
  readonly sync: SyncConfig;
  readonly plateSolving: PlateSolvingConfig;
  readonly mqtt: MqttConfig;
  readonly sequencer: SequencerConfig;
  readonly version: string;

  constructor(
    values: Omit<AppConfig, 'version' | 'databaseLimits' | 'auth' | 'archive' | 'hardware' | 'sync' | 'plateSolving' | 'mqtt' | 'sequencer'> & {
      version?: string;
      databaseLimits?: Partial<DatabaseLimitsConfig>;
      auth?: Partial<AuthConfig>;
      archive?: Partial<ArchiveConfig>;
      hardware?: Partial<HardwareConfig>;
      sync?: Partial<SyncConfig>;
      plateSolving?: Partial<PlateSolvingConfig>;
      mqtt?: Partial<MqttConfig>;
      sequencer?: Partial<SequencerConfig>;
    },
  ) {
    Object.assign(this, values);
    this.databaseLimits = { ...DEFAULT_DATABASE_LIMITS, ...values.databaseLimits };
    this.auth = { ...DEFAULT_AUTH_CONFIG, ...values.auth };
    this.archive = { ...DEFAULT_ARCHIVE_CONFIG, ...values.archive };
    this.hardware = { ...DEFAULT_HARDWARE_CONFIG, ...values.hardware };
    this.sync = { ...DEFAULT_SYNC_CONFIG, ...values.sync };
    this.plateSolving = { ...DEFAULT_PLATE_SOLVING_CONFIG, ...values.plateSolving };
    this.mqtt = { ...values.mqtt };
    this.sequencer = { ...DEFAULT_SEQUENCER_CONFIG, ...values.sequencer };
    this.version = values.version ?? readPackageVersion();
  }
}

/** Start-up patience and the embedded database's queue bound. */
export interface DatabaseLimitsConfig {
  /** Seconds start-up retries an unreachable database before failing. */
  waitSeconds: number;
  /** Query runners that may wait for the embedded (PGlite) session before new ones are refused. */
  maxWaiting: number;
}

export const DEFAULT_DATABASE_LIMITS: DatabaseLimitsConfig = { waitSeconds: 30, maxWaiting: 100 };

export interface AuthConfig {
  /** From JWT_SECRET; undefined means generate once and keep in DATA_DIR/secrets. */
  jwtSecret?: string;
  jwtTtlSeconds: number;
  /** From SECRETS_KEY (32 bytes); undefined means generate once and keep in DATA_DIR/secrets. */
  secretsKey?: Buffer;
  trustLoopback: boolean;
  trustedProxies: string[];
  loginMaxFailures: number;
  /** Host header names besides the machine's own that keep loopback trust. */
  allowedHosts: string[];
  /** Browser origins allowed by CORS; '*' allows every origin (but grants no loopback trust). */
  corsOrigins: string[] | '*';
  cacheTtlSeconds: number;
}

export const DEFAULT_AUTH_CONFIG: AuthConfig = {
  jwtTtlSeconds: 1800,
  trustLoopback: true,
  trustedProxies: [],
  loginMaxFailures: 5,
  allowedHosts: [],
  corsOrigins: [],
  cacheTtlSeconds: 15,
};

export interface ArchiveConfig {
  /** Only administrators create, change or delete observing sites and telescopes. */
  siteAdminOnly: boolean;
  pageSize: number;
  maxDecompressedBytes: number;
}

export const DEFAULT_ARCHIVE_CONFIG: ArchiveConfig = {
  siteAdminOnly: true,
  pageSize: 100,
  maxDecompressedBytes: 8 * 1024 ** 3,
};

/** GPIO and allsky service control (libs/gpio, libs/allsky). */
export interface HardwareConfig {
  gpioDriver: (typeof GPIO_DRIVERS)[number];
  gpioSafeState: (typeof GPIO_SAFE_STATES)[number];
  allskyHome?: string;
  serviceManager: (typeof SERVICE_MANAGERS)[number];
  serviceUnit: string;
}

export const DEFAULT_HARDWARE_CONFIG: HardwareConfig = {
  gpioDriver: 'auto',
  gpioSafeState: 'off',
  serviceManager: 'auto',
  serviceUnit: 'allsky',
};
export interface SyncConfig {
  /** Largest SyncAPI request body (bytes). */
  maxBytes: number;
  /** Uploader target, e.g. http://host:8090/indi-allsky; undefined leaves the uploader idle. */
  remoteUrl?: string;
  remoteUsername?: string;
  remoteApiKey?: string;
  /** 1-4 parallel uploads. */
  workers: number;
  retryMaxSeconds: number;
  maxAttempts: number;
  /** Absolute folders the uploader may read; undefined means DATA_DIR/files. */
  uploadRoots?: string[];
}

export const DEFAULT_SYNC_CONFIG: SyncConfig = {
  maxBytes: 1024 ** 3,
  workers: 2,
  retryMaxSeconds: 600,
  maxAttempts: 20,
};

/** The sequencer (libs/sequencer). */
export interface SequencerConfig {
  /** Largest body POST /v2/api/sequence/load parses. */
  loadMaxBytes: number;
}

export const DEFAULT_SEQUENCER_CONFIG: SequencerConfig = { loadMaxBytes: 20 * 1024 ** 2 };

/** The plate solver port (libs/plate-solver). */
export interface PlateSolvingConfig {
  solver: (typeof PLATE_SOLVERS)[number];
  /** Absolute folder of the astrometry.net index files. */
  indexDir: string;
  timeoutSeconds: number;
}

export const DEFAULT_PLATE_SOLVING_CONFIG: PlateSolvingConfig = {
  solver: 'astrometry',
  indexDir: '/usr/share/astrometry',
  timeoutSeconds: 60,
};

/** The daemon's MQTT broker (libs/daemon). */
export interface MqttConfig {
  /** From MQTT_URL; undefined: no MQTT inputs, outputs or Home Assistant discovery. */
  url?: string;
  /** From MQTT_DISCOVERY_PREFIX: where Home Assistant listens for discovery configs. */
  discoveryPrefix?: string;
}

/** Reads and validates the environment once; throws ConfigError naming every bad variable and what it allows. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  const v = CONFIG_VARIABLES;
  const cleaned = cleanEnv(
    env,
    {
      PORT: port({ default: Number(v.PORT.default) }),
      HOST: nonEmpty({ default: v.HOST.default }),
      DATA_DIR: nonEmpty({ default: v.DATA_DIR.default }),
      DATABASE_URL: postgresUrl({ default: undefined }),
      DATABASE_WAIT_SECONDS: seconds0to3600({ default: DEFAULT_DATABASE_LIMITS.waitSeconds }),
      DATABASE_MAX_WAITING: positiveInt({ default: DEFAULT_DATABASE_LIMITS.maxWaiting }),
      LOG_LEVEL: str({ choices: LOG_LEVELS, default: 'info' }),
      UPLOAD_MAX_BYTES: positiveInt({ default: Number(v.UPLOAD_MAX_BYTES.default) }),
      JWT_SECRET: longSecret({ default: undefined }),
      JWT_TTL_SECONDS: positiveInt({ default: DEFAULT_AUTH_CONFIG.jwtTtlSeconds }),
      SECRETS_KEY: hexKey32({ default: undefined }),
      AUTH_TRUST_LOOPBACK: trueFalse({ default: DEFAULT_AUTH_CONFIG.trustLoopback }),
      TRUSTED_PROXIES: addressList({ default: [] }),
      LOGIN_MAX_FAILURES: positiveInt({ default: DEFAULT_AUTH_CONFIG.loginMaxFailures }),
      ALLOWED_HOSTS: hostList({ default: [] }),
      CORS_ORIGINS: originList({ default: [] }),
      AUTH_CACHE_TTL_SECONDS: positiveInt({ default: DEFAULT_AUTH_CONFIG.cacheTtlSeconds }),
      ARCHIVE_SITE_ADMIN_ONLY: trueFalse({ default: DEFAULT_ARCHIVE_CONFIG.siteAdminOnly }),
      ARCHIVE_PAGE_SIZE: positiveInt({ default: DEFAULT_ARCHIVE_CONFIG.pageSize }),
      ARCHIVE_MAX_DECOMPRESSED_BYTES: positiveInt({ default: DEFAULT_ARCHIVE_CONFIG.maxDecompressedBytes }),
      GPIO_DRIVER: str({ choices: GPIO_DRIVERS, default: DEFAULT_HARDWARE_CONFIG.gpioDriver }),
      GPIO_SAFE_STATE: str({ choices: GPIO_SAFE_STATES, default: DEFAULT_HARDWARE_CONFIG.gpioSafeState }),
      ALLSKY_HOME: nonEmpty({ default: undefined }),
      ALLSKY_SERVICE_MANAGER: str({ choices: SERVICE_MANAGERS, default: DEFAULT_HARDWARE_CONFIG.serviceManager }),
      ALLSKY_SERVICE_UNIT: unitName({ default: DEFAULT_HARDWARE_CONFIG.serviceUnit }),
      SYNC_MAX_BYTES: positiveInt({ default: DEFAULT_SYNC_CONFIG.maxBytes }),
      SYNC_REMOTE_URL: httpUrl({ default: undefined }),
      SYNC_REMOTE_USERNAME: nonEmpty({ default: undefined }),
      SYNC_REMOTE_API_KEY: nonEmpty({ default: undefined }),
      SYNC_UPLOAD_WORKERS: workerCount({ default: DEFAULT_SYNC_CONFIG.workers }),
      SYNC_RETRY_MAX_SECONDS: positiveInt({ default: DEFAULT_SYNC_CONFIG.retryMaxSeconds }),
      SYNC_MAX_ATTEMPTS: positiveInt({ default: DEFAULT_SYNC_CONFIG.maxAttempts }),
      SYNC_UPLOAD_ROOTS: pathList({ default: undefined }),
      PLATE_SOLVER: str({ choices: PLATE_SOLVERS, default: DEFAULT_PLATE_SOLVING_CONFIG.solver }),
      ASTROMETRY_INDEX_DIR: nonEmpty({ default: DEFAULT_PLATE_SOLVING_CONFIG.indexDir }),
      PLATE_SOLVE_TIMEOUT_SECONDS: positiveInt({ default: DEFAULT_PLATE_SOLVING_CONFIG.timeoutSeconds }),
      SEQUENCE_LOAD_MAX_BYTES: positiveInt({ default: DEFAULT_SEQUENCER_CONFIG.loadMaxBytes }),
      MQTT_URL: mqttUrl({ default: undefined }),
      MQTT_DISCOVERY_PREFIX: topicPrefix({ default: 'homeassistant' }),
    },
    {
      reporter: ({ errors }) => {
        const names = Object.keys(errors) as ConfigVariable[];
        if (names.length === 0) return;
        throw new ConfigError(
          names.map((name) => {
            const raw = env[name];
            const secret = name === 'JWT_SECRET' || name === 'SECRETS_KEY' || name === 'SYNC_REMOTE_API_KEY' || name === 'MQTT_URL';
            const got = raw === undefined ? 'missing' : secret ? `got a value of ${raw.length} characters` : `got "${raw}"`;
            return `${name}: ${got}; allowed: ${v[name].allowed}`;
          }),
        );
      },
    },
  );
  const dataDir = isAbsolute(cleaned.DATA_DIR) ? cleaned.DATA_DIR : resolve(cwd, cleaned.DATA_DIR);
  return new AppConfig({
    port: cleaned.PORT,
    host: cleaned.HOST,
    dataDir,
    database: cleaned.DATABASE_URL
      ? { kind: 'postgres', url: cleaned.DATABASE_URL }
      : { kind: 'pglite', dataDir: resolve(dataDir, 'pglite') },
    databaseLimits: { waitSeconds: cleaned.DATABASE_WAIT_SECONDS, maxWaiting: cleaned.DATABASE_MAX_WAITING },
    logLevel: cleaned.LOG_LEVEL as LogLevel,
    uploadMaxBytes: cleaned.UPLOAD_MAX_BYTES,
    auth: {
      jwtSecret: cleaned.JWT_SECRET,
      jwtTtlSeconds: cleaned.JWT_TTL_SECONDS,
      secretsKey: cleaned.SECRETS_KEY,
      trustLoopback: cleaned.AUTH_TRUST_LOOPBACK,
      trustedProxies: cleaned.TRUSTED_PROXIES,
      loginMaxFailures: cleaned.LOGIN_MAX_FAILURES,
      allowedHosts: cleaned.ALLOWED_HOSTS,
      corsOrigins: cleaned.CORS_ORIGINS,
      cacheTtlSeconds: cleaned.AUTH_CACHE_TTL_SECONDS,
    },
    archive: {
      siteAdminOnly: cleaned.ARCHIVE_SITE_ADMIN_ONLY,
      pageSize: cleaned.ARCHIVE_PAGE_SIZE,
      maxDecompressedBytes: cleaned.ARCHIVE_MAX_DECOMPRESSED_BYTES,
    },
    hardware: {
      gpioDriver: cleaned.GPIO_DRIVER,
      gpioSafeState: cleaned.GPIO_SAFE_STATE,
      allskyHome: cleaned.ALLSKY_HOME && (isAbsolute(cleaned.ALLSKY_HOME) ? cleaned.ALLSKY_HOME : resolve(cwd, cleaned.ALLSKY_HOME)),
      serviceManager: cleaned.ALLSKY_SERVICE_MANAGER,
      serviceUnit: cleaned.ALLSKY_SERVICE_UNIT,
    },
    sync: {
      maxBytes: cleaned.SYNC_MAX_BYTES,
      remoteUrl: cleaned.SYNC_REMOTE_URL,
      remoteUsername: cleaned.SYNC_REMOTE_USERNAME,
      remoteApiKey: cleaned.SYNC_REMOTE_API_KEY,
      workers: cleaned.SYNC_UPLOAD_WORKERS,
      retryMaxSeconds: cleaned.SYNC_RETRY_MAX_SECONDS,
      maxAttempts: cleaned.SYNC_MAX_ATTEMPTS,
      uploadRoots: cleaned.SYNC_UPLOAD_ROOTS?.map((root) => resolve(cwd, root)),
    },
    plateSolving: {
      solver: cleaned.PLATE_SOLVER,
      indexDir: resolve(cwd, cleaned.ASTROMETRY_INDEX_DIR),
      timeoutSeconds: cleaned.PLATE_SOLVE_TIMEOUT_SECONDS,
    },
    mqtt: { url: cleaned.MQTT_URL, discoveryPrefix: cleaned.MQTT_DISCOVERY_PREFIX },
    sequencer: { loadMaxBytes: cleaned.SEQUENCE_LOAD_MAX_BYTES },
  });
}
