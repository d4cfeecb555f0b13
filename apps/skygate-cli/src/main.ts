import 'reflect-metadata';
import { Command } from 'commander';
import { ConfigError, loadConfig, readPackageVersion } from '@app/core';
import { migrate } from './commands/migrate';
import { OPENAPI_PATH, writeOpenApi } from './commands/openapi';

const program = new Command('skygate-cli').description('Skygate administration').version(readPackageVersion());

program
  .command('migrate')
  .description('apply pending database migrations (DATABASE_URL, or the embedded database in DATA_DIR)')
  .action(async () => {
    await migrate(loadConfig());
  });

program
  .command('openapi')
  .description('write the OpenAPI document the code declares (no port, no database)')
  .option('-o, --out <file>', 'output file', OPENAPI_PATH)
  .action(async (opts: { out: string }) => {
    await writeOpenApi(opts.out);
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`skygate-cli: ${err instanceof ConfigError ? err.message : err instanceof Error ? err.message : String(err)}\n`);
  process.exit(err instanceof ConfigError ? 78 : 1);
});
