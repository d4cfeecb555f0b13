import { Injectable } from '@nestjs/common';
import type { CreateTargetListDto, TargetListDto, TargetRefDto, UpdateTargetListDto } from '../dtos/target.dto';
import type { NamedQueryDto } from '../dtos/data.dto';
import type { TargetListEntity } from '../entities/target.entities';
import { fieldError } from '../http/arcsecond-errors';
import type { ArchiveCaller } from '../http/portal';
import { byName, type Page } from '../repositories/archive-repository';
import { TargetListItemRepository, TargetListRepository } from '../repositories/target.repositories';
import { ArchiveVisibility, type Ownership } from './archive-visibility';
import { OwnerNames } from './owner-names';
import { TargetsService } from './targets.service';

/**
 * Target lists (UUIDs) and the targets they hold in order. `targets` on create or PATCH replaces
 * the whole list, as the client library's set/add/remove helpers expect: each entry is an existing
 * target by `id`/`pk` the caller sees, or a target payload that is created in the list's space.
 */
@Injectable()
export class TargetListsService {
  constructor(
    private readonly lists: TargetListRepository,
    private readonly items: TargetListItemRepository,
    private readonly targets: TargetsService,
    private readonly visibility: ArchiveVisibility,
    private readonly names: OwnerNames,
  ) {}

  async list(p: ArchiveCaller, q: NamedQueryDto): Promise<Page<TargetListEntity>> {
    return this.lists.list(byName(q), q, await this.visibility.readable(p, 'never'));
  }

  async get(p: ArchiveCaller, uuid: string): Promise<TargetListEntity> {
    return this.lists.get(uuid, await this.visibility.readable(p, 'never'));
  }

  async create(p: ArchiveCaller, dto: CreateTargetListDto): Promise<TargetListEntity> {
    const ownership = await this.visibility.ownershipFor(p);
    const ids = dto.targets ? await this.resolve(p, ownership, dto.targets) : [];
    const list = await this.lists.create({ name: dto.name, description: dto.description ?? '', ...ownership });
    await this.items.replace(list.uuid, ids);
    return list;
  }

  async update(p: ArchiveCaller, uuid: string, dto: UpdateTargetListDto): Promise<TargetListEntity> {
    const scope = await this.visibility.writable(this.lists, uuid, p, 'never');
    const list = await this.lists.get(uuid, scope);
    if (dto.targets) await this.items.replace(uuid, await this.resolve(p, this.visibility.ownershipOf(list), dto.targets));
    return this.lists.patch(uuid, { name: dto.name, description: dto.description }, scope);
  }

  async remove(p: ArchiveCaller, uuid: string): Promise<void> {
    await this.lists.remove(uuid, await this.visibility.writable(this.lists, uuid, p, 'never'));
  }

  async present(lists: TargetListEntity[]): Promise<TargetListDto[]> {
    const ids = await this.items.ofLists(lists.map((l) => l.uuid));
    const targets = new Map((await this.targets.present(await this.targets.byIds([...new Set([...ids.values()].flat())]))).map((t) => [t.id, t]));
    const nameOf = await this.names.of(lists);
    return lists.map((l) => ({ uuid: l.uuid, name: l.name, description: l.description, targets: ids.get(l.uuid)!.map((id) => targets.get(id)!), ...nameOf(l) }));
  }

  /** The target ids of the entries, in order, each once: existing ones checked, new ones created (after every check passed). */
  private async resolve(p: ArchiveCaller, ownership: Ownership, refs: TargetRefDto[]): Promise<number[]> {
    const idOf = (r: TargetRefDto) => r.id ?? r.pk;
    await this.targets.visibleByIds(p, refs.map(idOf).filter((id): id is number => id !== undefined));
    if (refs.some((r) => idOf(r) === undefined && !(r.name ?? r.object?.name) && !r.identifier)) throw fieldError('targets', 'One of name or identifier must be provided for each new target.');
    const out: number[] = [];
    for (const ref of refs) {
      const id = idOf(ref) ?? (await this.targets.createIn(ownership, ref)).id;
      if (!out.includes(id)) out.push(id);
    }
    return out;
  }
}
