import { Injectable, NotFoundException, type Type } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { And, Equal, FindOperator, type DeepPartial, type FindOptionsOrder, type FindOptionsWhere, type ObjectLiteral, type Repository } from 'typeorm';
import { AppConfig } from '@app/core';
import { NOT_FOUND } from '../http/arcsecond-errors';
import { pageWindow, type PageRequest } from '../http/list-shape';

/**
 * What a caller may see of a table, as OR-ed `where` branches (ArchiveVisibility builds it);
 * absent means every row (the server's own lookups).
 */
export type Scope<E> = FindOptionsWhere<E>[];

export interface Page<E> {
  items: E[];
  total: number;
  /** The page asked for; undefined means "every match". */
  page?: number;
  pageSize: number;
}

/** The `where` of a `?name=` filter (exact, as the client library's `find_one(name=…)` expects). */
export function byName(q: { name?: string }): { name?: string } {
  return q.name === undefined ? {} : { name: q.name };
}

const asOperator = (value: unknown): FindOperator<unknown> => (value instanceof FindOperator ? value : Equal(value));

/** The list/get/create/patch/delete every archive table shares; the TypeORM access stays in here and in subclasses. */
export abstract class ArchiveRepository<E extends ObjectLiteral> {
  protected constructor(
    protected readonly repo: Repository<E>,
    private readonly idKey: keyof E & string,
    private readonly pageSize: number,
    private readonly order: FindOptionsOrder<E>,
  ) {}

  /** Every match without `page` or `page_size`; one page of them with either (the first page when only the size is given). */
  async list(filter: FindOptionsWhere<E>, request: PageRequest = {}, scope?: Scope<E>): Promise<Page<E>> {
    const where = this.scoped(filter, scope);
    const window = pageWindow(request, this.pageSize);
    if (!window) {
      const items = await this.repo.find({ where, order: this.order });
      return { items, total: items.length, pageSize: this.pageSize };
    }
    const { page, pageSize } = window;
    const [items, total] = await this.repo.findAndCount({ where, order: this.order, skip: (page - 1) * pageSize, take: pageSize });
    return { items, total, page, pageSize };
  }

  /** The row, or Arcsecond's 404 `{"detail": "Not found."}` (also for a row outside the scope). */
  async get(id: E[keyof E], scope?: Scope<E>): Promise<E> {
    const found = await this.find(id, scope);
    if (!found) throw new NotFoundException({ detail: NOT_FOUND });
    return found;
  }

  find(id: E[keyof E], scope?: Scope<E>): Promise<E | null> {
    return this.repo.findOneBy(this.scoped(this.byId(id), scope));
  }

  exists(id: E[keyof E], scope?: Scope<E>): Promise<boolean> {
    return this.repo.existsBy(this.scoped(this.byId(id), scope));
  }

  create(values: DeepPartial<E>): Promise<E> {
    return this.repo.save(this.repo.create(values));
  }

  /** Changes the fields given (undefined leaves a field as it is). */
  async patch(id: E[keyof E], values: DeepPartial<E>, scope?: Scope<E>): Promise<E> {
    const entity = await this.get(id, scope);
    const defined = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
    return this.repo.save(this.repo.merge(entity, defined as DeepPartial<E>));
  }

  /** Deletes the row and answers it as it was (its files are the caller's to remove). */
  async remove(id: E[keyof E], scope?: Scope<E>): Promise<E> {
    const entity = await this.get(id, scope);
    await this.repo.delete(this.byId(id));
    return entity;
  }

  /** The filter within the scope: one branch per way of seeing a row (a column both name must satisfy both). */
  protected scoped(filter: FindOptionsWhere<E>, scope?: Scope<E>): FindOptionsWhere<E> | FindOptionsWhere<E>[] {
    if (!scope) return filter;
    return scope.map((branch) => {
      const merged: Record<string, unknown> = { ...filter };
      for (const [key, value] of Object.entries(branch)) merged[key] = key in merged ? And(asOperator(merged[key]), asOperator(value)) : value;
      return merged as FindOptionsWhere<E>;
    });
  }

  private byId(id: E[keyof E]): FindOptionsWhere<E> {
    return { [this.idKey]: id } as FindOptionsWhere<E>;
  }
}

/**
 * The injectable ArchiveRepository of one entity: its TypeORM repository and the archive page
 * size are injected. Subclasses add the queries only that table needs.
 */
export function archiveRepositoryOf<E extends ObjectLiteral>(entity: Type<E>, idKey: keyof E & string, order: FindOptionsOrder<E>): Type<ArchiveRepository<E>> {
  @Injectable()
  class EntityRepository extends ArchiveRepository<E> {
    constructor(@InjectRepository(entity) repo: Repository<E>, config: AppConfig) {
      super(repo, idKey, config.archive.pageSize, order);
    }
  }
  return EntityRepository;
}
