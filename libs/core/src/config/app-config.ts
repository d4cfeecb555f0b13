import { isAbsolute, resolve } from 'node:path';
import { cleanEnv, makeValidator, port, str } from 'envalid';
import { readPackageVersion } from './package-version';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export type DatabaseConfig =
  | { kind: 'pglite'; /** a folder, or 'memory://' for a throwaway database */ dataDir: string }
  | { kind: 'postgres'; url: string };

/** Every environment variable Skygate reads, with what it accepts. README documents each one (a test checks). */
export const CONFIG_VARIABLES = {
  PORT: { default: '8090', allowed: 'an integer 1-65535', description: 'TCP port of the HTTP server (the Allsky Server port)' },
  HOST: { default: '0.0.0.0', allowed: 'an IPv4/IPv6 address or host name', description: 'Bind address of the HTTP server' },
  DATA_DIR: { default: './data', allowed: 'a folder path', description: 'Embedded database, uploads, captures, generated secrets' },
  DATABASE_URL: { default: '(unset: embedded PGlite)', allowed: 'postgres://user:pass@host:port/db or postgresql://...', description: 'PostgreSQL connection; unset uses the embedded PGlite database in DATA_DIR/pglite' },
  LOG_LEVEL: { default: 'info', allowed: LOG_LEVELS.join(', '), description: 'Minimum level of the JSON (pino) log written to stdout' },
  UPLOAD_MAX_BYTES: { default: String(16 * 1024 ** 3), allowed: 'a positive integer (bytes)', description: 'Largest file the file store accepts in one upload' },
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
  readonly logLevel: LogLevel;
  readonly uploadMaxBytes: number;
  readonly version: string;

  constructor(values: Omit<AppConfig, 'version'> & { version?: string }) {
    Object.assign(this, values);
    this.version = values.version ?? readPackageVersion();
  }
}

const postgresUrl = makeValidator<string>((input) => {
  if (!/^postgres(ql)?:\/\/[^\s]+$/.test(input)) throw new Error(`"${input}" is not a postgres:// URL`);
  try {
    new URL(input);
  } catch {
    throw new Error('not a valid URL');
  }
  return input;
});

const positiveInt = makeValidator<number>((input) => {
  if (!/^\d+$/.test(input.trim()) || Number(input) <= 0) throw new Error(`"${input}" is not a positive integer`);
  return Number(input);
});

const nonEmpty = makeValidator<string>((input) => {
  if (input.trim() === '') throw new Error('must not be empty');
  return input.trim();
});

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
      LOG_LEVEL: str({ choices: LOG_LEVELS, default: 'info' }),
      UPLOAD_MAX_BYTES: positiveInt({ default: Number(v.UPLOAD_MAX_BYTES.default) }),
    },
    {
      reporter: ({ errors }) => {
        const names = Object.keys(errors) as ConfigVariable[];
        if (names.length === 0) return;
        throw new ConfigError(
          names.map((name) => {
            const raw = env[name];
            const got = raw === undefined ? 'missing' : `got "${raw}"`;
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
    logLevel: cleaned.LOG_LEVEL as LogLevel,
    uploadMaxBytes: cleaned.UPLOAD_MAX_BYTES,
  });
}
