import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import type { EdsRuntime } from '@hub/eds';
import { CurrentSession } from '../auth/portal.guard';
import { SPEAKS_FOR_ORGANISATION } from '../auth/login.rules';
import { ownSubject, type PortalSession } from '../auth/session';
import { nationalId, notFound } from '../http';
import { CHECK_LOG, PORTAL_CLOCK, PORTAL_EDS } from '../portal.tokens';
import { checkCertificateDocument } from './check-certificate';
import type { CheckLog, CheckOfMe, RecordedCheck } from './check-log';

/**
 * The register of checks seen from both sides (BPR §36). `/me/checks`: the checks I made.
 * `/me/checked-by`: who checked the subject I speak for — my IIN as an individual, my company's
 * BIN as its head or authorised signer (NCA roles HEAD, MAY_SIGN). `/entities/:id/checked-by`: the
 * same for a named subject. Anyone who does not speak for the subject gets 404, not 403, so even
 * the existence of the log is not told.
 */
@Controller('api/v1')
export class ChecksController {
  constructor(
    @Inject(CHECK_LOG) private readonly checks: CheckLog,
    @Inject(PORTAL_EDS) private readonly eds: EdsRuntime,
    @Inject(PORTAL_CLOCK) private readonly clock: () => Date,
  ) {}

  @Get('me/checks')
  async mine(@CurrentSession() session: PortalSession): Promise<{ checks: RecordedCheck[] }> {
    return { checks: await this.checks.madeBy(session) };
  }

  /** The electronic certificate of one of my checks, signed by the hub (date, time, what was shown, the index values). */
  @Get('me/checks/:checkId/certificate')
  async certificate(@Param('checkId') checkId: string, @CurrentSession() session: PortalSession, @Res() res: ServerResponse): Promise<void> {
    const check = await this.checks.oneMadeBy(session, checkId);
    if (!check) throw notFound('check');
    const xml = await this.eds.documentSigner.sign(checkCertificateDocument(check, this.eds.identity.bin ?? '', this.clock()));
    res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8', 'content-disposition': `attachment; filename="check-${check.checkId}.xml"` }).end(xml);
  }

  @Get('me/checked-by')
  async checkedByMe(@CurrentSession() session: PortalSession): Promise<{ subjectId: string; checks: CheckOfMe[] }> {
    const subject = ownSubject(session, SPEAKS_FOR_ORGANISATION);
    if (!subject) throw notFound('subject');
    return { subjectId: subject, checks: await this.checks.of(subject) };
  }

  @Get('entities/:id/checked-by')
  async checkedBy(@Param('id') id: string, @CurrentSession() session: PortalSession): Promise<{ subjectId: string; checks: CheckOfMe[] }> {
    const subject = nationalId(id);
    if (ownSubject(session, SPEAKS_FOR_ORGANISATION) !== subject) throw notFound('subject');
    return { subjectId: subject, checks: await this.checks.of(subject) };
  }
}
