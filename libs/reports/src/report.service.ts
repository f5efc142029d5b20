import { createHash, randomUUID } from 'node:crypto';
import { EdsError, type XmlDocumentSigner, type XmlDocumentVerifier } from '@hub/eds';
import type { Database, Queryable } from '@hub/platform';
import { REPORT_NS, reportDocument, verificationCode, type ReportContent, type ReportHeader } from './report';
import { reportHtml } from './report-html';

export interface IssuedReport {
  reportId: string;
  subjectId: string;
  issuedAt: Date;
  verificationCode: string;
  documentSha256: string;
  /** the signed XML, exactly as issued */
  document: string;
  header: ReportHeader;
  content: ReportContent;
}

export enum ReportVerdictCode {
  GENUINE = 'GENUINE',
  /** the signature does not verify, or is not the hub's: the EDS check's own code is in `detail` */
  SIGNATURE_INVALID = 'SIGNATURE_INVALID',
  /** a valid hub signature over something that is not a counterparty report */
  NOT_A_REPORT = 'NOT_A_REPORT',
  /** no report with this id was issued here */
  UNKNOWN_REPORT = 'UNKNOWN_REPORT',
  /** the id is known but the document (or the code) differs from what was issued */
  NOT_AS_ISSUED = 'NOT_AS_ISSUED',
}

export interface ReportVerdict {
  genuine: boolean;
  code: ReportVerdictCode;
  detail?: string;
  reportId?: string;
  subjectId?: string;
  issuedAt?: string;
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

interface Row { id: string; subject_id: string; issued_at: Date; verification_code: string; document_sha256: string; document: string; content: { header: Omit<ReportHeader, 'issuedAt'> & { issuedAt: string }; content: ReportContent } }

/**
 * Signed counterparty reports (BPR §28): built from the register's facts and the four indexes,
 * enveloped-signed with the hub's EDS, stored as issued so they can be downloaded again and so the
 * verify door can say "genuine and unchanged" — signature by the hub's own certificate under its
 * pinned trust AND a report the hub itself issued, byte for byte.
 */
export class ReportService {
  constructor(
    private readonly database: Database,
    private readonly signer: XmlDocumentSigner,
    private readonly verifier: XmlDocumentVerifier,
    private readonly issuerBin: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * Signs and stores a report. `alongside` runs in the same transaction (the portal registers the
   * check there): the report and its check are stored together or not at all, with one commit.
   */
  async issue<T = undefined>(requestedBy: ReportHeader['requestedBy'], content: ReportContent, alongside?: (q: Queryable, report: IssuedReport) => Promise<T>): Promise<IssuedReport & { alongside: T | undefined }> {
    const header: ReportHeader = { reportId: randomUUID(), issuedAt: this.clock(), issuerBin: this.issuerBin, requestedBy };
    const document = await this.signer.sign(reportDocument(header, content));
    const documentSha256 = sha256(document);
    const code = verificationCode(documentSha256);
    const report: IssuedReport = { reportId: header.reportId, subjectId: content.subject.id, issuedAt: header.issuedAt, verificationCode: code, documentSha256, document, header, content };
    const extra = await this.database.transaction(async (q) => {
      await q.query(
        `INSERT INTO reports.reports (id, subject_id, requested_by_iin, requested_by_bin, requested_by_role, issued_at, verification_code, document_sha256, document, content)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [header.reportId, content.subject.id, requestedBy.iin, requestedBy.bin, requestedBy.role, header.issuedAt, code, documentSha256, document,
          JSON.stringify({ header: { ...header, issuedAt: header.issuedAt.toISOString() }, content })],
      );
      return alongside ? alongside(q, report) : undefined;
    });
    return { ...report, alongside: extra };
  }

  /** A report as issued, for the person who asked for it (anyone else: null, as if it did not exist). */
  async findFor(reportId: string, requesterIin: string): Promise<IssuedReport | null> {
    if (!/^[0-9a-f-]{36}$/i.test(reportId)) return null;
    const rows = await this.database.query<Row>(
      'SELECT id, subject_id, issued_at, verification_code, document_sha256, document, content FROM reports.reports WHERE id = $1 AND requested_by_iin = $2',
      [reportId, requesterIin],
    );
    const r = rows[0];
    if (!r) return null;
    const header: ReportHeader = { ...r.content.header, issuedAt: new Date(r.content.header.issuedAt) };
    return { reportId: r.id, subjectId: r.subject_id, issuedAt: r.issued_at, verificationCode: r.verification_code, documentSha256: r.document_sha256, document: r.document, header, content: r.content.content };
  }

  html(report: IssuedReport): string {
    return reportHtml(report.header, report.content, report.verificationCode);
  }

  /** Is this signed XML a report the hub issued, unchanged? */
  async verifyDocument(document: string): Promise<ReportVerdict> {
    let root;
    try {
      root = (await this.verifier.verify(document, { subjectType: 'organisation', bin: this.issuerBin })).element;
    } catch (error) {
      if (error instanceof EdsError) return { genuine: false, code: ReportVerdictCode.SIGNATURE_INVALID, detail: error.code };
      throw error;
    }
    if (root.namespaceURI !== REPORT_NS || root.localName !== 'CounterpartyReport') return { genuine: false, code: ReportVerdictCode.NOT_A_REPORT };
    const ids = root.getElementsByTagNameNS(REPORT_NS, 'ReportId');
    const reportId = ids.length === 1 ? (ids.item(0)?.textContent ?? '') : '';
    const stored = await this.byId(reportId);
    if (!stored) return { genuine: false, code: ReportVerdictCode.UNKNOWN_REPORT, reportId };
    const same = stored.document_sha256 === sha256(document) || stored.document_sha256 === sha256(document.trim());
    return same
      ? { genuine: true, code: ReportVerdictCode.GENUINE, reportId, subjectId: stored.subject_id, issuedAt: stored.issued_at.toISOString() }
      : { genuine: false, code: ReportVerdictCode.NOT_AS_ISSUED, reportId };
  }

  /** For a printed copy: the id and the verification code it shows. */
  async verifyCode(reportId: string, code: string): Promise<ReportVerdict> {
    const stored = await this.byId(reportId);
    if (!stored) return { genuine: false, code: ReportVerdictCode.UNKNOWN_REPORT, reportId };
    return stored.verification_code === code.trim().toUpperCase()
      ? { genuine: true, code: ReportVerdictCode.GENUINE, reportId, subjectId: stored.subject_id, issuedAt: stored.issued_at.toISOString() }
      : { genuine: false, code: ReportVerdictCode.NOT_AS_ISSUED, reportId };
  }

  private async byId(reportId: string): Promise<{ subject_id: string; issued_at: Date; verification_code: string; document_sha256: string } | null> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(reportId)) return null;
    const rows = await this.database.query<{ subject_id: string; issued_at: Date; verification_code: string; document_sha256: string }>(
      'SELECT subject_id, issued_at, verification_code, document_sha256 FROM reports.reports WHERE id = $1', [reportId],
    );
    return rows[0] ?? null;
  }
}
