import { BadRequestException, Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { Public, type Queryable } from '@hub/platform';
import type { ReportService, ReportVerdict } from '@hub/reports';
import { CurrentSession, type PortalRequest } from '../auth/portal.guard';
import { checkerRole, type PortalSession } from '../auth/session';
import { CheckLog, type PreparedCheck } from '../checks/check-log';
import { nationalId, notFound, readRawBody } from '../http';
import { CHECK_LOG, PORTAL_CLOCK, REPORT_SERVICE } from '../portal.tokens';
import { indexValues } from './report-content.rules';
import { SubjectFacts } from './subject-facts';

const MAX_VERIFY_BYTES = 4 * 1024 * 1024;

@Controller('api/v1/reports')
export class ReportsController {
  constructor(
    @Inject(REPORT_SERVICE) private readonly reports: ReportService,
    @Inject(CHECK_LOG) private readonly checks: CheckLog,
    @Inject(PORTAL_CLOCK) private readonly clock: () => Date,
    private readonly facts: SubjectFacts,
  ) {}

  // One function for every report, so a batch of reports stores its checks in one statement.
  private readonly storeChecks = (q: Queryable, prepared: readonly PreparedCheck[]): Promise<void> => this.checks.storeRows(q, prepared.map((p) => p.row));

  /**
   * A full counterparty report (BPR §28) as an EDS-signed XML document, issued now and registered
   * as a check (§36). `{ "subjectId": "<BIN/IIN>" }`.
   */
  @Post()
  @HttpCode(201)
  async issue(@Body() body: { subjectId?: unknown } | undefined, @CurrentSession() session: PortalSession): Promise<Record<string, unknown>> {
    const id = nationalId(body?.subjectId);
    const content = await this.facts.content(id, this.clock());
    if (!content) throw new NotFoundException({ statusCode: 404, code: 'ENTITY_NOT_FOUND', message: 'no registered entity with this BIN/IIN has reached the register yet' });
    const report = await this.reports.issue({ iin: session.iin, bin: session.bin, role: checkerRole(session) }, content, {
      prepare: (r) => this.checks.prepare(session, id, 'REPORT', { reportId: r.reportId, documentSha256: r.documentSha256 }, indexValues(content), r.reportId),
      store: this.storeChecks,
    });
    const check = report.alongside?.check;
    if (!check) throw new Error('the check of a report was not registered');
    return {
      reportId: report.reportId, subjectId: id, issuedAt: report.issuedAt.toISOString(), verificationCode: report.verificationCode, checkId: check.checkId,
      links: { xml: `/api/v1/reports/${report.reportId}`, html: `/api/v1/reports/${report.reportId}/html`, pdf: `/api/v1/reports/${report.reportId}/pdf`, checkCertificate: `/api/v1/me/checks/${check.checkId}/certificate` },
    };
  }

  /**
   * Is a document a genuine, unchanged report of this hub? Public: whoever received a report can
   * check it. Send the signed XML (Content-Type text/xml or application/xml), or JSON
   * `{ "document": "<xml>" }`, or, for a printed copy, `{ "reportId", "verificationCode" }`.
   */
  @Public('whoever received a report checks it is genuine; the answer reveals nothing the document does not')
  @Post('verify')
  @HttpCode(200)
  async verify(@Req() req: PortalRequest, @Body() body: { document?: unknown; reportId?: unknown; verificationCode?: unknown } | undefined): Promise<ReportVerdict> {
    if (/^(text|application)\/xml\b/.test(req.headers['content-type'] ?? '')) return this.reports.verifyDocument(await readRawBody(req, MAX_VERIFY_BYTES));
    if (typeof body?.document === 'string') return this.reports.verifyDocument(body.document);
    if (typeof body?.reportId === 'string' && typeof body.verificationCode === 'string') return this.reports.verifyCode(body.reportId, body.verificationCode);
    throw new BadRequestException({ statusCode: 400, code: 'NOTHING_TO_VERIFY', message: 'send the signed XML, { document }, or { reportId, verificationCode }' });
  }

  /** The signed XML again, exactly as issued (only to whoever asked for it; anyone else: 404). */
  @Get(':reportId')
  async xml(@Param('reportId') reportId: string, @CurrentSession() session: PortalSession, @Res() res: ServerResponse): Promise<void> {
    const report = await this.reports.findFor(reportId, session.iin);
    if (!report) throw notFound('report');
    res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8', 'content-disposition': `attachment; filename="report-${report.reportId}.xml"` }).end(report.document);
  }

  /** The human-readable rendering, with the report id and the verification code. */
  @Get(':reportId/html')
  async html(@Param('reportId') reportId: string, @CurrentSession() session: PortalSession, @Res() res: ServerResponse): Promise<void> {
    const report = await this.reports.findFor(reportId, session.iin);
    if (!report) throw notFound('report');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" }).end(this.reports.html(report));
  }

  /** The same rendering as a PDF (printable; the id and the code on every page). */
  @Get(':reportId/pdf')
  async pdf(@Param('reportId') reportId: string, @CurrentSession() session: PortalSession, @Res() res: ServerResponse): Promise<void> {
    const report = await this.reports.findFor(reportId, session.iin);
    if (!report) throw notFound('report');
    const pdf = await this.reports.pdf(report);
    res.writeHead(200, { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="report-${report.reportId}.pdf"`, 'x-content-type-options': 'nosniff' }).end(pdf);
  }
}
