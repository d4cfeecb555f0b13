import { ARCHIVE_MIGRATIONS } from '@app/archive';
import { ALLSKY_MIGRATIONS } from '@app/allsky';
import { AUTH_MIGRATIONS } from '@app/auth';
import type { MigrationList } from '@app/core';
import { GPIO_MIGRATIONS } from '@app/gpio';
import { SYNC_API_MIGRATIONS } from '@app/sync-api';
import { EQUIPMENT_MIGRATIONS } from '@app/equipment';
import { DAEMON_MIGRATIONS } from '@app/daemon';
import { SEQUENCER_MIGRATIONS } from '@app/sequencer';

/**
 * Every module's migrations, in the order they must run. Each lib exports its own list; the
 * server and `skygate-cli migrate` both read this one, so PGlite and PostgreSQL get the same schema.
 */
export const MIGRATIONS: MigrationList = [
  ...AUTH_MIGRATIONS,
  ...GPIO_MIGRATIONS,
  ...ALLSKY_MIGRATIONS,
  ...ARCHIVE_MIGRATIONS,
  ...SYNC_API_MIGRATIONS,
  ...EQUIPMENT_MIGRATIONS,
  ...DAEMON_MIGRATIONS,
  ...SEQUENCER_MIGRATIONS,
];
