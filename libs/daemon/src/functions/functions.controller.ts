import { Body, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import { RequirePermission } from '@app/auth';
import { FunctionCreateDto, FunctionDetailDto, FunctionListDto, FunctionRuleDto, FunctionUpdateDto } from '../dtos/functions.dto';
import { ApiMycodoNotFound, MycodoController } from '../http/mycodo-http';
import { DaemonRuntime } from '../runtime/daemon-runtime.service';
import { FunctionsService } from './functions.service';

const RULE_KIND = { name: 'kind', enum: ['conditions', 'actions'] };

@MycodoController('functions', 'daemon: functions')
export class FunctionsController {
  constructor(
    private readonly functions: FunctionsService,
    private readonly runtime: DaemonRuntime,
  ) {}

  @Get()
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: 'Show all functions' })
  @ApiOkResponse({ type: FunctionListDto })
  getFunctions(): Promise<FunctionListDto> {
    return this.functions.list();
  }

  @Get(':unique_id')
  @RequirePermission('daemon', 'read')
  @ApiOperation({ summary: 'Show a function (its period, conditions and actions are in custom_options)' })
  @ApiOkResponse({ type: FunctionDetailDto })
  @ApiMycodoNotFound('function')
  getFunction(@Param('unique_id') id: string): Promise<FunctionDetailDto> {
    return this.functions.detail(id);
  }

  @Post()
  @RequirePermission('daemon', 'update')
  @ApiOperation({ summary: 'Skygate extension: create a conditional function (activate it with POST /api/controllers/{unique_id})' })
  @ApiCreatedResponse({ type: FunctionDetailDto })
  async createFunction(@Body() body: FunctionCreateDto): Promise<FunctionDetailDto> {
    return this.functions.detail((await this.functions.create(body)).unique_id);
  }

  @Patch(':unique_id')
  @RequirePermission('daemon', 'update')
  @ApiOperation({ summary: 'Skygate extension: change a function; given conditions or actions replace the old ones' })
  @ApiOkResponse({ type: FunctionDetailDto })
  @ApiMycodoNotFound('function')
  async updateFunction(@Param('unique_id') id: string, @Body() body: FunctionUpdateDto): Promise<FunctionDetailDto> {
    await this.functions.update(id, body);
    return this.functions.detail(id);
  }

  @Delete(':unique_id')
  @HttpCode(204)
  @RequirePermission('daemon', 'update')
  @ApiOperation({ summary: 'Skygate extension: stop and delete a function' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiMycodoNotFound('function')
  async deleteFunction(@Param('unique_id') id: string): Promise<void> {
    await this.functions.get(id);
    if (this.runtime.isActive(id)) await this.runtime.deactivate(id);
    await this.functions.delete(id);
  }

  @Post(':unique_id/:kind')
  @RequirePermission('daemon', 'update')
  @ApiOperation({ summary: 'Skygate extension: append a condition or an action to a function' })
  @ApiParam(RULE_KIND)
  @ApiCreatedResponse({ type: FunctionDetailDto })
  @ApiMycodoNotFound('function')
  async addFunctionRule(@Param('unique_id') id: string, @Param('kind') kind: string, @Body() body: FunctionRuleDto): Promise<FunctionDetailDto> {
    await this.functions.addRule(id, this.kindOf(kind), body.rule);
    return this.functions.detail(id);
  }

  @Delete(':unique_id/:kind/:index')
  @RequirePermission('daemon', 'update')
  @ApiOperation({ summary: 'Skygate extension: remove a condition or an action (by its position, from 0)' })
  @ApiParam(RULE_KIND)
  @ApiOkResponse({ type: FunctionDetailDto })
  @ApiMycodoNotFound('function, condition or action')
  async removeFunctionRule(@Param('unique_id') id: string, @Param('kind') kind: string, @Param('index', ParseIntPipe) index: number): Promise<FunctionDetailDto> {
    await this.functions.removeRule(id, this.kindOf(kind), index);
    return this.functions.detail(id);
  }

  private kindOf(kind: string): 'conditions' | 'actions' {
    if (kind !== 'conditions' && kind !== 'actions') throw this.functions.unknownKind(kind);
    return kind;
  }
}
