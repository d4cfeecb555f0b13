import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { FunctionCreateDto, FunctionDetailDto, FunctionListDto, FunctionUpdateDto } from '../dtos/functions.dto';
import { toFunctionDevice } from '../dtos/mappers';
import { FunctionEntity } from '../entities/function.entity';
import { notFound, unprocessable } from '../http/mycodo-http';
import { isUuid } from '../runtime/daemon-state';
import { actionProblem, conditionProblem, type FunctionAction, type FunctionCondition } from './function-rules';

const checked = <T>(items: Record<string, unknown>[], problem: (x: Record<string, unknown>) => string | null, what: string): T[] => {
  items.forEach((item, index) => {
    const wrong = problem(item);
    if (wrong) throw unprocessable(`${what} ${index}: ${wrong}`);
  });
  return items as T[];
};

/** Conditional functions as Mycodo's API shows them, and their settings, conditions and actions (Skygate extension). */
@Injectable()
export class FunctionsService {
  constructor(@InjectRepository(FunctionEntity) private readonly functions: Repository<FunctionEntity>) {}

  async list(): Promise<FunctionListDto> {
    return { 'function settings': (await this.functions.find({ order: { id: 'ASC' } })).map(toFunctionDevice), 'function channels': [] };
  }

  async detail(id: string): Promise<FunctionDetailDto> {
    return { 'function settings': toFunctionDevice(await this.get(id)), 'function channels': [], 'device measurements': [] };
  }

  async get(id: string): Promise<FunctionEntity> {
    const fn = await this.findBy(id);
    if (!fn) throw notFound('Function', id);
    return fn;
  }

  findBy(id: string): Promise<FunctionEntity | null> {
    return isUuid(id) ? this.functions.findOneBy({ unique_id: id }) : Promise.resolve(null);
  }

  activated(): Promise<FunctionEntity[]> {
    return this.functions.find({ where: { is_activated: true }, order: { id: 'ASC' } });
  }

  async setActivated(id: string, active: boolean): Promise<void> {
    await this.functions.update({ unique_id: id }, { is_activated: active });
  }

  create(body: FunctionCreateDto): Promise<FunctionEntity> {
    return this.functions.save(
      this.functions.create({
        name: body.name,
        period: body.period ?? 30,
        conditions: checked<FunctionCondition>(body.conditions ?? [], conditionProblem, 'condition'),
        actions: checked<FunctionAction>(body.actions ?? [], actionProblem, 'action'),
        is_activated: false,
      }),
    );
  }

  async update(id: string, body: FunctionUpdateDto): Promise<FunctionEntity> {
    const fn = await this.get(id);
    if (body.name !== undefined) fn.name = body.name;
    if (body.period !== undefined) fn.period = body.period;
    if (body.conditions) fn.conditions = checked<FunctionCondition>(body.conditions, conditionProblem, 'condition');
    if (body.actions) fn.actions = checked<FunctionAction>(body.actions, actionProblem, 'action');
    return this.functions.save(fn);
  }

  async addRule(id: string, kind: 'conditions' | 'actions', rule: Record<string, unknown>): Promise<FunctionEntity> {
    const fn = await this.get(id);
    if (kind === 'conditions') fn.conditions = [...fn.conditions, ...checked<FunctionCondition>([rule], conditionProblem, 'condition')];
    else fn.actions = [...fn.actions, ...checked<FunctionAction>([rule], actionProblem, 'action')];
    return this.functions.save(fn);
  }

  async removeRule(id: string, kind: 'conditions' | 'actions', index: number): Promise<FunctionEntity> {
    const fn = await this.get(id);
    const list: unknown[] = fn[kind];
    if (!Number.isInteger(index) || index < 0 || index >= list.length) throw notFound(kind === 'conditions' ? 'Condition' : 'Action', String(index));
    list.splice(index, 1);
    return this.functions.save(fn);
  }

  unknownKind(kind: string) {
    return notFound('Function part', kind);
  }

  async delete(id: string): Promise<void> {
    await this.get(id);
    await this.functions.delete({ unique_id: id });
  }
}
