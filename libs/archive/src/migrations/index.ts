import { ArchiveInit1795420000000 } from './1795420000000-archive-init';

export const ARCHIVE_MIGRATIONS = [ArchiveInit1795420000000];
