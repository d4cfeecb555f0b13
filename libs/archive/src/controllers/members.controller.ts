import { Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { RequirePermission } from '@app/auth';
import { AppConfig } from '@app/core';
import { PageQueryDto } from '../dtos/data.dto';
import { AddMemberDto, PortalMemberDto, UpdateMemberDto } from '../dtos/organisation.dto';
import type { OrganisationEntity } from '../entities/organisation.entities';
import { NOT_FOUND } from '../http/arcsecond-errors';
import { ApiArcsecondList, pageOf, shapeList, type ArcsecondList } from '../http/list-shape';
import { CurrentArchiveCaller, type ArchiveCaller } from '../http/portal';
import { OrganisationsService } from '../services/organisations.service';
import { ArcsecondController } from './arcsecond-controller';

const PORTAL_ONLY = 'Inside a portal (`/<subdomain>/members/…`); without one there is no such member: 404 `{"detail": "Not found."}`.';

/** The portal of the request, or Arcsecond's 404 (a member exists only inside an organisation). */
function portalOf(p: ArchiveCaller): OrganisationEntity {
  if (!p.portal) throw new NotFoundException({ detail: NOT_FOUND });
  return p.portal;
}

/** `members/`: the client library's `api.members`, addressed inside a portal. */
@ArcsecondController()
@Controller('members')
export class MembersController {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @RequirePermission('archive', 'read')
  @ApiOperation({
    summary: "List members: a portal's members and roles (its members and administrators see them); without a portal, the caller's own memberships",
  })
  @ApiArcsecondList(PortalMemberDto)
  async listMembers(@CurrentArchiveCaller() p: ArchiveCaller, @Query() q: PageQueryDto): Promise<ArcsecondList<PortalMemberDto>> {
    const rows = p.portal ? await this.organisations.membershipsIn(p, p.portal) : await this.organisations.membershipsOfCaller(p);
    return shapeList(pageOf(rows, q, this.config.archive.pageSize), (items) => Promise.all(items.map((m) => this.organisations.describe(m))), '/members/', q);
  }

  @Get(':username')
  @RequirePermission('archive', 'read')
  @ApiOperation({ summary: 'Get one member of the portal', description: PORTAL_ONLY })
  @ApiOkResponse({ type: PortalMemberDto })
  async getMember(@CurrentArchiveCaller() p: ArchiveCaller, @Param('username') username: string): Promise<PortalMemberDto> {
    return this.organisations.describe(await this.organisations.memberOf(p, portalOf(p), username));
  }

  @Post()
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: "Add a member to the portal, or change its role (administrators and the organisation's admins and owners)", description: PORTAL_ONLY })
  @ApiCreatedResponse({ type: PortalMemberDto })
  async addMember(@CurrentArchiveCaller() p: ArchiveCaller, @Body() dto: AddMemberDto): Promise<PortalMemberDto> {
    return this.organisations.describe(await this.organisations.setMember(p, portalOf(p), dto.username, dto.role));
  }

  @Patch(':username')
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: "Change a member's role", description: PORTAL_ONLY })
  @ApiOkResponse({ type: PortalMemberDto })
  async updateMember(@CurrentArchiveCaller() p: ArchiveCaller, @Param('username') username: string, @Body() dto: UpdateMemberDto): Promise<PortalMemberDto> {
    const portal = portalOf(p);
    await this.organisations.memberOf(p, portal, username);
    return this.organisations.describe(await this.organisations.setMember(p, portal, username, dto.role));
  }

  @Delete(':username')
  @HttpCode(204)
  @RequirePermission('archive', 'update')
  @ApiOperation({ summary: 'Remove a member from the portal (its data stays in the organisation)', description: PORTAL_ONLY })
  @ApiNoContentResponse()
  async removeMember(@CurrentArchiveCaller() p: ArchiveCaller, @Param('username') username: string): Promise<void> {
    await this.organisations.removeMember(p, portalOf(p), username);
  }
}
