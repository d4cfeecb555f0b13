import { ArchiveInit1795400000000 } from './1795400000000-archive-init';

export const ARCHIVE_MIGRATIONS = [ArchiveInit1795400000000];
