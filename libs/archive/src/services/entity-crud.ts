import { NotFoundException } from '@nestjs/common';
import type { DeepPartial, FindOptionsOrder, FindOptionsWhere, ObjectLiteral, Repository } from 'typeorm';
import { NOT_FOUND } from '../http/arcsecond-errors';

export interface Page<E> {
  items: E[];
  total: number;
  /** The page asked for; undefined means "every match". */
  page?: number;
  pageSize: number;
}

/** The list/get/create/patch/delete every archive resource shares. */
export class EntityCrud<E extends ObjectLiteral> {
  constructor(
    readonly repo: Repository<E>,
    private readonly idKey: keyof E & string,
    private readonly pageSize: number,
    private readonly order: FindOptionsOrder<E>,
  ) {}

  /** Every match without `page`; one page of them with it. */
  async list(where: FindOptionsWhere<E>, page?: number): Promise<Page<E>> {
    if (page === undefined) {
      const items = await this.repo.find({ where, order: this.order });
      return { items, total: items.length, pageSize: this.pageSize };
    }
    const [items, total] = await this.repo.findAndCount({ where, order: this.order, skip: (page - 1) * this.pageSize, take: this.pageSize });
    return { items, total, page, pageSize: this.pageSize };
  }

  async get(id: E[keyof E]): Promise<E> {
    const found = await this.repo.findOneBy({ [this.idKey]: id } as FindOptionsWhere<E>);
    if (!found) throw new NotFoundException({ detail: NOT_FOUND });
    return found;
  }

  async exists(id: E[keyof E]): Promise<boolean> {
    return this.repo.existsBy({ [this.idKey]: id } as FindOptionsWhere<E>);
  }

  create(values: DeepPartial<E>): Promise<E> {
    return this.repo.save(this.repo.create(values));
  }

  async patch(id: E[keyof E], values: DeepPartial<E>): Promise<E> {
    const entity = await this.get(id);
    const defined = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
    return this.repo.save(this.repo.merge(entity, defined as DeepPartial<E>));
  }

  async remove(id: E[keyof E]): Promise<E> {
    const entity = await this.get(id);
    await this.repo.delete({ [this.idKey]: id } as FindOptionsWhere<E>);
    return entity;
  }
}
