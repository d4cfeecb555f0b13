import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, favourMemoryOverSpeed, loadConfig, type AppConfig } from '@app/core';
import { createApp } from './bootstrap';

const EX_CONFIG = 78; // sysexits.h: configuration error

function configOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`skygate: ${err.message}\n`);
    process.exit(EX_CONFIG);
  }
}

async function main(): Promise<void> {
  favourMemoryOverSpeed();
  const config = configOrExit();
  const app = await createApp({ config });
  await app.listen(config.port, config.host);
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  new Logger('Skygate').log(`Skygate ${config.version} listening on http://${shown}:${config.port} (Swagger UI at /api)`);
}

main().catch((err: unknown) => {
  process.stderr.write(`skygate: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
