import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, buildOpenApiDocument, serializeOpenApi } from '@app/core';
import type { DestinationStream } from 'pino';
import { createApp } from '../../../skygate/src/bootstrap';

export const OPENAPI_PATH = 'openapi/skygate.openapi.json';

const silent: DestinationStream = { write: () => undefined };

/**
 * The contract as the code declares it, produced without opening a port or a database, with a
 * fixed configuration so the result depends on the code alone.
 */
export async function generateOpenApi(version?: string): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'skygate-openapi-'));
  try {
    const config = new AppConfig({
      port: 8090,
      host: '127.0.0.1',
      dataDir,
      database: { kind: 'pglite', dataDir: 'memory://' },
      logLevel: 'silent',
      uploadMaxBytes: 16 * 1024 ** 3,
      version,
    });
    // Not initialised: no lifecycle hook runs, so no module touches the database or hardware.
    const app = await createApp({ config, connectDatabase: false, logDestination: silent });
    try {
      return serializeOpenApi(buildOpenApiDocument(app, config.version));
    } finally {
      await app.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function writeOpenApi(path = OPENAPI_PATH): Promise<void> {
  await writeFile(path, await generateOpenApi());
  process.stdout.write(`wrote ${path}\n`);
}
