import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { TargetEntity, TargetListEntity, TargetListItemEntity } from '../entities/target.entities';
import { archiveRepositoryOf } from './archive-repository';

@Injectable()
export class TargetRepository extends archiveRepositoryOf(TargetEntity, 'id', { id: 'ASC' }) {
  byIds(ids: number[]): Promise<TargetEntity[]> {
    return ids.length ? this.repo.findBy({ id: In(ids) }) : Promise.resolve([]);
  }
}

@Injectable()
export class TargetListRepository extends archiveRepositoryOf(TargetListEntity, 'uuid', { createdAt: 'ASC' }) {}

/** Which targets a list holds, in order. */
@Injectable()
export class TargetListItemRepository {
  constructor(@InjectRepository(TargetListItemEntity) private readonly repo: Repository<TargetListItemEntity>) {}

  /** Replaces the list's targets with these, in this order, in one transaction. */
  async replace(targetList: string, targets: number[]): Promise<void> {
    await this.repo.manager.transaction(async (m) => {
      await m.delete(TargetListItemEntity, { targetList });
      if (targets.length) await m.insert(TargetListItemEntity, targets.map((target, position) => ({ targetList, target, position })));
    });
  }

  /** The target ids of each list, in order. */
  async ofLists(lists: string[]): Promise<Map<string, number[]>> {
    const out = new Map<string, number[]>(lists.map((l) => [l, []]));
    if (!lists.length) return out;
    for (const item of await this.repo.find({ where: { targetList: In(lists) }, order: { position: 'ASC' } })) out.get(item.targetList)!.push(item.target);
    return out;
  }
}
