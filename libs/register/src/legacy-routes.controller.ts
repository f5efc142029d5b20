import { Controller, Get, Param, Redirect } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { NationalIdPipe } from '@hub/platform';

/** The routes before /api/v1: permanent redirects (308 keeps the method), so old links keep working. */
@ApiExcludeController()
@Controller('entities')
export class LegacyEntityRoutesController {
  @Get(':bin')
  @Redirect(undefined, 308)
  profile(@Param('bin', NationalIdPipe) id: string): { url: string } {
    return { url: `/api/v1/entities/${id}` };
  }
}
