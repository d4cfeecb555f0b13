import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, favourMemoryOverSpeed, favourSpeedOnceStarted, loadConfig, type AppConfig } from '@app/core';
import { createApp } from './bootstrap';
import { dashboardBuilt } from './dashboard-static';

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
  favourSpeedOnceStarted();
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const base = `http://${shown.includes(':') ? `[${shown}]` : shown}:${config.port}`;
  const logger = new Logger('Skygate');
  logger.log(`Skygate ${config.version} listening on ${base}`);
  if (dashboardBuilt()) logger.log(`Dashboard:  ${base}/`);
  else logger.warn('Dashboard not built (npm run build builds it); only the API is served');
  logger.log(`Swagger UI: ${base}/api`);
}

main().catch((err: unknown) => {
  process.stderr.write(`skygate: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
