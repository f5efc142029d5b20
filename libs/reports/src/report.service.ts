import { createHash, randomUUID } from 'node:crypto';
import { EdsError, type XmlDocumentSigner, type XmlDocumentVerifier } from '@hub/eds';
import { GroupCommit, columnLiterals, named, statement, unnestParams, type Column, type Database, type Queryable } from '@hub/platform';
import { REPORT_NS, reportDocument, verificationCode, type ReportContent, type ReportHeader } from './report';
import { reportHtml } from './report-html';
import { loadReportFont, reportPdf } from './report-pdf';

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

/**
 * Rows stored with a report in the same transaction (the portal's check of it, BPR §36): the
 * report and they are stored together or not at all.
 */
export interface Alongside<T> {
  /** What goes with this report; no I/O (it runs before the report is stored). */
  prepare(report: IssuedReport): T;
  /** Stores the prepared values of a batch of reports, inside the transaction that stores them. */
  store(q: Queryable, prepared: readonly T[]): Promise<void>;
}

interface PendingReport { row: unknown[]; alongside?: { store: Alongside<unknown>['store']; value: unknown } }

const REPORT_COLUMNS: readonly Column[] = [
  ['id', 'uuid'], ['subject_id', 'text'], ['requested_by_iin', 'text'], ['requested_by_bin', 'text'], ['requested_by_role', 'text'],
  ['issued_at', 'timestamptz'], ['verification_code', 'text'], ['document_sha256', 'text'], ['document', 'text'], ['content', 'jsonb'],
];
const INSERT_REPORTS = named('reports.insert', `INSERT INTO reports.reports (${REPORT_COLUMNS.map(([n]) => n).join(', ')}) SELECT * FROM unnest(${unnestParams(REPORT_COLUMNS)})`);

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

interface Row { id: string; subject_id: string; issued_at: Date; verification_code: string; document_sha256: string; document: string; content: { header: Omit<ReportHeader, 'issuedAt'> & { issuedAt: string }; content: ReportContent } }

/**
 * Signed counterparty reports (BPR §28): built from the register's facts and the four indexes,
 * enveloped-signed with the hub's EDS, stored as issued so they can be downloaded again and so the
 * verify door can say "genuine and unchanged" — signature by the hub's own certificate under its
 * pinned trust AND a report the hub itself issued, byte for byte.
 */
export class ReportService {
  // Reports answer only once stored (they must be downloadable and verifiable the moment the
  // caller has the id); concurrent ones share a transaction and its commit (see GroupCommit).
  private readonly writer: GroupCommit<PendingReport>;
  /** the PDF rendering's font, read when the first PDF is asked for */
  private font?: Buffer;

  constructor(
    private readonly database: Database,
    private readonly signer: XmlDocumentSigner,
    private readonly verifier: XmlDocumentVerifier,
    private readonly issuerBin: string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.writer = new GroupCommit(database, (q, items) => this.store(q, items));
  }

  /**
   * Signs and stores a report. `alongside` is stored in the same transaction (the portal registers
   * the check there): the report and its check are stored together or not at all.
   */
  async issue<T = undefined>(requestedBy: ReportHeader['requestedBy'], content: ReportContent, alongside?: Alongside<T>): Promise<IssuedReport & { alongside: T | undefined }> {
    const header: ReportHeader = { reportId: randomUUID(), issuedAt: this.clock(), issuerBin: this.issuerBin, requestedBy };
    const document = await this.signer.sign(reportDocument(header, content));
    const documentSha256 = sha256(document);
    const code = verificationCode(documentSha256);
    const report: IssuedReport = { reportId: header.reportId, subjectId: content.subject.id, issuedAt: header.issuedAt, verificationCode: code, documentSha256, document, header, content };
    const extra = alongside?.prepare(report);
    await this.writer.submit({
      row: [header.reportId, content.subject.id, requestedBy.iin, requestedBy.bin, requestedBy.role, header.issuedAt, code, documentSha256, document,
        JSON.stringify({ header: { ...header, issuedAt: header.issuedAt.toISOString() }, content })],
      ...(alongside ? { alongside: { store: alongside.store, value: extra } } : {}),
    });
    return { ...report, alongside: extra };
  }

  /** One batch of reports and what goes with them, in the writer's transaction. */
  private async store(q: Queryable, items: readonly PendingReport[]): Promise<void> {
    await q.query(statement(INSERT_REPORTS, columnLiterals(items.map((i) => i.row), REPORT_COLUMNS.length)));
    const byStore = new Map<Alongside<unknown>['store'], unknown[]>();
    for (const { alongside } of items) {
      if (!alongside) continue;
      const values = byStore.get(alongside.store) ?? [];
      values.push(alongside.value);
      byStore.set(alongside.store, values);
    }
    for (const [store, values] of byStore) await store(q, values);
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

  /** The printable rendering, with the report id and the verification code on every page. */
  pdf(report: IssuedReport): Promise<Buffer> {
    this.font ??= loadReportFont();
    return reportPdf(report.header, report.content, report.verificationCode, this.font);
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
