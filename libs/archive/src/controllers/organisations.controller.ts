import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AppConfig } from '@app/core';
import { CurrentPrincipal, RequirePermission, type Principal } from '@app/auth';
import { AddMemberDto, CreateOrganisationDto, MemberDto, OrganisationDto } from '../dtos/organisation.dto';
import { PageQueryDto } from '../dtos/data.dto';
import type { OrganisationEntity } from '../entities/organisation.entities';
import { ApiArcsecondList, pageOf, shapeList, type ArcsecondList } from '../http/list-shape';
import { OrganisationsService } from '../services/organisations.service';
import { ArcsecondController } from './arcsecond-controller';

const toOrganisationDto = (o: OrganisationEntity): OrganisationDto => ({ uuid: o.uuid, subdomain: o.subdomain, name: o.name });

/** `organisations/`: Arcsecond's portals, never prefixed by a portal themselves. */
@ArcsecondController()
@Controller('organisations')
export class OrganisationsController {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @RequirePermission('archive', 'read')
  @ApiOperation({ summary: 'List the organisations the caller belongs to (administrators: all)' })
  @ApiArcsecondList(OrganisationDto)
  async listOrganisations(@CurrentPrincipal() p: Principal, @Query() q: PageQueryDto): Promise<ArcsecondList<OrganisationDto>> {
    return shapeList(pageOf(await this.organisations.list(p), q, this.config.archive.pageSize), (items) => items.map(toOrganisationDto), '/organisations/', q);
  }

  @Get(':subdomain')
  @RequirePermission('archive', 'read', { upload: true })
  @ApiOperation({ summary: 'Get an organisation by subdomain (the upload CLI reads it first; an upload key may)' })
  @ApiOkResponse({ type: OrganisationDto })
  async getOrganisation(@Param('subdomain') subdomain: string): Promise<OrganisationDto> {
    return toOrganisationDto(await this.organisations.get(subdomain));
  }

  @Post()
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: 'Create an organisation (administrators); its creator becomes its owner' })
  @ApiCreatedResponse({ type: OrganisationDto })
  async createOrganisation(@CurrentPrincipal() p: Principal, @Body() dto: CreateOrganisationDto): Promise<OrganisationDto> {
    return toOrganisationDto(await this.organisations.create(p, dto));
  }

  @Get(':subdomain/members')
  @RequirePermission('archive', 'read')
  @ApiOperation({ summary: "List an organisation's members and roles (its members and administrators)" })
  @ApiArcsecondList(MemberDto)
  async listOrganisationMembers(@CurrentPrincipal() p: Principal, @Param('subdomain') subdomain: string, @Query() q: PageQueryDto): Promise<ArcsecondList<MemberDto>> {
    return shapeList(pageOf(await this.organisations.members(p, subdomain), q, this.config.archive.pageSize), (items) => items, `/organisations/${subdomain}/members/`, q);
  }

  @Post(':subdomain/members')
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: "Add a member or change its role (administrators and the organisation's admins and owners)" })
  @ApiCreatedResponse({ type: MemberDto })
  addOrganisationMember(@CurrentPrincipal() p: Principal, @Param('subdomain') subdomain: string, @Body() dto: AddMemberDto): Promise<MemberDto> {
    return this.organisations.addMember(p, subdomain, dto);
  }
}
