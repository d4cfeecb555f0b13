import { Injectable } from '@nestjs/common';
import type { FindOptionsWhere } from 'typeorm';
import type { CreateTargetDto, TargetDto, TargetQueryDto, UpdateTargetDto } from '../dtos/target.dto';
import type { TargetEntity } from '../entities/target.entities';
import { fieldError } from '../http/arcsecond-errors';
import type { ArchiveCaller } from '../http/portal';
import { byName, type Page } from '../repositories/archive-repository';
import { TargetRepository } from '../repositories/target.repositories';
import { ArchiveVisibility, type Ownership } from './archive-visibility';
import { OwnerNames } from './owner-names';

/** The columns a target payload sets; undefined leaves a column as it is. */
function columnsOf(dto: UpdateTargetDto): Partial<TargetEntity> {
  const coordinates = dto.coordinates ?? dto.object?.equatorial_coordinates;
  return {
    name: dto.name ?? dto.object?.name,
    identifier: dto.identifier,
    targetClass: dto.target_class,
    mode: dto.mode,
    color: dto.color,
    notes: dto.notes,
    tags: dto.tags,
    rightAscension: coordinates?.right_ascension,
    declination: coordinates?.declination,
  };
}

/** Targets (Arcsecond's integer ids), owned like datasets through ArchiveVisibility; never public. */
@Injectable()
export class TargetsService {
  constructor(
    private readonly targets: TargetRepository,
    private readonly visibility: ArchiveVisibility,
    private readonly names: OwnerNames,
  ) {}

  async list(p: ArchiveCaller, q: TargetQueryDto): Promise<Page<TargetEntity>> {
    const where: FindOptionsWhere<TargetEntity> = { ...byName(q) };
    if (q.target_class) where.targetClass = q.target_class;
    if (q.identifier !== undefined) where.identifier = q.identifier;
    return this.targets.list(where, q, await this.visibility.readable(p, 'never'));
  }

  async get(p: ArchiveCaller, id: number): Promise<TargetEntity> {
    return this.targets.get(id, await this.visibility.readable(p, 'never'));
  }

  async create(p: ArchiveCaller, dto: CreateTargetDto): Promise<TargetEntity> {
    return this.createIn(await this.visibility.ownershipFor(p), dto);
  }

  /** A new target in a given space (a target list's new members go to the list's). */
  createIn(ownership: Ownership, dto: CreateTargetDto): Promise<TargetEntity> {
    const columns = columnsOf(dto);
    if (!columns.name && !dto.identifier) throw fieldError('non_field_errors', 'One of name or identifier must be provided.');
    const manual = dto.object?.equatorial_coordinates || dto.coordinates;
    return this.targets.create({ ...columns, mode: dto.mode ?? (manual ? 'manual' : ''), targetClass: dto.target_class ?? (manual ? 'AstronomicalObject' : null), ...ownership });
  }

  async update(p: ArchiveCaller, id: number, dto: UpdateTargetDto): Promise<TargetEntity> {
    const scope = await this.visibility.writable(this.targets, id, p, 'never');
    return this.targets.patch(id, columnsOf(dto), scope);
  }

  async remove(p: ArchiveCaller, id: number): Promise<void> {
    await this.targets.remove(id, await this.visibility.writable(this.targets, id, p, 'never'));
  }

  /** Existing targets the caller may put in a list, by id; an id it cannot see is a field error. */
  async visibleByIds(p: ArchiveCaller, ids: number[]): Promise<Map<number, TargetEntity>> {
    const scope = await this.visibility.readable<TargetEntity>(p, 'never');
    const found = new Map<number, TargetEntity>();
    for (const id of new Set(ids)) {
      const target = await this.targets.find(id, scope);
      if (!target) throw fieldError('targets', `Invalid pk "${id}" - object does not exist.`);
      found.set(id, target);
    }
    return found;
  }

  byIds(ids: number[]): Promise<TargetEntity[]> {
    return this.targets.byIds(ids);
  }

  async present(items: TargetEntity[]): Promise<TargetDto[]> {
    const nameOf = await this.names.of(items);
    return items.map((t) => ({
      id: t.id,
      pk: t.id,
      name: t.name,
      identifier: t.identifier,
      target_class: t.targetClass,
      mode: t.mode,
      color: t.color,
      notes: t.notes,
      tags: t.tags,
      coordinates: t.rightAscension === null || t.declination === null ? null : { right_ascension: t.rightAscension, declination: t.declination },
      ...nameOf(t),
    }));
  }
}
