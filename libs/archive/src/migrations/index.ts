import { ArchiveInit1795420000000 } from './1795420000000-archive-init';
import { ArchiveAllskyImageUnique1795520000000 } from './1795520000000-archive-allsky-image-unique';
import { ArchiveOwnership1795520000100 } from './1795520000100-archive-ownership';
import { ArchiveOrganisations1795520000200 } from './1795520000200-archive-organisations';
import { ArchiveTargets1796100000000 } from './1796100000000-archive-targets';

export const ARCHIVE_MIGRATIONS = [ArchiveInit1795420000000, ArchiveAllskyImageUnique1795520000000, ArchiveOwnership1795520000100, ArchiveOrganisations1795520000200, ArchiveTargets1796100000000];
