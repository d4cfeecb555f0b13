import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../decorators/access.decorators';
import { CreateRoleDto, RoleDto, UpdateRoleDto } from '../dtos/auth.dto';
import { RoleService } from '../services/role.service';

@ApiTags('Users')
@Controller('roles')
export class RolesController {
  constructor(private readonly roles: RoleService) {}

  @Get()
  @RequirePermission('users', 'read')
  @ApiOperation({ summary: 'Roles and the permissions each grants' })
  @ApiOkResponse({ type: [RoleDto] })
  listRoles(): Promise<RoleDto[]> {
    return this.roles.list();
  }

  @Post()
  @RequirePermission('users', 'update')
  @ApiOperation({ summary: 'Create a role' })
  @ApiCreatedResponse({ type: RoleDto })
  createRole(@Body() body: CreateRoleDto): Promise<RoleDto> {
    return this.roles.create(body);
  }

  @Patch(':name')
  @RequirePermission('users', 'update')
  @ApiOperation({ summary: "Change a role's description or permissions (built-in roles too); applies to current sessions at once" })
  @ApiOkResponse({ type: RoleDto })
  updateRole(@Param('name') name: string, @Body() body: UpdateRoleDto): Promise<RoleDto> {
    return this.roles.update(name, body);
  }

  @Delete(':name')
  @RequirePermission('users', 'update')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a role that is not built in' })
  @ApiNoContentResponse()
  deleteRole(@Param('name') name: string): Promise<void> {
    return this.roles.delete(name);
  }
}
