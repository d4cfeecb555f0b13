import { Controller, Get, Module, Post } from '@nestjs/common';
import { CurrentPrincipal, RequirePermission, type Principal } from '@app/auth';
import { UseWireFamily } from '@app/core';

const describe = (p: Principal) => ({ via: p.via, username: p.user?.username ?? null, scope: p.apiKey?.scope ?? null });

/** Routes that exist only in tests, to exercise the guard on permissions no module uses yet. */
@Controller('probe')
class ProbeController {
  @Get('gpio')
  @RequirePermission('gpio', 'read')
  probeRead(@CurrentPrincipal() p: Principal) {
    return describe(p);
  }

  @Post('gpio')
  @RequirePermission('gpio', 'update')
  probeUpdate(@CurrentPrincipal() p: Principal) {
    return describe(p);
  }

  @Post('upload')
  @RequirePermission('sync', 'update', { upload: true })
  probeUpload(@CurrentPrincipal() p: Principal) {
    return describe(p);
  }
}

@Controller('probe-nina')
@UseWireFamily('nina')
class NinaProbeController {
  @Post()
  @RequirePermission('equipment', 'update')
  probeNina() {
    return { ok: true };
  }
}

@Controller('probe-arcsecond')
@UseWireFamily('arcsecond')
class ArcsecondProbeController {
  @Get()
  @RequirePermission('archive', 'read')
  probeArcsecond() {
    return { ok: true };
  }
}

@Module({ controllers: [ProbeController, NinaProbeController, ArcsecondProbeController] })
export class ProbeModule {}
